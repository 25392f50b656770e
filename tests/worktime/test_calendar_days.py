"""Working days under the State Council schedules (国务院办公厅关于部分节假日安排的通知)."""

from __future__ import annotations

from datetime import date

import pytest

from jiazhou.worktime import CalendarRangeError, HolidayRecord, WorkingCalendar


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2024, 2, 4), True),  # Sunday, 调休上班 for 春节 2024
        (date(2024, 2, 18), True),  # Sunday, 调休上班 for 春节 2024
        (date(2024, 2, 9), True),  # Friday before 春节 (除夕 was a working day in 2024)
        (date(2024, 2, 10), False),  # 春节 2024-02-10..17
        (date(2024, 2, 14), False),  # Wednesday inside 春节
        (date(2024, 2, 17), False),
        (date(2024, 2, 19), True),
        (date(2025, 1, 26), True),  # Sunday, 调休上班 for 春节 2025
        (date(2025, 2, 8), True),  # Saturday, 调休上班
        (date(2025, 10, 1), False),  # 国庆 2025-10-01..08
        (date(2025, 10, 6), False),  # 中秋 inside 国庆
        (date(2025, 10, 8), False),
        (date(2025, 10, 9), True),
        (date(2025, 10, 11), True),  # Saturday, 调休上班
        (date(2025, 10, 12), False),  # ordinary Sunday
        (date(2023, 12, 29), True),  # ordinary Friday
        (date(2023, 12, 30), False),  # ordinary Saturday
        (date(2024, 1, 1), False),  # 元旦
        (date(2026, 2, 16), False),  # 春节 2026
        (date(2026, 2, 14), True),  # Saturday, 调休上班 2026
        (date(2026, 2, 28), True),  # Saturday, 调休上班 2026
    ],
)
def test_is_working_day(cal: WorkingCalendar, day: date, working: bool) -> None:
    assert cal.is_working_day(day) is working


def test_add_working_days_jumps_spring_festival_2024(cal: WorkingCalendar) -> None:
    # Thu 02-08 → Fri 02-09 → (02-10..17 off) → Sun 02-18 (调休) → Mon 02-19.
    assert cal.add_working_days(date(2024, 2, 8), 1) == date(2024, 2, 9)
    assert cal.add_working_days(date(2024, 2, 8), 2) == date(2024, 2, 18)
    assert cal.add_working_days(date(2024, 2, 8), 3) == date(2024, 2, 19)
    assert cal.add_working_days(date(2024, 2, 19), -2) == date(2024, 2, 9)


def test_add_working_days_uses_make_up_sunday_2024_02_04(cal: WorkingCalendar) -> None:
    # Fri 02-02 + 1 working day is Sunday 02-04 (调休上班), not Monday 02-05.
    assert cal.add_working_days(date(2024, 2, 2), 1) == date(2024, 2, 4)
    assert cal.add_working_days(date(2024, 2, 3), 1) == date(2024, 2, 4)


def test_add_working_days_across_year_end_and_new_year(cal: WorkingCalendar) -> None:
    # 2024-12-31 Tue, 2025-01-01 元旦, 2025-01-02 Thu.
    assert cal.add_working_days(date(2024, 12, 31), 1) == date(2025, 1, 2)
    assert cal.add_working_days(date(2025, 1, 2), -1) == date(2024, 12, 31)
    # 2023-12-29 Fri; 12-30..2024-01-01 off (2024 元旦 block).
    assert cal.add_working_days(date(2023, 12, 29), 1) == date(2024, 1, 2)


def test_add_working_days_spring_festival_2025(cal: WorkingCalendar) -> None:
    # Fri 01-24 → Sun 01-26 (调休) → Mon 01-27 → (01-28..02-04 off) → Wed 02-05.
    assert cal.add_working_days(date(2025, 1, 24), 1) == date(2025, 1, 26)
    assert cal.add_working_days(date(2025, 1, 24), 3) == date(2025, 2, 5)


def test_national_day_2025(cal: WorkingCalendar) -> None:
    # Sun 09-28 (调休) counts; 10-01..08 off; Sat 10-11 (调休) counts.
    assert cal.working_days_between(date(2025, 9, 26), date(2025, 10, 12)) == 6
    # 09-28, 09-29, 09-30, 10-09, 10-10, 10-11
    assert cal.add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 9)


