"""Working-day clocks of a ticket (spec §4.2, §4.3, §4.7 cases 1-3), on jiazhou.worktime.

* the **response clock** starts at dispatch (派单), not at 签收 (our rule, §4.2): first contact
  is due ``response_hours`` of working time after the dispatch instant;
* the **handling clock** (办结时限) is an :class:`~jiazhou.worktime.SlaClock` started at the
  dispatch to the unit now holding the ticket: 补正 pauses stop it, approved 延期 add full
  working days; a re-dispatch after 退单 starts a new clock for the new unit only;
* a **退单** is late when made after the return limit (回退 within 2 wd, 山东 [S]).

Day convention (§4.7 case 1): by default the dispatch day is not counted (期间开始的当日不计入,
wd1 is the next working day); :attr:`DayConvention.DISPATCH_DAY_COUNTS` counts it as wd1.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from jiazhou.worktime import Extension, Pause, SlaClock, WorkingCalendar


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
