"""Edges of the working calendar's lazy provisional years that the full mutation run found
unpinned (issue 23, ADR 0023).

The rules (module docstring of ``jiazhou.worktime.calendar``): a year after the first official
one whose notice (国务院办公厅关于放假安排的通知) is not loaded is filled in with the proposal
(暂定) of ``jiazhou.worktime.provisional``, the next year's proposal first (its 元旦 can reach
back into December); every day the proposal touches, and every day of a year without its
notice, is provisional; an official record for a day wins over the proposal; dates before the
first official year, or after 2099 (the last year a proposal is computed for) and the last
official year, are refused. Proposals follow the 调休 pattern of the 2025/2026 notices (元旦 on
a Tuesday: the Monday bridged, the Saturday before worked; on a Friday: Friday to Sunday).

Every test builds its own calendar and pins its dates: none depends on today's date.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from jiazhou.worktime import HolidayRecord, WorkingCalendar, packaged_holiday_records
from jiazhou.worktime.calendar import CalendarRangeError


def _official(year: int) -> list[HolidayRecord]:
    """The packaged (official, chinesecalendar) records of one schedule year."""
    return [r for r in packaged_holiday_records() if r.year == year]


def _new_year_2030() -> list[HolidayRecord]:
    """The 2030 元旦 item as the notice pattern gives it: 1 January 2030 is a Tuesday, so
    Sunday 30 December to Tuesday 1 January are off and Saturday 29 December is worked."""
    rows = [HolidayRecord(date(2029, 12, 29), "workday", "New Year's Day", "元旦", 2030)]
    rows += [
        HolidayRecord(d, "holiday", "New Year's Day", "元旦", 2030)
        for d in (date(2029, 12, 30), date(2029, 12, 31), date(2030, 1, 1))
    ]
    return rows


def test_a_calendar_without_any_notice_is_the_proposal_from_its_first_day() -> None:
    """No official year at all (2027's notice not out): 1 January 2027, its very first day, is
    provisional, and a holiday — 元旦 on a Friday runs Friday to Sunday; 春节 2027 (除夕
    Friday 5 February to 12 February) is made up on Sunday 31 January and Saturday 13
    February."""
    cal = WorkingCalendar(frozenset(), frozenset(), years=(2027, 2027), official_years=())
    assert cal.is_provisional(date(2027, 1, 1))
    assert not cal.is_working_day(date(2027, 1, 1))
    assert not cal.is_working_day(date(2027, 2, 8))
    assert cal.is_working_day(date(2027, 2, 13))


def test_days_before_the_first_official_year_are_never_provisional() -> None:
    """A calendar from the 2026 notice alone starts on 1 January 2026: 国庆 2025 lies before it,
    so it is not provisional, and a span from it into January 2026 (official) is not either."""
    cal = WorkingCalendar.from_records(_official(2026))
    assert not cal.is_provisional(date(2025, 10, 1))
    assert not cal.any_provisional(date(2025, 10, 1), date(2026, 1, 5))
    assert cal.any_provisional(date(2026, 12, 30), date(2027, 1, 4))  # 2027 has no notice


def test_the_year_after_a_2024_table_is_proposed_from_the_first_rule_year_on() -> None:
    """A table of 2024 alone: 2025 (the first year under 国务院令第798号) is proposed, and the
    proposal is the 2025 notice (国办发明电〔2024〕12号): 元旦 Wednesday 1 January alone; 春节
    28 January to 4 February, Sunday 26 January worked."""
    cal = WorkingCalendar.from_records(_official(2024))
    assert cal.years == (2024, 2024)
    assert not cal.is_working_day(date(2025, 1, 1))
    assert cal.is_working_day(date(2025, 1, 2))
    assert cal.is_working_day(date(2025, 1, 26))
    assert not cal.is_working_day(date(2025, 1, 28))
    assert cal.is_provisional(date(2025, 1, 2))


def test_a_table_ending_before_2024_has_no_gap_after_it() -> None:
    """Only a year *between* the table's years can be missing: a table of 2023 alone builds a
    one-year calendar (its 元旦 2023: Saturday 31 December 2022 to Monday 2 January)."""
    cal = WorkingCalendar.from_records(_official(2023))
    assert cal.years == (2023, 2023)
    assert cal.add_working_days(date(2023, 1, 2), 1) == date(2023, 1, 3)


def test_an_official_record_wins_over_the_proposal_for_the_same_day() -> None:
    """The 2030 元旦 item is entered but the table names only 2029 as complete: 2030 is
    proposed, yet its 元旦 days are the entered (official) ones — 31 December 2029 is not
    provisional — while the rest of the proposal still applies: 春节 2030 (除夕 Saturday
    2 February to 9 February, Sunday 10 February worked)."""
    cal = WorkingCalendar.from_records(_new_year_2030(), years=[2029])
    assert not cal.is_provisional(date(2029, 12, 31))
    assert not cal.is_provisional(date(2029, 12, 29))
    assert cal.is_working_day(date(2029, 12, 29))
    assert not cal.is_working_day(date(2029, 12, 31))
    assert not cal.is_working_day(date(2030, 2, 4))
    assert cal.is_working_day(date(2030, 2, 10))
    assert cal.is_provisional(date(2030, 2, 4))


def test_provisional_spans_around_a_proposed_gap_year() -> None:
    """Tables for 2028 and 2030, 2029 proposed. 1 January 2029 is a Monday: the proposal gives
    Saturday 30 December 2028 to Monday 1 January 2029 off, so 30 and 31 December 2028 are
    provisional days of the official year 2028, and 29 December is not. 2031's 元旦 is a
    Wednesday (one day), so nothing in 2030 is provisional."""
    records = [
        HolidayRecord(date(2028, 10, 1), "holiday", "National Day", "国庆节"),
        HolidayRecord(date(2030, 10, 1), "holiday", "National Day", "国庆节"),
    ]
    cal = WorkingCalendar.from_records(records)
    assert not cal.is_provisional(date(2028, 12, 29))
    assert cal.is_provisional(date(2028, 12, 30))
    assert cal.any_provisional(date(2028, 12, 29), date(2028, 12, 31))
    assert cal.any_provisional(date(2028, 12, 31), date(2028, 12, 31))
    assert cal.any_provisional(date(2028, 12, 31), date(2028, 12, 20))  # either order
    assert not cal.any_provisional(date(2028, 12, 1), date(2028, 12, 29))
    assert not cal.any_provisional(date(2030, 1, 2), date(2030, 3, 1))
    assert cal.any_provisional(date(2029, 6, 1), date(2029, 6, 1))


def test_an_official_year_beyond_the_range_still_shows_the_next_proposal() -> None:
    """A calendar for 2026 told that 2029's notice is loaded too: 2029 is official, but 2030's
    proposal (1 January a Tuesday: Monday 31 December 2029 bridged) touches 31 December 2029,
    which is therefore provisional; a day in June 2029 is not."""
    cal = WorkingCalendar(frozenset(), frozenset(), years=(2026, 2026), official_years=(2026, 2029))
    assert cal.is_provisional(date(2029, 12, 31))
    assert not cal.is_provisional(date(2029, 6, 1))
    assert not cal.is_working_day(date(2029, 12, 31))


def test_the_working_day_before_the_first_one_is_refused() -> None:
    """From the 2025 notice alone: 元旦 is Wednesday 1 January, so Thursday 2 January is the
    calendar's first working day; the one before it would lie in 2024, outside the calendar."""
    cal = WorkingCalendar.from_records(_official(2025))
    assert cal.add_working_days(date(2025, 1, 3), -1) == date(2025, 1, 2)
    with pytest.raises(CalendarRangeError):
        cal.add_working_days(date(2025, 1, 2), -1)


def test_the_working_day_after_31_december_2099_is_refused() -> None:
    """Proposals end with 2099 (LAST_PROVISIONAL_YEAR): Thursday 31 December 2099 is a working
    day and the last one the calendar can give; 2100 is refused, whether reached in one step or
    by stepping 300 working days from 31 December 2098 (a year has at most 261 weekdays plus a
    handful of make-up days)."""
    cal = WorkingCalendar.packaged()
    assert cal.is_working_day(date(2099, 12, 31))
    assert cal.add_working_days(date(2099, 12, 30), 1) == date(2099, 12, 31)
    with pytest.raises(CalendarRangeError):
        cal.add_working_days(date(2099, 12, 31), 1)
    with pytest.raises(CalendarRangeError):
        WorkingCalendar.packaged().add_working_days(date(2098, 12, 31), 300)


def test_an_official_year_after_2099_ends_the_calendar_there() -> None:
    """A table for 2100 covers 2100 (no records: Monday to Friday are working days, Friday
    31 December 2100 the last); 2101 has neither a notice nor a proposal and is refused."""
    cal = WorkingCalendar(frozenset(), frozenset(), years=(2100, 2100))
    assert cal.is_working_day(date(2100, 1, 1))  # a Friday, first day of the calendar
    assert cal.is_working_day(date(2100, 12, 31))
    assert cal.add_working_days(date(2100, 12, 30), 1) == date(2100, 12, 31)
    with pytest.raises(CalendarRangeError):
        cal.add_working_days(date(2100, 12, 31), 1)


def test_a_year_after_the_table_that_cannot_be_proposed_is_not_read_as_without_holidays() -> None:
    """from_records: a year after the records is filled in provisionally, "never read as 'no
    holidays that year'", and a year before 2025 cannot be proposed (国务院令第798号 applies from
    2025; a missing year before it is refused). A 2023 table therefore cannot say that Monday
    12 February 2024 (春节 2024 per the 2024 notice: 10–17 February off) is a working day: it
    refuses the date, naming the years it covers, and stepping past its end is refused too."""
    cal = WorkingCalendar.from_records(_official(2023))
    assert cal.is_working_day(date(2023, 12, 29))  # the table's own last Friday is answered
    message = (
        "日期 date 2024-02-12 超出工作日历可推算的年份 2023–2023 / 2024-02-12 is outside the "
        "years the working calendar covers (2023–2023)"
    )
    with pytest.raises(CalendarRangeError, match=f"^{re.escape(message)}$"):
        cal.is_working_day(date(2024, 2, 12))
    with pytest.raises(CalendarRangeError):
        cal.add_working_days(date(2023, 12, 29), 5)
