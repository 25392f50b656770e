"""Reload enterprises/data/industries.csv: adds the 中类/小类 the synthetic population uses
(jiazhou/synthetic/leshan.toml). The loader is idempotent (update_or_create by code)."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from jiazhou_web.enterprises.reference import load_industries

    load_industries(apps.get_model("enterprises", "Industry"))


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0003_load_industries")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
