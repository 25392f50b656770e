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
