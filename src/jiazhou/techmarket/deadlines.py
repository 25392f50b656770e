"""The registration clock (spec §3.2, 2024 征求意见稿 [S]).

* 15 working days from 受理; 技术交易额 ≥ 500万 or a disputed contract → expert review and
  30 working days;
* 补正: the 受理日 becomes the day the missing material arrives (the clock restarts, it is not
  paused) — the latest arrival counts.

Working days from :class:`jiazhou.worktime.WorkingCalendar` (调休-aware): day 1 is the first
working day after the start day; the deadline is the 15th/30th working day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jiazhou.worktime import WorkingCalendar

NORMAL_WORKING_DAYS = 15  # [S] draft art. 15
LARGE_WORKING_DAYS = 30  # [S] draft: ≥ 500万 or disputed → expert review
LARGE_CONTRACT_WAN = Decimal("500")  # [S]


@dataclass(frozen=True)
class RegistrationClock:
    start: date  # the effective 受理日
    working_days: int
    due: date
    expert_review: bool
    restarted: bool

    def remaining(self, calendar: WorkingCalendar, today: date) -> int:
        """Working days left (negative when late)."""
        return calendar.working_days_between(today, self.due)


def registration_clock(
    accepted_on: date,
    tech_amount: Decimal,
    *,
    calendar: WorkingCalendar,
    disputed: bool = False,
    supplements_received: Sequence[date] = (),
) -> RegistrationClock:
    """The deadline for deciding a registration.

    >>> cal = WorkingCalendar.packaged()
    >>> registration_clock(date(2025, 3, 3), Decimal(600), calendar=cal,
    ...                    supplements_received=[date(2025, 3, 10)]).start
    datetime.date(2025, 3, 10)
    """
    start = accepted_on
    later = [d for d in supplements_received if d >= accepted_on]
    if later:
        start = max(later)
    expert = disputed or tech_amount >= LARGE_CONTRACT_WAN
    n = LARGE_WORKING_DAYS if expert else NORMAL_WORKING_DAYS
    return RegistrationClock(
        start=start,
        working_days=n,
        due=calendar.add_working_days(start, n),
        expert_review=expert,
        restarted=bool(later),
    )
