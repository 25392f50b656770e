"""Entering a batch's values: last year's values read once per batch, replacing a value in place."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jiazhou_web.core.models import AuditLog
from jiazhou_web.monitoring import actions
from jiazhou_web.monitoring.choices import MonitoringEvent
from jiazhou_web.monitoring.models import Indicator, Observation
from jiazhou_web.monitoring.validation import previous_values

pytestmark = pytest.mark.django_db


def _counts(n: int) -> list[Any]:
    return list(Indicator.objects.filter(kind="count").order_by("code")[:n])


def test_previous_values_read_the_regions_approved_values_only(
    report: Any, regions: dict[str, Any], indicator: Any
) -> None:
    draft = report("511112", "2024", "10", until="draft")
    report("LS-HTZ", "2024", "7")  # another region
    report("511112", "2023", "9")  # two years earlier
    assert previous_values(regions["511112"], "2025") == {}
    actions.submit_submission(draft, actor=None)
    actions.approve_submission(draft, actor=None)
    assert previous_values(regions["511112"], "2025") == {indicator.pk: Decimal(10)}


def test_an_import_costs_the_same_queries_for_two_rows_as_for_six(
    regions: dict[str, Any],
) -> None:
    def queries(region: str, n: int) -> int:
        batch = actions.open_submission(regions[region], "2025", actor=None)
        rows = [{"indicator": i, "value": Decimal(5)} for i in _counts(n)]
        with CaptureQueriesContext(connection) as captured:
            stored = actions.import_observations(batch, rows, actor=None)
        assert len(stored) == n and all(o.pk for o in stored)
        return len(captured)

    assert queries("511112", 2) == queries("511102", 6)


def test_an_import_warns_against_last_years_approved_value(
    report: Any, regions: dict[str, Any], indicator: Any
) -> None:
    report("511112", "2024", "10")
    batch = actions.open_submission(regions["511112"], "2025", actor=None)
    other = Indicator.objects.filter(kind="count").exclude(pk=indicator.pk).order_by("code")[0]
    rows = [
        {"indicator": indicator, "value": Decimal(20)},
        {"indicator": other, "value": Decimal(3)},
    ]
    first, second = actions.import_observations(batch, rows, actor=None)
    assert "+100.0%" in first.warnings[0] and second.warnings == []
    imported = AuditLog.objects.filter(event_type=MonitoringEvent.OBSERVATIONS_IMPORTED)
    assert imported.count() == 1  # one audit row for the file


def test_re_entering_a_value_replaces_it_in_place(
    report: Any, regions: dict[str, Any], indicator: Any
) -> None:
    report("511112", "2024", "10")
    batch = actions.open_submission(regions["511112"], "2025", actor=None)
    warned = actions.record_observation(batch, indicator, value=Decimal(20), actor=None)
    fixed = actions.record_observation(batch, indicator, value=Decimal(11), actor=None)
    assert fixed.pk == warned.pk and fixed.updated >= warned.updated
    stored = Observation.objects.get(submission=batch)
    assert stored.value == Decimal(11) and stored.warnings == []
    recorded = AuditLog.objects.filter(event_type=MonitoringEvent.OBSERVATION_RECORDED)
    assert recorded.count() == 3  # the fixture's value and the two entries


def test_an_error_in_any_row_stores_none_of_the_file(
    regions: dict[str, Any], indicator: Any
) -> None:
    batch = actions.open_submission(regions["511112"], "2025", actor=None)
    rows = [
        {"indicator": indicator, "value": Decimal(5)},
        {"indicator": indicator, "value": Decimal(-1)},
    ]
    with pytest.raises(ValidationError, match="不能为负数"):
        actions.import_observations(batch, rows, actor=None)
    assert not Observation.objects.filter(submission=batch).exists()
