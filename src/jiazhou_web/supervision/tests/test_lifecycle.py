"""Every lifecycle step: the allowed role succeeds and writes its audit row; the wrong role is
refused (PermissionDenied); a step out of order is refused with a clear message."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from jiazhou_web.core.models import AuditLog
from jiazhou_web.supervision import actions
from jiazhou_web.supervision.choices import ExtensionStatus, Stage, SupervisionEvent
from jiazhou_web.supervision.models import Notification
from jiazhou_web.supervision.tests.conftest import at

pytestmark = pytest.mark.django_db


def events(item: Any) -> list[str]:
    return list(AuditLog.objects.for_object(item).values_list("event_type", flat=True))


def test_create_item_registers_it_with_milestones_and_audit(make_item: Any) -> None:
    item = make_item(milestones=(("完成中试", dt.date(2025, 5, 1)),))
    assert item.stage == Stage.DRAFT
    assert item.milestones.count() == 1
    assert list(item.indicator_links.values_list("code", flat=True)) == ["rd_intensity"]
    assert events(item) == [SupervisionEvent.ITEM_CREATED]


def test_create_item_refuses_a_deadline_before_the_start(
    task_list: Any, department: Any, city_admin: Any
) -> None:
    with pytest.raises(actions.SupervisionError, match="早于开始日期"):
        actions.create_item(
            task_list,
            code="X",
            title="x",
            lead_unit=department,
            start_date=dt.date(2025, 5, 1),
            deadline=dt.date(2025, 4, 1),
            actor=city_admin,
        )


def test_create_item_is_refused_to_a_department_officer(
    task_list: Any, department: Any, dept_officer: Any
) -> None:
    with pytest.raises(PermissionDenied):
        actions.create_item(
            task_list,
            code="X",
            title="x",
            lead_unit=department,
            start_date=dt.date(2025, 4, 1),
            deadline=dt.date(2025, 5, 1),
            actor=dept_officer,
        )


def test_assign_moves_to_assigned_notifies_the_unit_and_audits(
    make_item: Any, city_admin: Any, dept_officer: Any
) -> None:
    item = make_item()
    actions.assign_item(item, actor=city_admin, at=at("2025-03-03"))
    assert item.stage == Stage.ASSIGNED and item.assigned_at == at("2025-03-03")
    assert events(item)[0] == SupervisionEvent.ITEM_ASSIGNED
    assert Notification.objects.filter(recipient=dept_officer).count() == 1


def test_assign_by_a_department_officer_is_refused(make_item: Any, dept_officer: Any) -> None:
    with pytest.raises(PermissionDenied):
        actions.assign_item(make_item(), actor=dept_officer)


def test_assign_twice_is_refused_naming_the_stage(make_item: Any, city_admin: Any) -> None:
    item = make_item("assigned")
    with pytest.raises(actions.SupervisionError, match="当前处于「已交办」|cannot be assigned"):
        actions.assign_item(item, actor=city_admin)


def test_sign_by_the_lead_unit_officer(make_item: Any, dept_officer: Any) -> None:
    item = make_item("assigned")
    actions.sign_item(item, actor=dept_officer, at=at("2025-03-05"))
    assert item.stage == Stage.SIGNED
    assert events(item)[0] == SupervisionEvent.ITEM_SIGNED


def test_sign_by_the_city_admin_or_another_unit_is_refused(
    make_item: Any, city_admin: Any, county_officer: Any
) -> None:
    item = make_item("assigned")
    for actor in (city_admin, county_officer):
        with pytest.raises(PermissionDenied):
            actions.sign_item(item, actor=actor)


def test_sign_before_assignment_is_refused(make_item: Any, dept_officer: Any) -> None:
    with pytest.raises(actions.SupervisionError, match="cannot be signed for"):
        actions.sign_item(make_item(), actor=dept_officer)


def test_report_progress_stores_report_attachment_and_milestone(
    make_item: Any,
    dept_officer: Any,
    settings: Any,
    tmp_path: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    item = make_item("signed", milestones=(("完成中试", dt.date(2025, 5, 1)),))
    milestone = item.milestones.get()
    upload = SimpleUploadedFile("进展.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):  # the file lands on commit
        report = actions.report_progress(
            item,
            percent_done=40,
            text="中试完成",
            milestone=milestone,
            attachment=upload,
            actor=dept_officer,
            at=at("2025-04-01"),
        )
    item.refresh_from_db()
    milestone.refresh_from_db()
    assert (item.stage, item.percent_done) == (Stage.IN_PROGRESS, 40)
    assert milestone.done_at == at("2025-04-01")
    assert str(report.attachment.name).startswith("supervision/reports/")
    assert (tmp_path / report.attachment.name).exists()
    assert events(item)[0] == SupervisionEvent.PROGRESS_REPORTED


@override_settings(SUPERVISION_ATTACHMENT_MAX_BYTES=10)
def test_report_progress_refuses_an_oversized_attachment(make_item: Any, dept_officer: Any) -> None:
    item = make_item("signed")
    upload = SimpleUploadedFile("big.pdf", b"x" * 11)
    with pytest.raises(actions.SupervisionError, match="超过上限"):
        actions.report_progress(
            item, percent_done=40, text="x", attachment=upload, actor=dept_officer
        )
    assert item.reports.count() == 0


def test_report_progress_refuses_a_lower_percentage(make_item: Any, dept_officer: Any) -> None:
    item = make_item("in_progress")
    with pytest.raises(actions.SupervisionError, match="不得低于上次填报"):
        actions.report_progress(item, percent_done=5, text="x", actor=dept_officer)


def test_report_progress_on_an_assigned_item_is_refused(make_item: Any, dept_officer: Any) -> None:
    with pytest.raises(actions.SupervisionError, match="cannot be reported on"):
        actions.report_progress(make_item("assigned"), percent_done=5, text="x", actor=dept_officer)


def test_completion_verification_and_closing(
    make_item: Any, dept_officer: Any, city_admin: Any
) -> None:
    item = make_item("in_progress")
    actions.request_completion(item, text="已通过验收", actor=dept_officer, at=at("2025-06-20"))
    assert (item.stage, item.percent_done) == (Stage.COMPLETION_REQUESTED, 100)
    with pytest.raises(PermissionDenied):
        actions.verify_item(item, actor=dept_officer)
    with pytest.raises(actions.SupervisionError, match="cannot be closed"):
        actions.close_item(item, actor=city_admin)
    actions.verify_item(item, actor=city_admin, at=at("2025-06-23"))
    actions.close_item(item, actor=city_admin, at=at("2025-06-24"))
    assert item.stage == Stage.CLOSED
    assert events(item)[:3] == [
        SupervisionEvent.ITEM_CLOSED,
        SupervisionEvent.ITEM_VERIFIED,
        SupervisionEvent.COMPLETION_REQUESTED,
    ]


def test_return_sends_a_completion_request_back(
    make_item: Any, dept_officer: Any, city_admin: Any
) -> None:
    item = make_item("in_progress")
    actions.request_completion(item, text="完成", actor=dept_officer)
    with pytest.raises(actions.SupervisionError, match="退回理由"):
        actions.return_item(item, reason=" ", actor=city_admin)
    actions.return_item(item, reason="佐证材料不全", actor=city_admin)
    assert item.stage == Stage.IN_PROGRESS and item.completion_requested_at is None
    assert events(item)[0] == SupervisionEvent.ITEM_RETURNED


def test_extension_request_and_approval_move_the_deadline(
    make_item: Any, dept_officer: Any, city_admin: Any
) -> None:
    item = make_item("in_progress")
    with pytest.raises(actions.SupervisionError, match="须晚于当前期限"):
        actions.request_extension(
            item, proposed_deadline=dt.date(2025, 6, 1), reason="x", actor=dept_officer
        )
    request = actions.request_extension(
        item,
        proposed_deadline=dt.date(2025, 9, 30),
        reason="设备到货延迟",
        actor=dept_officer,
        at=at("2025-06-02"),
    )
    with pytest.raises(PermissionDenied):
        actions.decide_extension(request, approve=True, actor=dept_officer)
    actions.decide_extension(request, approve=True, actor=city_admin)
    item.refresh_from_db()
    assert item.deadline == dt.date(2025, 9, 30) and item.original_deadline == dt.date(2025, 6, 30)
    assert request.status == ExtensionStatus.APPROVED
    with pytest.raises(actions.SupervisionError, match="不能再次审批"):
        actions.decide_extension(request, approve=False, actor=city_admin)
    assert events(item)[:2] == [
        SupervisionEvent.EXTENSION_APPROVED,
        SupervisionEvent.EXTENSION_REQUESTED,
    ]


def test_rejected_extension_keeps_the_deadline(
    make_item: Any, dept_officer: Any, city_admin: Any
) -> None:
    item = make_item("signed")
    request = actions.request_extension(
        item,
        proposed_deadline=dt.date(2025, 9, 30),
        reason="x",
        actor=dept_officer,
        at=at("2025-06-02"),
    )
    actions.decide_extension(request, approve=False, note="理由不充分", actor=city_admin)
    item.refresh_from_db()
    assert item.deadline == dt.date(2025, 6, 30)
    assert events(item)[0] == SupervisionEvent.EXTENSION_REJECTED
