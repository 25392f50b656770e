"""The scoreboard's numbers equal a direct count over the items."""

from __future__ import annotations

from typing import Any

import pytest

from jiazhou_web.supervision import actions
from jiazhou_web.supervision.choices import Light
from jiazhou_web.supervision.lights import read_light
from jiazhou_web.supervision.models import TaskItem
from jiazhou_web.supervision.scoreboard import score_units
from jiazhou_web.supervision.tests.conftest import at
from jiazhou_web.supervision.working_calendar import current_calendar

pytestmark = pytest.mark.django_db


def test_scoreboard_equals_a_direct_count(
    make_item: Any, dept_officer: Any, city_admin: Any
) -> None:
    on_time = make_item("in_progress", start="2025-03-03", deadline="2025-03-28")
    actions.request_completion(on_time, text="完成", actor=dept_officer, at=at("2025-03-27"))
    late = make_item("in_progress", start="2025-03-03", deadline="2025-03-14")
    actions.request_completion(late, text="完成", actor=dept_officer, at=at("2025-03-18"))
    make_item("in_progress", start="2025-03-03", deadline="2025-03-20")  # red on 04-01
    make_item("in_progress", start="2025-03-03", deadline="2025-12-31")
    now = at("2025-04-01")
    cal = current_calendar()
    items = list(TaskItem.objects.all())
    [row] = score_units(items, now, cal)

    reds = sum(read_light(i, now, cal).light == Light.RED for i in items)
    completed = [i for i in items if i.completion_requested_at is not None]
    assert row.items == len(items) == 4
    # red: the open item past 03-20, and the one whose completion was requested late.
    assert row.overdue == reds == 2
    assert row.completed == len(completed) == 2
    assert row.on_time == 1 and row.on_time_rate == 0.5
    # assigned 09:00 and signed 15:00 the same day: 09:00–12:00 + 13:30–15:00 = 4.5 h of 7 h.
    assert row.average_response_days == pytest.approx(4.5 / 7)
