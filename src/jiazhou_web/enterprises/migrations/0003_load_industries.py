"""Load GB/T 4754-2017 国民经济行业分类 (20 门类, 97 大类 and the 中类/小类 in use) from
enterprises/data/industries.csv."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from jiazhou_web.enterprises.reference import load_industries

    load_industries(apps.get_model("enterprises", "Industry"))


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0002_real_enterprise_provenance")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
