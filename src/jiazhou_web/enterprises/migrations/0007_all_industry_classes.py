"""Reload enterprises/data/industries.csv, now every 中类 and 小类 of GB/T 4754-2017 (with its
第1号修改单 of 2019): 473 中类 and 1381 小类 in all 20 门类, so a firm coded at e.g. 5261
汽车新车零售 or 7212 投资与资产管理 is accepted (issue 14). The loader updates or creates by
code, so databases that already hold the earlier rows just gain the new ones."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from jiazhou_web.enterprises.reference import load_industries

    load_industries(apps.get_model("enterprises", "Industry"))


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0006_all_manufacturing_classes")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
