"""Submit → return with comment → resubmit → approve, each audited; drafts never count."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jiazhou_web.core.models import AuditLog
from jiazhou_web.monitoring import actions
from jiazhou_web.monitoring.choices import MonitoringEvent, SubmissionStatus
from jiazhou_web.monitoring.models import Observation
from jiazhou_web.monitoring.progress import statuses_for

pytestmark = pytest.mark.django_db


def _events(obj: Any) -> list[str]:
    return list(
        AuditLog.objects.for_object(obj).order_by("id").values_list("event_type", flat=True)
    )


def test_submit_return_and_approve_each_write_one_audit_row(
    regions: dict[str, Any], indicator: Any, county_officer: Any, city_admin: Any
) -> None:
    batch = actions.open_submission(regions["511112"], "2025", actor=county_officer)
    actions.record_observation(batch, indicator, value=Decimal(12), actor=county_officer)
    actions.submit_submission(batch, actor=county_officer)
    actions.return_submission(batch, "请核对认定名单", actor=city_admin)
    assert batch.status == SubmissionStatus.RETURNED
    actions.submit_submission(batch, actor=county_officer)
    actions.approve_submission(batch, actor=city_admin)
    assert _events(batch) == [
        MonitoringEvent.SUBMISSION_CREATED,
        MonitoringEvent.SUBMISSION_SUBMITTED,
        MonitoringEvent.SUBMISSION_RETURNED,
        MonitoringEvent.SUBMISSION_SUBMITTED,
        MonitoringEvent.SUBMISSION_APPROVED,
    ]
    returned = AuditLog.objects.get(event_type=MonitoringEvent.SUBMISSION_RETURNED)
    assert returned.after == {"status": "returned", "comment": "请核对认定名单"}
    assert returned.actor == city_admin


def test_return_requires_a_comment(report: Any, city_admin: Any) -> None:
    batch = report("511112", "2025", "12", until="submitted")
    with pytest.raises(ValidationError):
        actions.return_submission(batch, "  ", actor=city_admin)


def test_county_officer_cannot_approve_and_cannot_report_for_the_zone(
    report: Any, regions: dict[str, Any], county_officer: Any
) -> None:
    batch = report("511112", "2025", "12", until="submitted")
    with pytest.raises(PermissionDenied):
        actions.approve_submission(batch, actor=county_officer)
    with pytest.raises(PermissionDenied):
        actions.open_submission(regions["LS-HTZ"], "2025", actor=county_officer)


def test_city_admin_approves_but_does_not_report(regions: dict[str, Any], city_admin: Any) -> None:
    with pytest.raises(PermissionDenied):
        actions.open_submission(regions["511112"], "2025", actor=city_admin)


def test_an_approved_batch_cannot_be_changed(report: Any, indicator: Any) -> None:
    batch = report("511112", "2025", "12")
    with pytest.raises(ValidationError):
        actions.record_observation(batch, indicator, value=Decimal(13), actor=None)


def test_drafts_and_submitted_batches_do_not_feed_the_dashboard(
    report: Any, make_target: Any, city_admin: Any
) -> None:
    make_target("511112", "20", year=2030)
    report("511112", "2024", "10")
    report("511112", "2025", "25", until="submitted")
    report("511112", "asof:2026-06", "26", until="draft")
    [status] = statuses_for(city_admin, synthetic=True, at=dt.date(2026, 11, 1))
    assert status.evaluation.current_value == 10.0
    assert status.evaluation.current_period == "2024"
    assert Observation.objects.approved().count() == 1


def test_approving_makes_the_value_count(report: Any, make_target: Any, city_admin: Any) -> None:
    make_target("511112", "20", year=2030)
    batch = report("511112", "2025", "25", until="submitted")
    actions.approve_submission(batch, actor=city_admin)
    [status] = statuses_for(city_admin, synthetic=True, at=dt.date(2026, 11, 1))
    assert status.evaluation.current_value == 25.0
    assert status.light == "green"
