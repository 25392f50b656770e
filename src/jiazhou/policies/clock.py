"""Working-day clocks of 政策兑现 (spec §1.2): the 兑现时限 from ``accepted`` to ``paid`` and 公示.

The time limit is the SLA engine of :mod:`jiazhou.worktime` (the 督办 clock): 补正 (``returned``)
pauses it, so the due instant moves by the working time paused and nothing else (§1.9 test 6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from jiazhou.worktime import Pause, SlaClock, SlaReport, WorkingCalendar, evaluate_sla, merge_pauses


def redemption_clock(
    accepted_at: dt.datetime,
    working_days: int,
    pauses: Sequence[tuple[dt.datetime, dt.datetime | None]] = (),
    completed_at: dt.datetime | None = None,
) -> SlaClock:
    return SlaClock(
        started_at=accepted_at,
        working_days=working_days,
        pauses=merge_pauses([Pause(s, e, "补正") for s, e in pauses]),
        completed_at=completed_at,
    )


def clock_report(clock: SlaClock, calendar: WorkingCalendar, at: dt.datetime) -> SlaReport:
    return evaluate_sla(clock, calendar, at)


def publicity_end(calendar: WorkingCalendar, start: dt.date, working_days: int) -> dt.date:
    """The last day of a 公示 of ``working_days`` working days starting on ``start`` (counted
    from the first working day on or after it)."""
    first = calendar.roll_forward(start)
    return calendar.add_working_days(first, working_days - 1) if working_days > 1 else first
