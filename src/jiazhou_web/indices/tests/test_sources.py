"""build_table: approved values only, year-end stocks as the year's value, gaps reported."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from jiazhou.index.presets import load_preset
from jiazhou_web.indices.sources import build_table, years_with_data
from jiazhou_web.indices.tests.conftest import report
from jiazhou_web.monitoring import actions as monitoring
from jiazhou_web.monitoring.models import Indicator

pytestmark = pytest.mark.django_db
FRAMEWORK = load_preset("leshan_sti").framework


def _value(table: Any, region: str, code: str) -> Any:
    row = table.frame.filter(table.frame["uCode"] == region)
    return row[code][0] if row.height else None


def test_missing_indicators_and_regions_without_data_are_reported(index_data: Any) -> None:
    table = build_table(FRAMEWORK, 2025)
    assert table.missing == {"LS-HTZ": ["rd_intensity"]}
    assert "511102" in table.regions_without_data
    assert set(table.frame["uCode"]) == {"511100", "511112", "LS-HTZ"}
    assert _value(table, "LS-HTZ", "rd_intensity") is None


def test_values_of_batches_not_yet_approved_are_left_out(regions: dict[str, Any]) -> None:
    report(regions["511102"], "2025", {"rd_intensity": 2.0}, approve=False)  # submitted only
    draft = monitoring.open_submission(regions["511111"], "2025", actor=None)
    monitoring.record_observation(
        draft, Indicator.objects.get(code="rd_intensity"), value=Decimal(2), actor=None
    )
    table = build_table(FRAMEWORK, 2025)
    assert table.frame.height == 0
    assert table.observations == 0


def test_the_calendar_year_figure_wins_over_the_year_end_stock(regions: dict[str, Any]) -> None:
    report(regions["511102"], "asof:2025-12", {"rd_intensity": 1.1})
    report(regions["511102"], "2025", {"rd_intensity": 1.3})
    report(regions["511102"], "asof:2025-06", {"cloud_enterprises": 99})  # mid-year: not 2025
    table = build_table(FRAMEWORK, 2025)
    assert _value(table, "511102", "rd_intensity") == pytest.approx(1.3)
    assert _value(table, "511102", "cloud_enterprises") is None
    assert years_with_data(FRAMEWORK) == [2025]


def test_the_hash_changes_with_any_value(regions: dict[str, Any]) -> None:
    report(regions["511102"], "2025", {"rd_intensity": 1.3})
    before = build_table(FRAMEWORK, 2025).data_hash
    report(regions["511111"], "2025", {"rd_intensity": 1.3})
    assert build_table(FRAMEWORK, 2025).data_hash != before
