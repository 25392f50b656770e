"""The engine's working calendar built from the editable holiday table (节假日表).

No calendar logic lives here: rows become :class:`jiazhou.worktime.HolidayRecord` and
:class:`jiazhou.worktime.WorkingCalendar` does the rest. The calendar is rebuilt only when the
table changes (row count or last edit time differ).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Max

from jiazhou.worktime import HolidayRecord, WorkingCalendar
from jiazhou.worktime.provisional import provisional_records
from jiazhou_web.core.request_cache import memo
from jiazhou_web.supervision.models import Holiday

_cache: dict[str, Any] = {}


def current_calendar() -> WorkingCalendar:
    """The working calendar for the holiday table as it is now (the table's state is read once
    per request, the calendar rebuilt only when the table changed)."""
    return memo("supervision.calendar", _current_calendar)


def _current_calendar() -> WorkingCalendar:
    state = Holiday.objects.aggregate(n=Count("id"), last=Max("updated"))
    key = (state["n"], state["last"])
    if _cache.get("key") != key:
        records = [
            HolidayRecord(
                day=h.day,
                kind="holiday" if h.kind == "holiday" else "workday",
                name=h.name,
                name_zh=h.name_zh,
                year=h.year,
                source=h.source,
            )
            for h in Holiday.objects.order_by("day")
        ]
        _cache["calendar"] = WorkingCalendar.from_records(records)
        _cache["key"] = key
    calendar: WorkingCalendar = _cache["calendar"]
    return calendar


def schedule_for_year(year: int) -> list[HolidayRecord]:
    """``year``'s schedule as the calendar uses it now: the table's rows, else the proposal."""
    rows = [
        HolidayRecord(
            day=h.day,
            kind="holiday" if h.kind == "holiday" else "workday",
            name=h.name,
            name_zh=h.name_zh,
            year=h.year,
            source=h.source,
        )
        for h in Holiday.objects.filter(year=year).order_by("day")
    ]
    if rows:
        return rows
    try:
        return provisional_records(year)
    except ValueError:  # a year the rules of 2024 do not reach
        return []


def opening(calendar: WorkingCalendar, day: dt.date) -> dt.datetime:
    """Start of office hours on ``day`` (when a task's clock starts)."""
    return dt.datetime.combine(day, calendar.hours.periods[0][0], tzinfo=calendar.hours.tz)


def closing(calendar: WorkingCalendar, day: dt.date) -> dt.datetime:
    """Close of business on ``day`` (when a deadline falls, 期限届满)."""
    return dt.datetime.combine(day, calendar.hours.closing_time, tzinfo=calendar.hours.tz)


def working_days(calendar: WorkingCalendar, start: dt.datetime, end: dt.datetime) -> float:
    """Working time from ``start`` to ``end`` in working days (7 h each by default)."""
    return calendar.working_time_between(start, end) / calendar.hours.day_length