def test_zero_days_is_identity_even_on_a_holiday(cal: WorkingCalendar) -> None:
    assert cal.add_working_days(date(2025, 10, 3), 0) == date(2025, 10, 3)
    assert cal.working_days_between(date(2025, 10, 3), date(2025, 10, 3)) == 0


def test_between_is_half_open_and_antisymmetric(cal: WorkingCalendar) -> None:
    # (Mon, Fri] of an ordinary week = Tue..Fri = 4.
    assert cal.working_days_between(date(2025, 3, 3), date(2025, 3, 7)) == 4
    assert cal.working_days_between(date(2025, 3, 7), date(2025, 3, 3)) == -4


def test_whole_year_counts(cal: WorkingCalendar) -> None:
    # 2025 (国办发明电〔2024〕12号): 261 weekdays; weekday closures 元旦 1 + 春节 6 + 清明 1
    # + 劳动节 3 + 端午 1 + 国庆·中秋 6 = 18; make-up weekend days 01-26, 02-08, 04-27, 09-28,
    # 10-11 = 5. 261 - 18 + 5 = 248.
    assert cal.working_days_between(date(2024, 12, 31), date(2025, 12, 31)) == 248


def test_roll_forward(cal: WorkingCalendar) -> None:
    assert cal.roll_forward(date(2025, 10, 1)) == date(2025, 10, 9)
    assert cal.roll_forward(date(2025, 10, 9)) == date(2025, 10, 9)


def test_outside_covered_years_raises_chinese_first(cal: WorkingCalendar) -> None:
    with pytest.raises(CalendarRangeError, match=r"^日期 date 2100-01-04 超出工作日历可推算的年份"):
        cal.is_working_day(date(2100, 1, 4))
    with pytest.raises(CalendarRangeError, match="outside the years"):
        cal.working_days_between(date(2003, 12, 31), date(2004, 1, 5))
    with pytest.raises(CalendarRangeError, match="加 5 个工作日"):
        cal.add_working_days(date(2099, 12, 28), 5)


def test_years_after_the_packaged_schedule_are_provisional_not_refused(
    cal: WorkingCalendar,
) -> None:
    assert cal.years == (2004, 2026)
    assert not cal.is_provisional(date(2026, 12, 31))
    assert cal.is_provisional(date(2027, 1, 4))
    # 2027-01-01 is a Friday: 元旦 1–3 January, Monday the 4th is a working day (暂定).
    assert cal.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert cal.any_provisional(date(2026, 12, 1), date(2027, 1, 4))
    assert not cal.any_provisional(date(2026, 1, 1), date(2026, 12, 31))


def test_calendar_from_database_style_records() -> None:
    # A one-year table as the web layer would load it: 2025 with only 国庆.
    records = [
        HolidayRecord(date(2025, 10, d), "holiday", "National Day", "国庆节") for d in range(1, 9)
    ]
    records.append(HolidayRecord(date(2025, 9, 28), "workday", "National Day", "国庆节"))
    cal = WorkingCalendar.from_records(records)
    assert cal.years == (2025, 2025)
    assert cal.is_working_day(date(2025, 9, 28))
    assert not cal.is_working_day(date(2025, 10, 2))
    assert cal.is_working_day(date(2025, 1, 28))  # 春节 is not in this table
    assert not cal.is_provisional(date(2025, 1, 28))
    # 2026 is not in the table: its schedule is proposed, and says so.
    assert cal.is_provisional(date(2026, 1, 5))
    assert not cal.is_working_day(date(2026, 2, 17))  # 春节 2026 (暂定)


def test_records_with_a_gap_year_before_the_2024_rules_are_refused() -> None:
    records = [
        HolidayRecord(date(2023, 1, 2), "holiday"),
        HolidayRecord(date(2025, 1, 1), "holiday"),
    ]
    with pytest.raises(ValueError, match=r"^节假日记录缺少 \[2024\] 年的安排"):
        WorkingCalendar.from_records(records)


def test_explicit_years_extend_coverage() -> None:
    records = [HolidayRecord(date(2025, 1, 1), "holiday")]
    cal = WorkingCalendar.from_records(records, years=[2025, 2026])
    assert cal.is_working_day(date(2026, 1, 1))  # no 2026 holidays in this table


def test_conflicting_records_are_refused() -> None:
    records = [
        HolidayRecord(date(2025, 1, 26), "holiday"),
        HolidayRecord(date(2025, 1, 26), "workday"),
    ]
    with pytest.raises(ValueError, match="同时被记为放假日和调休上班日"):
        WorkingCalendar.from_records(records)
