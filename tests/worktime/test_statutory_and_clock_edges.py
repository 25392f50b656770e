"""Statutory days, office-hour clocks to the second, and read-only holiday records.

国务院令第798号 第二条: 元旦 1月1日; 劳动节 5月1日、2日; 国庆节 10月1日至3日 (13 days in all with
春节 4, 清明 1, 端午 1, 中秋 1). Working time is counted to the microsecond within the periods
(default 09:00–12:00 and 13:30–17:30).
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest

from jiazhou.worktime import HolidayRecord, WorkingCalendar, WorkingHours
from jiazhou.worktime.provisional import provisional_records, statutory_days

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize("year", [2027, 2031])
def test_the_solar_statutory_days(year: int) -> None:
    law = statutory_days(year)
    assert law["元旦"] == (date(year, 1, 1),)
    assert law["劳动节"] == (date(year, 5, 1), date(year, 5, 2))
    assert law["国庆节"] == (date(year, 10, 1), date(year, 10, 2), date(year, 10, 3))


def test_working_time_counts_seconds_and_microseconds() -> None:
    """09:00:30 is 30 s into the day's working time, 09:00:00.000500 is 500 µs; 17:29:59 is
    1 s before the close (7 h − 1 s)."""
    hours = WorkingHours()
    assert hours.used_before(time(9, 0, 30)) == timedelta(seconds=30)
    assert hours.used_before(time(9, 0, 0, 500)) == timedelta(microseconds=500)
    assert hours.used_before(time(17, 29, 59)) == timedelta(hours=7, seconds=-1)
    cal = WorkingCalendar.packaged()
    start = datetime(2024, 1, 8, 9, 0, tzinfo=SHANGHAI)
    assert cal.working_time_between(start, start.replace(second=45)) == timedelta(seconds=45)
    assert cal.add_working_time(start, timedelta(seconds=90)) == start.replace(minute=1, second=30)


def test_a_period_may_start_at_midnight() -> None:
    """A round-the-clock desk (00:00–24:00 is 00:00–23:59:59.999999) is one valid period."""
    hours = WorkingHours(periods=((time(0, 0), time(23, 59, 59, 999999)),))
    assert hours.day_length == timedelta(days=1, microseconds=-1)
    assert hours.used_before(time(12, 0)) == timedelta(hours=12)


def test_holiday_records_are_read_only() -> None:
    """Records are shared: the provisional schedule of a year is computed once and handed to
    every calendar, so no caller may change a record it got."""
    record = provisional_records(2027)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.kind = "workday"  # type: ignore[misc]
    assert provisional_records(2027)[0].kind == record.kind
    own = HolidayRecord(date(2027, 1, 1), "holiday")
    with pytest.raises(dataclasses.FrozenInstanceError):
        own.year = 2026  # type: ignore[misc]
    assert own.year == 2027  # the schedule year defaults to the day's year


def test_clock_after_a_worked_amount_and_read_only_hours() -> None:
    """2 h 59 min 50 s of the day are worked at 11:59:50 (the morning period runs 09:00–12:00);
    3 h 10 min at 13:40 (12:00–13:30 is not working time). The hours are read-only: the day's
    length is worked out once from the periods, which therefore cannot change under it."""
    hours = WorkingHours()
    assert hours.clock_after(timedelta(hours=2, minutes=59, seconds=50)) == time(11, 59, 50)
    assert hours.clock_after(timedelta(hours=3, minutes=10)) == time(13, 40)
    assert hours.day_length == timedelta(hours=7)
    with pytest.raises(dataclasses.FrozenInstanceError):
        hours.periods = ((time(8, 0), time(18, 0)),)  # type: ignore[misc]


class _NoOffset(tzinfo):
    """A time zone that does not know its offset: a datetime carrying it is naive (Python's
    definition of aware: tzinfo set *and* utcoffset() not None)."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None


def test_a_time_zone_without_an_offset_is_refused_like_none() -> None:
    moment = datetime(2024, 1, 8, 9, 0, tzinfo=_NoOffset())
    with pytest.raises(ValueError, match="须为带时区的时间"):
        WorkingHours().local(moment, "start")
