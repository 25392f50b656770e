"""Two-grade validation: errors (type, unit, range) block; warnings need an explanation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from jiazhou_web.monitoring import actions
from jiazhou_web.monitoring.choices import Severity
from jiazhou_web.monitoring.models import Indicator, Observation
from jiazhou_web.monitoring.validation import (
    check_change,
    check_period,
    check_value,
    parse_number,
    previous_period,
)

pytestmark = pytest.mark.django_db


def test_a_non_number_is_an_error() -> None:
    value, errors = parse_number("十二", "数值")
    assert value is None
    assert [e.severity for e in errors] == [Severity.ERROR]
    assert "应为数字" in str(errors[0])


def test_a_wrong_unit_is_an_error(indicator: Any) -> None:
    [error] = check_value(indicator, Decimal(12), "个")
    assert error.severity == Severity.ERROR
    assert "应为「家」" in error.zh


def test_a_fractional_count_is_an_error(indicator: Any) -> None:
    [error] = check_value(indicator, Decimal("12.5"), "家")
    assert "整数" in error.zh


def test_a_share_above_100_is_an_error() -> None:
    share = Indicator.objects.get(code="hz_gdp_share_of_city")
    [error] = check_value(share, Decimal(120), "%")
    assert "0 到 100" in error.zh


def test_a_rank_below_one_is_an_error() -> None:
    rank = Indicator.objects.get(code="hz_national_ranking")
    assert check_value(rank, Decimal(0), "名")


def test_a_valid_value_has_no_error(indicator: Any) -> None:
    assert check_value(indicator, Decimal(12), "家") == []
    assert check_value(indicator, Decimal(12), "") == []


def test_a_change_above_30_percent_is_a_warning_not_an_error() -> None:
    [warning] = check_change(Decimal(14), Decimal(10), None)
    assert warning.severity == Severity.WARNING
    assert "+40.0%" in warning.zh


def test_a_change_of_exactly_30_percent_is_accepted() -> None:
    assert check_change(Decimal(13), Decimal(10), None) == []


def test_a_reported_yoy_growth_above_30_percent_is_a_warning() -> None:
    [warning] = check_change(Decimal(10), None, Decimal("38.8"))
    assert warning.severity == Severity.WARNING


def test_previous_period_shifts_every_year() -> None:
    assert previous_period("2025") == "2024"
    assert previous_period("2026-01..2026-09") == "2025-01..2025-09"
    assert previous_period("asof:2026-09") == "asof:2025-09"


def test_an_unknown_period_is_an_error() -> None:
    assert check_period("2025年") and check_period("unstated")
    assert check_period("2026-01..2026-09") == []


def test_recording_an_error_stores_nothing(regions: dict[str, Any], indicator: Any) -> None:
    batch = actions.open_submission(regions["511112"], "2025", actor=None)
    with pytest.raises(ValidationError):
        actions.record_observation(batch, indicator, value=Decimal(-1), actor=None)
    assert not Observation.objects.exists()


def test_a_warning_blocks_submitting_until_explained(report: Any, indicator: Any) -> None:
    report("511112", "2024", "10")
    batch = actions.open_submission(_region(), "2025", actor=None)
    observation = actions.record_observation(batch, indicator, value=Decimal(20), actor=None)
    assert observation.warnings and observation.needs_explanation
    with pytest.raises(ValidationError, match="说明"):
        actions.submit_submission(batch, actor=None)
    actions.explain_observation(observation, "新认定一批企业", actor=None)
    actions.submit_submission(batch, actor=None)
    assert batch.status == "submitted"


def _region() -> Any:
    from jiazhou_web.regions.models import Region

    return Region.objects.get(code="511112")
