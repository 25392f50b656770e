"""The daily run with the clock moved forward: an item turns yellow, then red; 督办单 are
issued, escalated when unanswered, and a second run the same day creates nothing."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from jiazhou_web.core.models import AuditLog
from jiazhou_web.supervision import actions
from jiazhou_web.supervision.choices import Light, NoticeKind, NoticeStatus
from jiazhou_web.supervision.daily_run import run_daily
from jiazhou_web.supervision.models import Notice, Notification, TaskItem
from jiazhou_web.supervision.tables import item_reading
from jiazhou_web.supervision.tests.conftest import at

pytestmark = pytest.mark.django_db


def snapshot() -> tuple[int, int, int, list[tuple[str, int, str]]]:
    return (
        Notice.objects.count(),
        Notification.objects.count(),
        AuditLog.objects.count(),
        list(Notice.objects.order_by("pk").values_list("number", "level", "status")),
    )


def test_item_turns_yellow_then_red_and_notices_follow(
    make_item: Any, dept_officer: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.SUPERVISION_REPLY_WORKING_DAYS = 3
    dept_officer.email = "officer@example.org"
    dept_officer.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        item = make_item("in_progress", start="2025-03-03", deadline="2025-03-28")  # 10 %
    assert not mail.outbox  # the assignment e-mail waits for the commit
    for callback in callbacks:
        callback()
    assert mail.outbox and "officer@example.org" in mail.outbox[-1].to

    with time_machine.travel(at("2025-03-04", 8), tick=False):
        assert item_reading(TaskItem.objects.get(pk=item.pk)).light == Light.GREEN
        assert run_daily().issued == []

    with time_machine.travel(at("2025-03-12", 8), tick=False):  # 7/20 working days → 35 %
        assert item_reading(TaskItem.objects.get(pk=item.pk)).light == Light.YELLOW
        summary = run_daily()
        assert summary.issued == ["乐科督〔2025〕1号"]
        notice = Notice.objects.get()
        assert (notice.kind, notice.level) == (NoticeKind.YELLOW, 0)
        assert str(notice.respond_by) == "2025-03-17"  # 3 working days after Wed 03-12
        before = snapshot()
        assert not run_daily().changed  # second run the same day
        assert snapshot() == before

    with time_machine.travel(at("2025-03-18", 8), tick=False):  # reply window passed
        summary = run_daily()
        assert summary.escalated == ["乐科督〔2025〕1号"]
        notice.refresh_from_db()
        assert notice.level == 1 and str(notice.respond_by) == "2025-03-21"
        before = snapshot()
        run_daily()
        assert snapshot() == before

    with time_machine.travel(at("2025-03-31", 8), tick=False):  # past the deadline
        assert item_reading(TaskItem.objects.get(pk=item.pk)).light == Light.RED
        summary = run_daily()
        red = Notice.objects.get(kind=NoticeKind.RED)
        assert summary.issued == [red.number]
        notice.refresh_from_db()
        assert notice.status == NoticeStatus.SUPERSEDED
        before = snapshot()
        call_command("run_supervision")
        assert snapshot() == before


def test_an_answered_notice_stops_escalating(make_item: Any, dept_officer: Any) -> None:
    item = make_item("in_progress", start="2025-03-03", deadline="2025-03-28")
    run_daily(at("2025-03-12", 8))
    notice = Notice.objects.get()
    actions.answer_notice(
        notice, answer="已加派人员，本周补齐进度", actor=dept_officer, at=at("2025-03-13")
    )
    assert run_daily(at("2025-03-20", 8)).escalated == []
    assert Notice.objects.filter(item=item).count() == 1  # not re-issued within 10 working days


def test_escalation_stops_at_the_top_level(make_item: Any) -> None:
    make_item("in_progress", start="2025-03-03", deadline="2025-06-30")
    run_daily(at("2025-04-01", 8))
    for day in ("2025-04-08", "2025-04-15", "2025-04-22", "2025-04-29"):
        run_daily(at(day, 8))
    assert Notice.objects.get(kind=NoticeKind.YELLOW).level == 2


def test_blue_reminder_and_milestone_reminder_are_sent_once(
    make_item: Any, dept_officer: Any
) -> None:
    import datetime as dt

    item = make_item(
        "signed",
        start="2025-03-03",
        deadline="2025-03-28",
        milestones=(("完成样机", dt.date(2025, 3, 26)),),
    )
    actions.report_progress(item, percent_done=90, text="x", actor=dept_officer)
    summary = run_daily(at("2025-03-24", 8))
    assert [n.kind for n in Notice.objects.all()] == [NoticeKind.BLUE]
    assert summary.reminders == 1
    again = run_daily(at("2025-03-25", 8))
    assert again.issued == [] and again.reminders == 0


def test_closing_an_item_closes_its_open_notices(
    make_item: Any, dept_officer: Any, city_admin: Any
) -> None:
    item = make_item("in_progress", start="2025-03-03", deadline="2025-03-28")
    run_daily(at("2025-03-12", 8))
    actions.request_completion(item, text="完成", actor=dept_officer)
    actions.verify_item(item, actor=city_admin)
    actions.close_item(item, actor=city_admin)
    assert Notice.objects.get().status == NoticeStatus.CLOSED
