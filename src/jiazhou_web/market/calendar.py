"""The working-day calendar of the registration clock: the city's editable holiday table (the
same one the supervision clocks use), through :func:`supervision.working_calendar`."""

from __future__ import annotations

from jiazhou.worktime import WorkingCalendar


def calendar() -> WorkingCalendar:
    from jiazhou_web.supervision.working_calendar import current_calendar

    return current_calendar()
