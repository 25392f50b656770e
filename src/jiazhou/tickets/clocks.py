"""Working-day clocks of a ticket (spec §4.2, §4.3, §4.7 cases 1-3), on jiazhou.worktime.

* the **response clock** starts at dispatch (派单), not at 签收 (our rule, §4.2): first contact
  is due ``response_hours`` of working time after the dispatch instant;
* the **handling clock** (办结时限) is an :class:`~jiazhou.worktime.SlaClock` started at the
  dispatch to the unit now holding the ticket: 补正 pauses stop it, approved 延期 add full
  working days; a re-dispatch after 退单 starts a new clock for the new unit only;
* a **退单** is late when made after the return limit (回退 within 2 wd, 山东 [S]);
* the **stored due instant** (:func:`running_due`) is what a ticket row keeps so that 超期 is
  an indexed comparison with :func:`overdue_cutoff` instead of a clock evaluated per ticket.

Day convention (§4.7 case 1): by default the dispatch day is not counted (期间开始的当日不计入,
wd1 is the next working day); :attr:`DayConvention.DISPATCH_DAY_COUNTS` counts it as wd1.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from jiazhou.worktime import (  # noqa: F401
    Extension,
    Pause,
    SlaClock,
    WorkingCalendar,
    evaluate_sla,
)

_ZERO = timedelta(0)


class DayConvention(StrEnum):
    NEXT_WORKING_DAY = "next_working_day"  # 次日起算 (default)
    DISPATCH_DAY_COUNTS = "dispatch_day_counts"  # 当日计入


@dataclass(frozen=True)
class Tier:
    """An SLA tier of the 派单目录 (each number tagged with its source in the catalogue)."""

    code: str
    name: str
    response_hours: float  # working hours from dispatch to first contact
    handling_days: int  # working days from dispatch to reply (办结)
    return_days: int = 2  # 退单 allowed within this many working days (山东 [S])
    max_extension_days: int = 10  # 延期 ≤ 10 wd in total (山东 [S])


def _effective_days(
    calendar: WorkingCalendar, start: datetime, days: int, convention: DayConvention
) -> int:
    """Working days to add to ``start``'s date under ``convention`` (see the module note)."""
    if convention == DayConvention.NEXT_WORKING_DAY or days == 0:
        return days
    local = calendar.hours.local(start, "dispatched_at")
    # the dispatch day counts as wd1 only when it is itself a working day
    return days - 1 if calendar.is_working_day(local.date()) else days


def handling_due(
    calendar: WorkingCalendar,
    dispatched_at: datetime,
    days: int,
    convention: DayConvention = DayConvention.NEXT_WORKING_DAY,
) -> datetime:
    """Close of business on the last working day of a ``days``-working-day limit."""
    return calendar.deadline(
        dispatched_at, _effective_days(calendar, dispatched_at, days, convention)
    )


def handling_clock(
    calendar: WorkingCalendar,
    dispatched_at: datetime,
    days: int,
    *,
    pauses: tuple[Pause, ...] = (),
    extensions: tuple[Extension, ...] = (),
    replied_at: datetime | None = None,
    convention: DayConvention = DayConvention.NEXT_WORKING_DAY,
) -> SlaClock:
    """The SLA clock of the current dispatch (evaluate with :func:`jiazhou.worktime.evaluate_sla`)."""
    return SlaClock(
        started_at=dispatched_at,
        working_days=_effective_days(calendar, dispatched_at, days, convention),
        pauses=pauses,
        extensions=extensions,
        completed_at=replied_at,
    )


def response_due(calendar: WorkingCalendar, dispatched_at: datetime, hours: float) -> datetime:
    """The instant first contact is due: ``hours`` of working time after dispatch."""
    if hours < 0:
        raise ValueError(f"响应时限须为非负，收到 {hours} / response hours must be >= 0")
    return calendar.add_working_time(dispatched_at, timedelta(hours=hours))


def return_is_late(
    calendar: WorkingCalendar,
    dispatched_at: datetime,
    returned_at: datetime,
    return_days: int = 2,
    convention: DayConvention = DayConvention.NEXT_WORKING_DAY,
) -> bool:
    """True when a 退单 made at ``returned_at`` is past the return limit (回退率 counts it late)."""
    if returned_at < dispatched_at:
        raise ValueError("退单时间早于派单时间 / the return predates the dispatch")
    return returned_at > handling_due(calendar, dispatched_at, return_days, convention)


def overdue_cutoff(calendar: WorkingCalendar, at: datetime) -> datetime:
    """The instant stored due instants are compared with: a running clock whose
    :func:`running_due` is strictly before ``overdue_cutoff(calendar, at)`` is overdue at ``at``.

    The engine's rule (:func:`jiazhou.worktime.evaluate_sla`): a clock is overdue once more
    *working time* than its budget has elapsed. At the due instant itself it is not; after a
    close-of-business due (17:30) it is not either until working time passes again (the next
    working day 09:00 is still not overdue, one second later is). So the cutoff is the earliest
    instant with as much working time behind it as ``at``: ``at`` itself inside office hours,
    else the close of the last working period before it (12:00 in the lunch break, 17:30 of
    the last working day in the evening, on a holiday or at 09:00 sharp).
    """
    hours = calendar.hours
    local = hours.local(at, "at")
    day = local.date()
    if calendar.is_working_day(day):
        used = hours.used_before(local.time())
        if used > _ZERO:
            return datetime.combine(day, hours.clock_after(used), tzinfo=hours.tz)
    previous = calendar.add_working_days(day, -1)
    return datetime.combine(previous, hours.closing_time, tzinfo=hours.tz)


