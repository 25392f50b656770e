"""pytest plugin for mutation runs (``-p mutation_profile``): fewer Hypothesis examples.

Each mutant runs the module's tests once; hand-computed cases do the killing, so property tests
run 25 examples instead of 100 and without deadlines (the machine is shared). Tests marked
``spark`` (a JVM and minutes per run, ``make spark``) are left out: the scheme SQL they check is
also checked against DuckDB in tests/schemes/test_engine.py.
"""

import pytest
from hypothesis import settings

settings.register_profile("mutation", max_examples=25, deadline=None, database=None)
settings.load_profile("mutation")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    kept = [item for item in items if item.get_closest_marker("spark") is None]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept
