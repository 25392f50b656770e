"""Status lights (状态灯) of 督办 items: one item (:func:`task_light`) or a list at once
(:func:`task_lights`, counting working days with NumPy over the calendar's working-day ordinals).

Red: past close of business on the deadline (超期). Yellow: reported % below the working time
elapsed since the start (落后于序时进度), or an open milestone past its own deadline. Blue: the
deadline is within ``due_soon_days`` working days (临期). Green otherwise. Items awaiting
verification are judged at the moment completion was requested; closed items are ``done``;
items not yet assigned are ``pending``. A light read where the years from start to deadline are
not all officially published is ``provisional`` (暂定); a date the calendar cannot reach gives
``unknown`` with the calendar's message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np

from jiazhou.tasks.palette import Light
from jiazhou.tasks.stages import AWAITING_CHECK, Stage
from jiazhou.worktime import CalendarRangeError, WorkingCalendar

__all__ = ["PROVISIONAL_NOTE", "Reading", "TaskFacts", "task_light", "task_lights"]

PROVISIONAL_NOTE = "暂定：期限所在年份的国务院节假日安排尚未录入，工作日按国务院令第798号推算，录入正式安排后自动更新。"


@dataclass(frozen=True)
class TaskFacts:
    """What a light is read from (no framework objects)."""

    stage: str
    percent_done: int
    start: date
    deadline: date
    completion_requested_at: datetime | None = None
    late_milestones: int = 0


@dataclass(frozen=True)
class Reading:
    """A light and the figures it was read from."""

    light: Light
    elapsed_pct: float | None = None
    percent_done: int = 0
    working_days_left: int | None = None
    note: str = ""
    provisional: bool = False


def task_light(
    facts: TaskFacts, at: datetime, calendar: WorkingCalendar, *, due_soon_days: int
) -> Reading:
    """The light of one item at the aware instant ``at``."""
    return task_lights([facts], at, calendar, due_soon_days=due_soon_days)[0]


def task_lights(
    items: Sequence[TaskFacts], at: datetime, calendar: WorkingCalendar, *, due_soon_days: int
) -> list[Reading]:
    """The lights of many items at ``at``: one pass, counts vectorised with NumPy."""
    out: list[Reading | None] = [None] * len(items)
    running: list[int] = []
    moments: list[datetime] = []
    hours = calendar.hours
    for i, f in enumerate(items):
        if f.stage == Stage.CLOSED:
            out[i] = Reading(Light.DONE, percent_done=f.percent_done)
        elif f.stage == Stage.DRAFT:
            out[i] = Reading(Light.PENDING, percent_done=f.percent_done)
        else:
            when = at
            if f.stage in AWAITING_CHECK and f.completion_requested_at is not None:
                when = min(at, f.completion_requested_at)
            local = hours.local(when, "at")
            try:  # both ends, and the reading day, must be within the calendar's reach
                calendar.is_working_day(f.start)
                calendar.is_working_day(f.deadline)
                calendar.is_working_day(local.date())
            except CalendarRangeError as exc:
                out[i] = Reading(Light.UNKNOWN, percent_done=f.percent_done, note=str(exc))
                continue
            running.append(i)
            moments.append(local)
    if running:
        _read_running(items, running, moments, calendar, due_soon_days, out)
    return [r for r in out if r is not None]


def _read_running(
    items: Sequence[TaskFacts],
    running: list[int],
    moments: list[datetime],
    calendar: WorkingCalendar,
    due_soon_days: int,
    out: list[Reading | None],
) -> None:
    hours = calendar.hours
    day_s = hours.day_length.total_seconds()
    facts = [items[i] for i in running]
    starts = np.array([f.start.toordinal() for f in facts])
    dues = np.array([f.deadline.toordinal() for f in facts])
    at_days = np.array([m.date().toordinal() for m in moments])
    latest = date.fromordinal(int(max(dues.max(), at_days.max(), starts.max())))
    working = np.asarray(calendar.working_ordinals(latest))
    # Working seconds from the calendar's first day: to the opening of the start day, to the
    # close of the deadline, and to each reading instant.
    at_start = np.searchsorted(working, starts, "left") * day_s
    at_due = np.searchsorted(working, dues, "right") * day_s
    is_working = np.isin(at_days, working)
    used_today = np.array([hours.used_before(m.time()).total_seconds() for m in moments])
    at_now = np.searchsorted(working, at_days, "left") * day_s + np.where(is_working, used_today, 0)
    total = at_due - at_start
    done = np.clip(at_now, at_start, at_due) - at_start
    closes = np.array(
        [
            datetime.combine(f.deadline, hours.closing_time, tzinfo=hours.tz).timestamp()
            for f in facts
        ]
    )
    stamps = np.array([m.timestamp() for m in moments])
    overdue = stamps > closes
    elapsed = np.where(total > 0, 100.0 * done / np.where(total > 0, total, 1), 0.0)
    elapsed = np.where((total <= 0) & (stamps >= closes), 100.0, elapsed)
    left = np.searchsorted(working, dues, "right") - np.searchsorted(working, at_days, "right")
    for k, i in enumerate(running):
        f = items[i]
        provisional = calendar.any_provisional(f.start, f.deadline)
        if overdue[k]:
            light = Light.RED
        elif f.percent_done < elapsed[k] or f.late_milestones:
            light = Light.YELLOW
        elif left[k] <= due_soon_days:
            light = Light.BLUE
        else:
            light = Light.GREEN
        out[i] = Reading(
            light,
            float(elapsed[k]),
            f.percent_done,
            int(left[k]),
            PROVISIONAL_NOTE if provisional else "",
            provisional,
        )