def running_due(clock: SlaClock, calendar: WorkingCalendar, at: datetime) -> datetime | None:
    """The due instant of ``clock`` as its history stands at ``at``, for storing on the row.

    None when the clock is not running at ``at`` (补正 pause open, or completed). Otherwise,
    for every instant ``t >= at`` until the history changes (a pause, a resume, an approved
    延期, the reply, a re-dispatch), ``evaluate_sla(clock, calendar, t).state == "overdue"``
    exactly when ``running_due(clock, calendar, at) < overdue_cutoff(calendar, t)``; the value
    does not depend on which such ``at`` it is computed at.

    It is :attr:`SlaReport.due_at` (close of business on the last working day, moved by the
    working time paused and the approved 延期), except when the budget ran out exactly when a
    补正 pause began: then the clock is overdue from the first working moment after the resume,
    so the due instant is the resume (as its earliest equivalent instant).
    """
    report = evaluate_sla(clock, calendar, at)
    if report.state not in ("running", "overdue"):
        return None
    resumed = max(
        [clock.started_at, *(p.end for p in clock.pauses if p.end is not None and p.end <= at)]
    )
    # working time the clock had used when the current run began (no pause is open now)
    used_before = report.elapsed - calendar.working_time_between(resumed, max(at, resumed))
    if used_before == report.budget:
        return overdue_cutoff(calendar, resumed)
    return report.due_at


def sla_states(
    clocks: list[SlaClock] | tuple[SlaClock, ...], calendar: WorkingCalendar, at: datetime
) -> list[str]:
    """The :func:`jiazhou.worktime.evaluate_sla` state of many clocks at one instant, fast.

    For lists and dashboards over many tickets: the same arithmetic as ``evaluate_sla`` on
    working time counted from the calendar's first day (one bisect per instant, cached per
    day), without re-validating each history — the actions refused impossible histories
    when they were written. The tests check it against ``evaluate_sla`` clock by clock.
    """
    hours = calendar.hours
    day_us = hours.day_length // timedelta(microseconds=1)
    now = hours.local(at, "at")
    ordinals = calendar.working_ordinals(now.date() + timedelta(days=400))
    from bisect import bisect_left

    day_cache: dict[object, tuple[int, bool]] = {}

    tz = hours.tz
    time_cache: dict[object, int] = {}
    micro = timedelta(microseconds=1)

    def worked(moment: datetime) -> int:
        local = moment if moment.tzinfo is tz else hours.local(moment)
        day = local.date()
        found = day_cache.get(day)
        if found is None:
            found = (bisect_left(ordinals, day.toordinal()), calendar.is_working_day(day))
            day_cache[day] = found
        full, working = found
        if not working:
            return full * day_us
        clock = local.time()
        today = time_cache.get(clock)
        if today is None:
            today = time_cache[clock] = hours.used_before(clock) // micro
        return full * day_us + today

    due_cache: dict[tuple[object, int], int] = {}
    now_w = worked(now)
    out: list[str] = []
    for c in clocks:
        start = hours.local(c.started_at)
        start_w = worked(start)
        key = (start.date(), c.working_days)
        due_w = due_cache.get(key)
        if due_w is None:
            due_w = due_cache[key] = worked(calendar.deadline(start, c.working_days))
        ext = sum(e.working_days for e in c.extensions if e.granted_at <= now)
        budget = due_w - start_w + ext * day_us
        completed = c.completed_at is not None and c.completed_at <= now
        stop_w = max(worked(c.completed_at) if completed else now_w, start_w)  # type: ignore[arg-type]
        paused = 0
        paused_now = False
        for p in c.pauses if len(c.pauses) < 2 else sorted(c.pauses, key=lambda p: p.start):
            p_start = worked(p.start)
            if p_start > stop_w or p.start > (c.completed_at if completed else now):  # type: ignore[operator]
                break
            if p.end is not None and p.end <= (c.completed_at if completed else now):  # type: ignore[operator]
                paused += worked(p.end) - p_start
            else:
                paused += stop_w - p_start
                paused_now = not completed
                break
        elapsed = stop_w - start_w - paused
        if completed:
            out.append("completed_on_time" if elapsed <= budget else "completed_late")
        elif paused_now:
            out.append("paused")
        else:
            out.append("overdue" if elapsed > budget else "running")
    return out


def first_overdue_day(calendar: WorkingCalendar, due_at: datetime) -> date:
    """The working day on which a clock due at ``due_at`` becomes overdue (督办 starts): the
    due day itself when working time remains after the due instant that day, else the next
    working day (a close-of-business due is overdue from the next working morning)."""
    hours = calendar.hours
    local = hours.local(due_at, "due_at")
    day = local.date()
    if calendar.is_working_day(day) and local.time() < hours.closing_time:
        return day
    return calendar.add_working_days(day, 1)


def supervision_level(
    calendar: WorkingCalendar, due_at: datetime, today: date, *, step_days: int, top: int = 2
) -> int:
    """督办 level of an overdue clock on ``today``: 0 from its :func:`first_overdue_day`, one
    level up every ``step_days`` working days after that (the 督办 reply window passing
    unanswered, as in 三张清单 supervision), at most ``top``. -1 before the first overdue day."""
    if step_days < 1:
        raise ValueError(f"督办升级间隔须至少 1 个工作日，收到 {step_days} / step must be >= 1")
    start = first_overdue_day(calendar, due_at)
    if today < start:
        return -1
    level = 0
    while level < top and today >= calendar.add_working_days(start, (level + 1) * step_days):
        level += 1
    return level
