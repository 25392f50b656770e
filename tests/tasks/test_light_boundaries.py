"""Status lights at their edges (issue 23), from the rules of :mod:`jiazhou.tasks.lights`:

red once past close of business (17:30) on the deadline; yellow when the reported % is below
the working time elapsed since the start, or a milestone is late; blue when the deadline is
within ``due_soon_days`` working days; green otherwise. Items awaiting verification are read at
the moment completion was requested. Elapsed time follows the calendar's 序时进度 rule
(``WorkingCalendar.elapsed_pct``): a window without working time is 0 % before its deadline and
100 % from it on.

Hand-computed on the packaged 2025 calendar, office hours 09:00–12:00 and 13:30–17:30 (7 h):
2025-03-03 (Mon) → 2025-03-14 (Fri) is 10 working days, 70 h. Every instant is pinned.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from jiazhou.tasks import PALETTE, Light, TaskFacts, task_light, task_lights
from jiazhou.tasks.lights import Reading
from jiazhou.worktime import WorkingCalendar

TZ = ZoneInfo("Asia/Shanghai")
CAL = WorkingCalendar.packaged()
START, DUE = date(2025, 3, 3), date(2025, 3, 14)


def at(day: str, hh: int, mm: int = 0, us: int = 0) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(hh, mm, 0, us), tzinfo=TZ)


def read(facts: TaskFacts, when: datetime, soon: int = 5) -> Reading:
    return task_light(facts, when, CAL, due_soon_days=soon)


def test_red_only_after_close_of_business_on_the_deadline() -> None:
    # 超期 is *past* 17:30 on the deadline: at 17:30:00 exactly the item is still on time
    # (blue: 0 working days left), one microsecond later it is red
    facts = TaskFacts("in_progress", 100, START, DUE)
    on_time = read(facts, at("2025-03-14", 17, 30))
    assert (on_time.light, on_time.working_days_left, on_time.elapsed_pct) == (Light.BLUE, 0, 100.0)
    assert read(facts, at("2025-03-14", 17, 30, 1)).light == Light.RED
    # red wins over behind-schedule and over a late milestone
    late = TaskFacts("in_progress", 0, START, DUE, late_milestones=2)
    assert read(late, at("2025-03-17", 9)).light == Light.RED


def test_elapsed_share_by_hand() -> None:
    facts = TaskFacts("in_progress", 0, START, DUE)
    # Wed 03-05 10:00: 2 days + 1 h = 15 h of 70 h = 21.428571… %
    assert read(facts, at("2025-03-05", 10)).elapsed_pct == pytest.approx(100 * 15 / 70)
    # Sat 03-08 (not a working day): the 5 days of that week, 35 h = 50 %
    assert read(facts, at("2025-03-08", 10)).elapsed_pct == pytest.approx(50.0)
    # before the start: 0 %; after the deadline: 100 %
    early = TaskFacts("in_progress", 0, date(2025, 3, 10), DUE)
    assert read(early, at("2025-03-05", 10)).elapsed_pct == 0.0
    assert read(facts, at("2025-03-20", 10)).elapsed_pct == 100.0


def test_yellow_strictly_below_the_elapsed_share() -> None:
    # Wed 03-05 12:00: 2 days + 3 h = 17 h of 70 h = 24.29 %: 24 % reported is behind, 25 % not
    when = at("2025-03-05", 12)
    assert read(TaskFacts("in_progress", 24, START, DUE), when).light == Light.YELLOW
    assert read(TaskFacts("in_progress", 25, START, DUE), when).light == Light.GREEN
    # Tue 03-04 09:00: exactly 1 day of 10 = 10 %: 10 % reported is on schedule
    assert read(TaskFacts("in_progress", 10, START, DUE), at("2025-03-04", 9)).light == Light.GREEN


def test_one_late_milestone_makes_yellow() -> None:
    # ahead of schedule (100 % reported) but with a milestone past its own deadline
    when = at("2025-03-04", 9)
    assert read(TaskFacts("in_progress", 100, START, DUE, late_milestones=1), when).light == (
        Light.YELLOW
    )
    assert read(TaskFacts("in_progress", 100, START, DUE, late_milestones=0), when).light == (
        Light.GREEN
    )


def test_blue_within_due_soon_working_days() -> None:
    # working days left = those after the reading day up to the deadline:
    # Fri 03-07 → Mon 03-10 … Fri 03-14 = 5; Thu 03-06 → 6
    facts = TaskFacts("in_progress", 100, START, DUE)
    five = read(facts, at("2025-03-07", 10))
    assert (five.light, five.working_days_left) == (Light.BLUE, 5)
    six = read(facts, at("2025-03-06", 10))
    assert (six.light, six.working_days_left) == (Light.GREEN, 6)
    assert read(facts, at("2025-03-06", 10), soon=6).light == Light.BLUE
    # the weekend between does not count: Sat 03-08 still has 5 days left
    assert read(facts, at("2025-03-08", 10)).working_days_left == 5


def test_awaiting_verification_is_read_when_completion_was_requested() -> None:
    # completion requested Wed 03-12 10:00 (2 working days before the deadline), read a week
    # after the deadline: the unit is not overdue for the bureau's verification time
    asked = at("2025-03-12", 10)
    later = at("2025-03-21", 10)
    for stage in ("completion_requested", "verified"):
        r = read(TaskFacts(stage, 100, START, DUE, asked), later)
        # 03-12 10:00: 7 days + 1 h = 50 h of 70 h; 2 working days left (03-13, 03-14)
        assert r.light == Light.BLUE, stage
        assert r.elapsed_pct == pytest.approx(100 * 50 / 70)
        assert r.working_days_left == 2
    # an item still in progress is read now, whatever was recorded
    assert read(TaskFacts("in_progress", 100, START, DUE, asked), later).light == Light.RED
    # a request recorded after the reading instant does not move the reading forward
    r = read(TaskFacts("completion_requested", 100, START, DUE, later), at("2025-03-05", 10))
    assert r.elapsed_pct == pytest.approx(100 * 15 / 70)


def test_a_window_without_working_time() -> None:
    # start Sat 03-08, deadline Sun 03-09: no working time at all; 0 % before 17:30 on the
    # deadline, 100 % from it on (and red only after it)
    facts = TaskFacts("in_progress", 50, date(2025, 3, 8), date(2025, 3, 9))
    before = read(facts, at("2025-03-09", 17, 29))
    assert (before.light, before.elapsed_pct, before.working_days_left) == (Light.BLUE, 0.0, 0)
    at_close = read(facts, at("2025-03-09", 17, 30))
    assert (at_close.light, at_close.elapsed_pct) == (Light.YELLOW, 100.0)  # 50 % < 100 %
    after = read(facts, at("2025-03-09", 17, 31))
    assert (after.light, after.elapsed_pct) == (Light.RED, 100.0)


def test_a_list_keeps_order_with_pending_and_closed_among_running() -> None:
    items = [
        TaskFacts("in_progress", 100, START, DUE),
        TaskFacts("draft", 0, START, DUE),
        TaskFacts("in_progress", 0, START, DUE),
        TaskFacts("closed", 100, START, DUE),
    ]
    lights = task_lights(items, at("2025-03-12", 10), CAL, due_soon_days=1)
    assert [r.light for r in lights] == [Light.GREEN, Light.PENDING, Light.YELLOW, Light.DONE]
    assert [r.percent_done for r in lights] == [100, 0, 0, 100]
    # a reading far in the future extends the working days looked at up to that day
    far = task_lights(items[:1], at("2025-12-31", 10), CAL, due_soon_days=1)
    assert far[0].light == Light.RED and far[0].elapsed_pct == 100.0
    assert task_lights([], at("2025-03-12", 10), CAL, due_soon_days=1) == []


def test_a_deadline_before_the_start_reads_as_an_empty_window() -> None:
    # start Fri 03-14, deadline Wed 03-12: no working time from start to deadline, so the
    # calendar's rule holds: 0 % before 17:30 on the deadline, 100 % after it
    facts = TaskFacts("in_progress", 0, DUE, date(2025, 3, 12))
    before = read(facts, at("2025-03-12", 10))
    assert (before.light, before.elapsed_pct) == (Light.BLUE, 0.0)
    after = read(facts, at("2025-03-13", 10))
    assert (after.light, after.elapsed_pct) == (Light.RED, 100.0)


def test_only_a_light_read_over_unpublished_years_is_provisional() -> None:
    # 暂定 is a property of the calendar years read: closed, unassigned and 2025 items are firm
    items = [
        TaskFacts("closed", 100, START, DUE),
        TaskFacts("draft", 0, START, DUE),
        TaskFacts("in_progress", 50, START, DUE),
        TaskFacts("in_progress", 50, START, date(2100, 1, 4)),  # beyond the calendar: unknown
    ]
    readings = task_lights(items, at("2025-03-12", 10), CAL, due_soon_days=5)
    assert [r.light for r in readings] == [Light.DONE, Light.PENDING, Light.YELLOW, Light.UNKNOWN]
    assert [(r.provisional, r.note == "") for r in readings[:3]] == [(False, True)] * 3
    assert not readings[3].provisional


def test_an_unknown_light_does_not_stop_the_list() -> None:
    # one item beyond the calendar's reach reads unknown; the items after it are still read
    items = [
        TaskFacts("in_progress", 50, START, date(2100, 1, 4)),
        TaskFacts("in_progress", 0, START, DUE),
        TaskFacts("closed", 100, START, DUE),
    ]
    readings = task_lights(items, at("2025-03-12", 10), CAL, due_soon_days=5)
    assert [r.light for r in readings] == [Light.UNKNOWN, Light.YELLOW, Light.DONE]
    assert "2100" in readings[0].note


def test_facts_and_readings_are_read_only_and_the_window_is_a_keyword() -> None:
    # a reading is a record of what was read at an instant: neither it nor its facts change
    facts = TaskFacts("in_progress", 50, START, DUE)
    reading = read(facts, at("2025-03-12", 10))
    with pytest.raises(dataclasses.FrozenInstanceError):
        facts.percent_done = 100  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        reading.light = Light.GREEN  # type: ignore[misc]
    # due_soon_days is named at every call (a bare 5 could be mistaken for a percentage)
    with pytest.raises(TypeError):
        task_light(facts, at("2025-03-12", 10), CAL, 5)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        task_lights([facts], at("2025-03-12", 10), CAL, 5)  # type: ignore[call-arg]


def test_the_one_palette_cannot_be_changed_by_a_reader() -> None:
    # palette doc: the one definition every reader (choices, exports, stylesheet, scripts)
    # shares; a swatch is read-only, so no caller can repaint "超期" for the others
    red = PALETTE[Light.RED]
    assert (red.css, red.colour, red.label_zh) == ("red", "#d9363e", "超期")
    with pytest.raises(dataclasses.FrozenInstanceError):
        red.colour = "#2e9d4a"  # type: ignore[misc]
