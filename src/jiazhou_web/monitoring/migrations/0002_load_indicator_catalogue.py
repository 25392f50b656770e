"""Load the indicator catalogue and the seed documents from monitoring/data/ (reference data).

Source: shared/data/leshan/indicators.csv (facts from seeds 000-004), copied into the repo.
"""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from jiazhou_web.monitoring.reference import load_reference

    load_reference(
        apps.get_model("monitoring", "Indicator"), apps.get_model("monitoring", "SourceDocument")
    )


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_indicators_targets_observations")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
