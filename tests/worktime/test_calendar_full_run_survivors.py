"""Boundaries the first full mutation run of ``worktime/calendar.py`` found unpinned (issue 23,
ADR 0023), each from the calendar's rules: the official years, the gap years that may be
proposed (the 2024 revision of the 全国年节及纪念日放假办法 is the first rule a schedule can be
proposed by, so from 2025 on) and the message naming a clash."""

from __future__ import annotations

from datetime import date

import pytest

from jiazhou.worktime import WorkingCalendar
from jiazhou.worktime.holiday_records import HolidayRecord
from jiazhou.worktime.provisional import FIRST_PROVISIONAL_YEAR


def test_without_official_years_every_year_of_the_range_is_official() -> None:
    cal = WorkingCalendar(holidays=frozenset(), workdays=frozenset(), years=(2025, 2026))
    assert cal.official_years == frozenset({2025, 2026})
    assert not cal.is_provisional(date(2026, 12, 31))  # the range's last year is official
    assert cal.is_provisional(date(2027, 1, 4))  # the year after is proposed


def test_a_clash_is_named_by_its_earliest_day_in_both_languages() -> None:
    days = frozenset({date(2025, 10, 1), date(2025, 10, 2)})
    with pytest.raises(ValueError) as refused:
        WorkingCalendar(holidays=days, workdays=days, years=(2025, 2025))
    assert str(refused.value) == (
        "2025-10-01 同时被记为放假日和调休上班日 / "
        "2025-10-01 is recorded both as a holiday and as a make-up workday"
    )


def test_a_gap_year_from_the_first_proposable_year_on_is_proposed_not_refused() -> None:
    assert FIRST_PROVISIONAL_YEAR == 2025
    records = [
        HolidayRecord(date(2024, 10, 1), "holiday"),
        HolidayRecord(date(2026, 10, 1), "holiday"),
    ]
    cal = WorkingCalendar.from_records(records)  # 2025 missing between them: proposed
    assert cal.official_years == frozenset({2024, 2026})
    assert cal.is_provisional(date(2025, 6, 3))
    assert not cal.is_provisional(date(2026, 6, 3))
    later = [
        HolidayRecord(date(2025, 10, 1), "holiday"),
        HolidayRecord(date(2027, 10, 1), "holiday"),
    ]
    assert WorkingCalendar.from_records(later).is_provisional(date(2026, 6, 3))


def test_counting_from_a_weekend_day_starts_at_the_next_or_previous_working_day() -> None:
    """期间开始的当日不计入: from Saturday 2025-06-07 the first working day after is Monday the
    9th and the first before is Friday the 6th (no holiday that week)."""
    cal = WorkingCalendar.packaged()
    saturday = date(2025, 6, 7)
    assert saturday.weekday() == 5
    assert cal.add_working_days(saturday, 1) == date(2025, 6, 9)
    assert cal.add_working_days(saturday, 2) == date(2025, 6, 10)
    assert cal.add_working_days(saturday, -1) == date(2025, 6, 6)
    assert cal.add_working_days(saturday, -2) == date(2025, 6, 5)


def test_a_window_without_working_time_is_done_from_its_deadline_on() -> None:
    """序时进度 of a window with no working time: 0 % before the deadline, 100 % at and after
    it; a deadline before the start is such a window too."""
    from datetime import datetime

    cal = WorkingCalendar.packaged()
    tz = cal.hours.tz
    start = datetime(2025, 6, 10, 9, 0, tzinfo=tz)
    assert cal.elapsed_pct(start, start, datetime(2025, 6, 9, 9, 0, tzinfo=tz)) == 0.0
    assert cal.elapsed_pct(start, start, start) == 100.0
    assert cal.elapsed_pct(start, start, datetime(2025, 6, 11, 9, 0, tzinfo=tz)) == 100.0
    earlier = datetime(2025, 6, 5, 17, 30, tzinfo=tz)
    assert cal.elapsed_pct(start, earlier, datetime(2025, 6, 1, 9, 0, tzinfo=tz)) == 0.0
    assert cal.elapsed_pct(start, earlier, datetime(2025, 6, 20, 9, 0, tzinfo=tz)) == 100.0
