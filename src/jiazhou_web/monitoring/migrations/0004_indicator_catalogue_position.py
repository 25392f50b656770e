"""Indicators in catalogue order (the order of monitoring/data/indicators.csv), not by code."""

from typing import Any

from django.db import migrations, models


def number_rows(apps: Any, schema_editor: Any) -> None:
    from jiazhou_web.monitoring.reference import read

    indicator = apps.get_model("monitoring", "Indicator")
    for position, row in enumerate(read("indicators.csv"), start=1):
        indicator.objects.filter(code=row["code"]).update(position=position)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0003_index_observations_by_region_period")]
    operations = [
        migrations.AddField(
            model_name="indicator",
            name="position",
            field=models.PositiveIntegerField(default=0, verbose_name="catalogue position"),
        ),
        migrations.AlterModelOptions(
            name="indicator",
            options={
                "ordering": ["position", "code"],
                "verbose_name": "indicator",
                "verbose_name_plural": "indicators",
            },
        ),
        migrations.RunPython(number_rows, migrations.RunPython.noop),
    ]
