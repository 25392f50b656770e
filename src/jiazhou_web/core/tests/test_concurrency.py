"""Defect 2 (issue 11): every state change happens once under concurrent requests.

Two threads, each with its own database connection, run the same (or a conflicting) action on
one row at the same moment (a barrier releases them together). Exactly one succeeds; the other
gets a clear message (``ConflictError`` or the action's own "wrong state" refusal), never a
database error; the audit log holds exactly one row for the change.

Needs PostgreSQL (SQLite serialises writers, so there is no race to lose there): run with
``DATABASE_URL=postgres://…``. The conditional update is also tested on any database below.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from jiazhou_web.core import audit
from jiazhou_web.core.models import AuditLog

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrency needs PostgreSQL (DATABASE_URL)"
)


def race(*calls: Callable[[], Any]) -> list[Any]:
    """Run ``calls`` at once in threads; each result is the return value or the exception."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - the result under test
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def refused_clearly(result: Any) -> bool:
    """A loser's outcome: a domain refusal with a Chinese-first message, not a database error."""
    if not isinstance(result, ValidationError | ValueError):
        return False
    text = str(result)
    return "/" in text and not any(w in text for w in ("IntegrityError", "duplicate key", "UNIQUE"))


def _events(obj: Any, event: str) -> int:
    return AuditLog.objects.for_object(obj).filter(event_type=event).count()


@pytest.fixture
def submitted_batch(transactional_db: Any, regions: Any, county_officer: Any) -> Any:
    from jiazhou_web.monitoring import actions
    from jiazhou_web.monitoring.models import Indicator

    batch = actions.open_submission(regions["511112"], "2025", actor=county_officer)
    indicator = Indicator.objects.filter(unit="%").order_by("code").first()
    assert indicator is not None
    actions.record_observation(
        batch, indicator=indicator, value=Decimal("2.5"), explanation="核实", actor=county_officer
    )
    actions.submit_submission(batch, actor=county_officer)
    return batch


@needs_postgres
@pytest.mark.parametrize("second", ["approve", "return"])
def test_approve_and_approve_or_return_on_one_batch_one_wins(
    submitted_batch: Any, city_admin: Any, second: str
) -> None:
    from jiazhou_web.monitoring import actions
    from jiazhou_web.monitoring.choices import MonitoringEvent
    from jiazhou_web.monitoring.models import Submission

    def approve() -> Any:
        return actions.approve_submission(
            Submission.objects.get(pk=submitted_batch.pk), actor=city_admin
        )

    def give_back() -> Any:
        batch = Submission.objects.get(pk=submitted_batch.pk)
        return actions.return_submission(batch, "请核对", actor=city_admin)

    results = race(approve, approve if second == "approve" else give_back)
    winners = [r for r in results if isinstance(r, Submission)]
    losers = [r for r in results if not isinstance(r, Submission)]
    assert len(winners) == 1 and len(losers) == 1
    assert refused_clearly(losers[0]), repr(losers[0])
    approved = _events(submitted_batch, MonitoringEvent.SUBMISSION_APPROVED)
    returned = _events(submitted_batch, MonitoringEvent.SUBMISSION_RETURNED)
    assert approved + returned == 1
    final = Submission.objects.get(pk=submitted_batch.pk).status
    assert final == winners[0].status


@needs_postgres
def test_two_concurrent_opens_of_one_batch_give_one_batch_and_a_clear_message(
    transactional_db: Any, regions: Any, county_officer: Any
) -> None:
    from jiazhou_web.monitoring import actions
    from jiazhou_web.monitoring.models import Submission

    def open_batch() -> Any:
        return actions.open_submission(regions["511112"], "2024", actor=county_officer)

    results = race(open_batch, open_batch)
    assert sum(isinstance(r, Submission) for r in results) == 1
    loser = next(r for r in results if not isinstance(r, Submission))
    assert refused_clearly(loser), repr(loser)
    assert Submission.objects.filter(period="2024").count() == 1


