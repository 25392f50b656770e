"""Seed the editable holiday table from the engine's packaged schedule
(``jiazhou/worktime/data/holidays.csv``, exported from chinesecalendar; 国务院办公厅放假安排)."""

from typing import Any

from django.db import migrations


def seed(apps: Any, schema_editor: Any) -> None:
    from jiazhou.worktime import packaged_holiday_records

    Holiday = apps.get_model("supervision", "Holiday")
    Holiday.objects.bulk_create(
        [
            Holiday(
                day=r.day, kind=r.kind, name=r.name, name_zh=r.name_zh, year=r.year, source=r.source
            )
            for r in packaged_holiday_records()
        ]
    )


def unseed(apps: Any, schema_editor: Any) -> None:
    apps.get_model("supervision", "Holiday").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_supervision_lists_items_notices")]
    operations = [migrations.RunPython(seed, unseed)]
