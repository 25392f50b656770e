"""The daily job under faults: a second run while one holds the lock is refused with a clear
message and changes nothing; a lock left by a killed run lapses; two runs at once (threads on
PostgreSQL) issue each notice once with distinct numbers; two escalations at once escalate and
audit once; concurrent issues never share a number; a date the calendar cannot answer is
reported per item while the run goes on."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection, connections
from tests.faults.conftest import needs_postgres

from jiazhou.worktime.provisional import LAST_PROVISIONAL_YEAR
from jiazhou_web.core import audit, job_locks
from jiazhou_web.core.models import AuditLog, JobLock
from jiazhou_web.supervision import actions
from jiazhou_web.supervision.choices import NoticeKind, SupervisionEvent
from jiazhou_web.supervision.daily_run import LOCK_NAME, run_daily
from jiazhou_web.supervision.models import Notice, Notification
from jiazhou_web.supervision.tests.conftest import at
from jiazhou_web.supervision.working_calendar import current_calendar

RUN_AT = at("2025-04-01", 8)  # every item below is overdue (red) by then


def state() -> tuple[list[tuple[str, int, int, str]], int, int]:
    notices = list(
        Notice.objects.order_by("pk").values_list("number", "item_id", "level", "status")
    )
    return notices, Notification.objects.count(), AuditLog.objects.count()


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run ``calls`` in threads released together; each result or the exception it raised."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def worker(i: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - the test inspects what each raised
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


@pytest.mark.django_db
def test_a_second_run_while_one_holds_the_lock_is_refused_and_changes_nothing(
    make_item: Any,
) -> None:
    make_item("in_progress", start="2025-03-03", deadline="2025-03-14")
    holder = job_locks.acquire(LOCK_NAME, ttl=dt.timedelta(hours=2))  # a run in progress
    before = state()
    with time_machine.travel(RUN_AT, tick=False), pytest.raises(CommandError) as refused:
        call_command("run_supervision")
    message = str(refused.value)
    assert message.startswith("「supervision.daily_run」正在运行")
    assert "本次未运行，未做任何更改" in message and "already running" in message
    assert state() == before
    job_locks.release(LOCK_NAME, holder)
    with time_machine.travel(RUN_AT, tick=False):
        assert len(run_daily().issued) == 1  # once the first run is done, the next one runs


@pytest.mark.django_db
def test_the_lock_of_a_run_killed_halfway_lapses(make_item: Any) -> None:
    make_item("in_progress", start="2025-03-03", deadline="2025-03-14")
    job_locks.acquire(LOCK_NAME, ttl=dt.timedelta(hours=2))  # ... and the process was killed
    JobLock.objects.filter(name=LOCK_NAME).update(expires_at=RUN_AT - dt.timedelta(seconds=1))
    with time_machine.travel(RUN_AT, tick=False):
        assert len(run_daily().issued) == 1
    lock = JobLock.objects.get(name=LOCK_NAME)
    assert lock.holder == "" and lock.expires_at is None  # released after the run


@pytest.mark.django_db
def test_a_run_is_idempotent_after_being_cut_short(make_item: Any) -> None:
    """Killed after some items: each step committed on its own, so the next run does the
    rest, and a third run does nothing."""
    items = [make_item("in_progress", start="2025-03-03", deadline="2025-03-14") for _ in range(3)]
    with time_machine.travel(RUN_AT, tick=False):
        actions.issue_notice(items[0], kind=NoticeKind.RED, reason="已超期", at=RUN_AT)
        summary = run_daily()
        assert len(summary.issued) == 2
        before = state()
        assert not run_daily().changed and state() == before
    issued = AuditLog.objects.filter(event_type=SupervisionEvent.NOTICE_ISSUED)
    assert issued.count() == 3 == Notice.objects.count()


@pytest.mark.django_db
def test_a_date_the_calendar_cannot_answer_is_reported_per_item_not_a_crash(
    make_item: Any,
) -> None:
    """The issue's run on 2026-12-28 crashed at the calendar's end. The calendar now reaches
    (provisionally) to 2099, so the same situation is a run three working days before its last
    working day: a milestone after the end cannot be counted in working days and an item due
    after it has no light, so those are skipped with the reason; the others are still done."""
    calendar = current_calendar()
    last = dt.date(LAST_PROVISIONAL_YEAR, 12, 31)
    while not calendar.is_working_day(last):
        last -= dt.timedelta(days=1)
    today = calendar.add_working_days(last, -3)
    after_end = last + dt.timedelta(days=7)
    red = make_item("in_progress", start="2025-03-03", deadline=f"{LAST_PROVISIONAL_YEAR}-06-30")
    beyond = make_item("in_progress", start="2025-03-03", deadline=str(after_end))
    with_milestones = make_item(
        "in_progress",
        start="2025-03-03",
        deadline=str(after_end + dt.timedelta(days=30)),
        milestones=(("年底节点", last), ("跨年节点", after_end)),
    )
    with time_machine.travel(at(str(today), 8), tick=False):
        summary = run_daily()
    assert Notice.objects.filter(item=red).count() == 1  # the red item still got its notice
    assert len(summary.issued) >= 1
    skipped = "\n".join(summary.skipped)
    assert f"{beyond.code}:" in skipped and "工作日历" in skipped
    assert f"{with_milestones.code}「跨年节点」" in skipped
    assert summary.reminders >= 1  # the milestone inside the calendar was reminded


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_one_runs_the_other_is_told(make_item: Any) -> None:
    items = [make_item("in_progress", start="2025-03-03", deadline="2025-03-14") for _ in range(4)]
    with time_machine.travel(RUN_AT, tick=False):
        first, second = at_once(lambda: run_daily(RUN_AT), lambda: run_daily(RUN_AT))
    refused = [r for r in (first, second) if isinstance(r, job_locks.JobBusy)]
    ran = [r for r in (first, second) if not isinstance(r, Exception)]
    assert len(refused) == 1 and len(ran) == 1, (first, second)
    assert "正在运行" in str(refused[0])
    numbers = list(Notice.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == len(items)
    issued = AuditLog.objects.filter(event_type=SupervisionEvent.NOTICE_ISSUED)
    assert issued.count() == len(items)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_never_share_a_number_nor_double_a_notice(make_item: Any) -> None:
    """The web (a manager issuing by hand) and the job at the same moment: different items get
    consecutive numbers; the same item and colour is issued once."""
    a, b, c = (make_item("in_progress", start="2025-03-03", deadline="2025-03-14") for _ in "abc")

    def issue(item: Any) -> Callable[[], Any]:
        return lambda: actions.issue_notice(item, kind=NoticeKind.RED, reason="超期", at=RUN_AT)

    results = at_once(issue(a), issue(b), issue(c), issue(a))
    notices = [r for r in results if isinstance(r, Notice)]
    refused = [r for r in results if isinstance(r, actions.SupervisionError)]
    assert len(notices) == 3 and len(refused) == 1, results
    assert "未重复下发" in str(refused[0])
    assert sorted(n.number for n in notices) == [f"乐科督〔2025〕{i}号" for i in (1, 2, 3)]
    issued = AuditLog.objects.filter(event_type=SupervisionEvent.NOTICE_ISSUED)
    assert issued.count() == 3


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_escalations_at_once_escalate_and_audit_once(make_item: Any) -> None:
    item = make_item("in_progress", start="2025-03-03", deadline="2025-03-14")
    notice = actions.issue_notice(item, kind=NoticeKind.RED, reason="超期", at=RUN_AT)
    later = at("2025-04-10", 8)
    copies = [Notice.objects.get(pk=notice.pk) for _ in range(2)]  # each run read it at level 0
    with time_machine.travel(later, tick=False):
        results = at_once(
            lambda: actions.escalate_notice(copies[0], at=later),
            lambda: actions.escalate_notice(copies[1], at=later),
        )
    assert sum(isinstance(r, Notice) for r in results) == 1, results
    assert sum(isinstance(r, audit.StaleStateError) for r in results) == 1
    notice.refresh_from_db()
    assert notice.level == 1
    escalated = AuditLog.objects.filter(event_type=SupervisionEvent.NOTICE_ESCALATED)
    assert escalated.count() == 1
    assert connection.vendor == "postgresql"
