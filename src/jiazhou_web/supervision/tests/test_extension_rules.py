"""Issue 22: the 延期 rules of ``jiazhou.worktime.sla`` hold in the supervision workflow too.

An item due 2025-06-30 (Monday) falls due at close of business that day (17:30). A 延期 asked
for after that would turn an overdue item back to running: refused (超期后不能延期). One asked
for in time may be approved after the deadline. An item whose completion was requested can no
longer be extended (it would turn a late completion into an on-time one).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jiazhou_web.supervision import actions
from jiazhou_web.supervision.choices import Light
from jiazhou_web.supervision.lights import read_light
from jiazhou_web.supervision.tests.conftest import TZ, at
from jiazhou_web.supervision.working_calendar import current_calendar

pytestmark = pytest.mark.django_db


def _ask(item: Any, officer: Any, when: dt.datetime) -> Any:
    return actions.request_extension(
        item,
        proposed_deadline=dt.date(2025, 9, 30),
        reason="设备到货延迟",
        actor=officer,
        at=when,
    )


def test_a_request_after_the_deadline_is_refused(make_item: Any, dept_officer: Any) -> None:
    item = make_item("in_progress")
    late = dt.datetime(2025, 6, 30, 17, 31, tzinfo=TZ)
    with pytest.raises(actions.SupervisionError, match="超期后不能延期"):
        _ask(item, dept_officer, late)
    assert not item.extensions.exists()
    assert read_light(item, late, current_calendar()).light == Light.RED


def test_a_request_at_close_of_business_on_the_deadline_is_in_time(
    make_item: Any, dept_officer: Any
) -> None:
    item = make_item("in_progress")
    request = _ask(item, dept_officer, dt.datetime(2025, 6, 30, 17, 30, tzinfo=TZ))
    assert request.previous_deadline == dt.date(2025, 6, 30)


def test_a_timely_request_approved_after_the_deadline_counts(
    make_item: Any, dept_officer: Any, city_admin: Any
) -> None:
    item = make_item("in_progress")
    request = _ask(item, dept_officer, at("2025-06-27"))
    actions.decide_extension(request, approve=True, actor=city_admin, at=at("2025-07-02"))
    item.refresh_from_db()
    assert item.deadline == dt.date(2025, 9, 30)
    assert read_light(item, at("2025-07-03"), current_calendar()).light != Light.RED


def test_no_extension_once_completion_is_requested(
    make_item: Any, dept_officer: Any, city_admin: Any
) -> None:
    item = make_item("in_progress")
    request = _ask(item, dept_officer, at("2025-06-27"))
    actions.request_completion(item, text="已完成", actor=dept_officer, at=at("2025-07-01"))
    with pytest.raises(actions.SupervisionError, match="延期"):
        actions.decide_extension(request, approve=True, actor=city_admin, at=at("2025-07-02"))
    item.refresh_from_db()
    assert item.deadline == dt.date(2025, 6, 30)
