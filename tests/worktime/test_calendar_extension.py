"""A fresh calendar stepping past its last official year, and the first days of its first year.

Counting (期间开始的当日不计入): ``add_working_days(d, n)`` is the n-th working day after ``d`` and
``working_days_between(a, b)`` counts the working days in ``(a, b]``. The packaged schedule is
official to 2026; 2027 is filled in provisionally (暂定) the moment a date reaches it: 2027-01-01
is a Friday, so 元旦 is Friday to Sunday with no make-up day (国务院令第798号; the 调休 pattern of
the 2025/2026 notices). Each test builds its own calendar, so the extension happens inside it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from jiazhou.worktime import HolidayRecord, WorkingCalendar, packaged_holiday_records

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_counting_across_the_last_official_year_end_counts_each_day_once() -> None:
    """(2026-12-28, 2027-01-08]: Tue 29, Wed 30, Thu 31 December; 1–3 January off (元旦);
    Monday 4 to Friday 8 January — 3 + 5 = 8 working days."""
    cal = WorkingCalendar.packaged()
    assert cal.working_days_between(date(2026, 12, 28), date(2027, 1, 8)) == 8
    assert cal.working_days_between(date(2026, 12, 28), date(2027, 1, 8)) == 8  # extended now


def test_the_first_working_day_after_the_last_official_day() -> None:
    """The working day after Thursday 2026-12-31 is Monday 2027-01-04, and the second one is
    Tuesday the 5th."""
    cal = WorkingCalendar.packaged()
    assert cal.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert WorkingCalendar.packaged().add_working_days(date(2026, 12, 30), 2) == date(2027, 1, 4)
    assert WorkingCalendar.packaged().add_working_days(date(2026, 12, 31), 2) == date(2027, 1, 5)


def test_asking_for_an_earlier_year_later_changes_nothing() -> None:
    """The calendar grows year by year under a lock; a caller that asked for an earlier year
    while another one had already extended it further (two requests at once) must find the
    calendar as it is, not cut back to that year."""
    cal = WorkingCalendar.packaged()
    assert cal.add_working_days(date(2027, 12, 31), 1) == cal.add_working_days(date(2028, 1, 2), 1)
    last, ordinals = cal.last_day, cal.working_ordinals(date(2027, 12, 31))
    cal._extend_to(2026)  # the late request of the other thread
    assert cal.last_day == last
    assert cal.working_ordinals(date(2027, 12, 31)) == ordinals
    assert cal.working_days_between(date(2026, 12, 28), date(2027, 1, 8)) == 8


def test_a_one_year_calendar_counts_from_its_second_day() -> None:
    """The 2024 schedule alone: 元旦 2024 is 2023-12-30 to Monday 2024-01-01, so Tuesday
    2024-01-02 is the first working day, and (1 January, 5 January] holds 2, 3, 4 and 5."""
    cal = WorkingCalendar.from_records([r for r in packaged_holiday_records() if r.year == 2024])
    assert cal.years == (2024, 2024)
    assert cal.add_working_days(date(2024, 1, 1), 1) == date(2024, 1, 2)
    assert cal.working_days_between(date(2024, 1, 1), date(2024, 1, 5)) == 4
    # 7 h a day (09:00–12:00, 13:30–17:30): from 1 January 00:00 to 2 January 17:30 is one day.
    start = datetime(2024, 1, 1, tzinfo=SHANGHAI)
    assert cal.working_time_between(start, datetime(2024, 1, 2, 17, 30, tzinfo=SHANGHAI)) == (
        timedelta(hours=7)
    )


def test_every_day_of_a_year_without_its_notice_is_provisional() -> None:
    """4 and 5 January 2027 are ordinary working days of the proposal, but 2027 has no official
    notice loaded: the span is provisional (暂定) all the same. A day before the calendar's first
    year is outside it, not provisional."""
    cal = WorkingCalendar.packaged()
    assert cal.any_provisional(date(2027, 1, 4), date(2027, 1, 5))
    assert cal.is_provisional(date(2027, 1, 4))
    assert not cal.is_provisional(date(2003, 12, 31))


def test_the_first_day_of_the_first_year_is_counted() -> None:
    """A table holding only 2025's 国庆 has no 元旦: Wednesday 1 January 2025 is then a working
    day, the one before Thursday the 2nd, and 09:00 to 09:00 the next day is its 7 hours."""
    records = [
        HolidayRecord(date(2025, 10, d), "holiday", "National Day", "国庆节") for d in range(1, 9)
    ]
    cal = WorkingCalendar.from_records(records)
    assert cal.add_working_days(date(2025, 1, 2), -1) == date(2025, 1, 1)
    start = datetime(2025, 1, 1, 9, 0, tzinfo=SHANGHAI)
    assert cal.working_time_between(start, start + timedelta(days=1)) == timedelta(hours=7)