@pytest.fixture
def assigned_item(
    transactional_db: Any, city_admin: Any, department: Any, dept_officer: Any
) -> Any:
    from jiazhou_web.supervision import actions
    from jiazhou_web.supervision.choices import ListKind

    task_list = actions.create_list(
        code="race", title="并发清单", kind=ListKind.KEY_PROJECTS, year=2025, actor=city_admin
    )
    item = actions.create_item(
        task_list,
        code="T1",
        title="并发事项",
        lead_unit=department,
        start_date=dt.date(2025, 3, 3),
        deadline=dt.date(2025, 6, 30),
        actor=city_admin,
    )
    actions.assign_item(item, actor=city_admin)
    return item


@needs_postgres
def test_two_concurrent_sign_fors_record_one(assigned_item: Any, dept_officer: Any) -> None:
    from jiazhou_web.supervision import actions
    from jiazhou_web.supervision.choices import SupervisionEvent
    from jiazhou_web.supervision.models import TaskItem

    def sign() -> Any:
        return actions.sign_item(TaskItem.objects.get(pk=assigned_item.pk), actor=dept_officer)

    results = race(sign, sign)
    assert sum(isinstance(r, TaskItem) for r in results) == 1
    assert all(isinstance(r, TaskItem) or refused_clearly(r) for r in results), results
    assert _events(assigned_item, SupervisionEvent.ITEM_SIGNED) == 1


@needs_postgres
def test_two_concurrent_item_creates_with_one_code(
    transactional_db: Any, city_admin: Any, department: Any
) -> None:
    from jiazhou_web.supervision import actions
    from jiazhou_web.supervision.choices import ListKind
    from jiazhou_web.supervision.models import TaskItem

    task_list = actions.create_list(
        code="race2", title="并发清单2", kind=ListKind.KEY_PROJECTS, year=2025, actor=city_admin
    )

    def create() -> Any:
        return actions.create_item(
            task_list,
            code="DUP",
            title="重复",
            lead_unit=department,
            start_date=dt.date(2025, 3, 3),
            deadline=dt.date(2025, 6, 30),
            actor=city_admin,
        )

    results = race(create, create)
    assert sum(isinstance(r, TaskItem) for r in results) == 1
    loser = next(r for r in results if not isinstance(r, TaskItem))
    assert refused_clearly(loser), repr(loser)
    assert TaskItem.objects.filter(code="DUP").count() == 1


def test_a_transition_on_a_stale_copy_changes_nothing_and_records_nothing(
    db: Any, regions: Any, county_officer: Any, city_admin: Any
) -> None:
    """The loser's view of the race, on any database: its copy says "submitted", the row has
    moved on; the conditional update touches nothing and no audit row is written."""
    from jiazhou_web.monitoring import actions
    from jiazhou_web.monitoring.choices import MonitoringEvent
    from jiazhou_web.monitoring.models import Indicator, Submission

    batch = actions.open_submission(regions["511112"], "2025", actor=county_officer)
    indicator = Indicator.objects.filter(unit="%").order_by("code").first()
    assert indicator is not None
    actions.record_observation(
        batch, indicator=indicator, value=Decimal("2.5"), explanation="核实", actor=county_officer
    )
    actions.submit_submission(batch, actor=county_officer)
    stale = Submission.objects.get(pk=batch.pk)
    actions.approve_submission(Submission.objects.get(pk=batch.pk), actor=city_admin)
    with pytest.raises(
        audit.StaleStateError, match="^操作未执行：该记录刚刚已被他人处理（当前状态："
    ) as info:
        actions.return_submission(stale, "请核对", actor=city_admin)
    assert "nothing was done" in str(info.value)
    assert Submission.objects.get(pk=batch.pk).status == "approved"
    assert _events(batch, MonitoringEvent.SUBMISSION_RETURNED) == 0
    assert _events(batch, MonitoringEvent.SUBMISSION_APPROVED) == 1
