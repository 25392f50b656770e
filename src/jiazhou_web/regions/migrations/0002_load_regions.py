"""Load the city, its districts/counties (GB/T 2260) and the high-tech zone from regions.csv."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from jiazhou_web.regions.reference import load_regions

    load_regions(apps.get_model("regions", "Region"))


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
