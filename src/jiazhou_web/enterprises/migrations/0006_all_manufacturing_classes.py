"""Reload enterprises/data/industries.csv: every 中类 and 小类 of 制造业 (C13–C43, 179 + 609)
of GB/T 4754-2017, so e.g. 3071 建筑陶瓷制品制造 is accepted (issue 14). Idempotent loader."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from jiazhou_web.enterprises.reference import load_industries

    load_industries(apps.get_model("enterprises", "Industry"))


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0005_dated_incidents")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
