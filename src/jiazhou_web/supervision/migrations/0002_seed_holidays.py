"""Seed the editable holiday table from the engine's packaged schedule
(``jiazhou/worktime/data/holidays.csv``, exported from chinesecalendar; 国务院办公厅放假安排)."""

from typing import Any

from django.db import migrations


def seed(apps: Any, schema_editor: Any) -> None:
    from jiazhou_web.supervision.reference import load_holidays

    load_holidays(apps.get_model("supervision", "Holiday"))


def unseed(apps: Any, schema_editor: Any) -> None:
    apps.get_model("supervision", "Holiday").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_supervision_lists_items_notices")]
    operations = [migrations.RunPython(seed, unseed)]
