"""The provisional (暂定) schedule: 国务院令第798号 and the 调休 pattern of its first notices."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from lunardate import LunarDate

from jiazhou.worktime import HolidayRecord, WorkingCalendar, packaged_holiday_records
from jiazhou.worktime.provisional import (
    LAST_PROVISIONAL_YEAR,
    provisional_records,
    statutory_days,
)


def _key(records: list[HolidayRecord]) -> set[tuple[date, str, str]]:
    return {(r.day, r.kind, r.name_zh) for r in records}


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_rules_reproduce_the_official_notices_since_the_revision(year: int) -> None:
    # 国办发明电〔2024〕12号 (2025) and 〔2025〕7号 (2026), as packaged by chinesecalendar.
    official = [r for r in packaged_holiday_records() if r.year == year]
    assert _key(provisional_records(year)) == _key(official)


def test_statutory_days_of_2027_hand_checked() -> None:
    # 农历丁未年正月初一 is 2027-02-06, so 除夕 is 02-05; 清明 2027-04-05; 端午 (五月初五)
    # 2027-06-09; 中秋 (八月十五) 2027-09-15.
    law = statutory_days(2027)
    assert law["春节"] == tuple(date(2027, 2, d) for d in (5, 6, 7, 8))
    assert law["清明节"] == (date(2027, 4, 5),)
    assert law["端午节"] == (date(2027, 6, 9),)
    assert law["中秋节"] == (date(2027, 9, 15),)
    assert sum(len(v) for v in law.values()) == 13  # 第二条: 13 days in all


def test_lunar_dates_agree_with_a_second_library() -> None:
    # lunar_python (chosen) against lunardate for every provisional year (ADR 0010).
    for year in range(2025, LAST_PROVISIONAL_YEAR + 1):
        law = statutory_days(year)
        assert law["春节"][1] == LunarDate(year, 1, 1).to_solar_date()
        assert law["端午节"][0] == LunarDate(year, 5, 5).to_solar_date()
        assert law["中秋节"][0] == LunarDate(year, 8, 15).to_solar_date()


def test_statutory_days_fall_on_official_holidays_in_every_packaged_year() -> None:
    # 2015–2026: 春节 初一至初三, 清明, 端午, 中秋, 劳动节 5-1, 国庆 10-1..3 and 元旦 were
    # holidays under every notice of those years; the lunar and solar-term dates must hit them.
    holidays = {r.day for r in packaged_holiday_records() if r.kind == "holiday"}
    for year in range(2015, 2027):
        law = statutory_days(year)
        days = [*law["春节"][1:], *law["清明节"], *law["端午节"], *law["中秋节"]]
        days += [date(year, 1, 1), date(year, 5, 1), *law["国庆节"]]
        missing = [d for d in days if d not in holidays]
        assert not missing, (year, missing)


@pytest.mark.parametrize("year", range(2025, LAST_PROVISIONAL_YEAR + 1))
def test_every_year_gives_exactly_thirteen_days_and_works_only_weekends(year: int) -> None:
    records = provisional_records(year)
    days = [r.day for r in records]
    assert len(days) == len(set(days))
    off_weekdays = sum(1 for r in records if r.kind == "holiday" and r.day.weekday() < 5)
    make_up = [r.day for r in records if r.kind == "workday"]
    assert all(d.weekday() >= 5 for d in make_up)
    # 第六条: statutory days on a weekend are made up, and bridged days are worked back.
    assert off_weekdays - len(make_up) == 13
    law = statutory_days(year)
    off = {r.day for r in records if r.kind == "holiday"}
    assert all(d in off for days_ in law.values() for d in days_)


def test_2027_spring_festival_and_new_year_hand_checked() -> None:
    records = {r.day: r for r in provisional_records(2027)}
    # 元旦 Friday: Friday to Sunday, no make-up day.
    assert [d for d in records if d.month == 1 and d.day < 10] == [
        date(2027, 1, d) for d in (1, 2, 3)
    ]
    # 春节: 除夕 Friday 02-05 to 初七 02-12 (6 weekdays, 4 statutory → 2 made up): the
    # Saturday right after (02-13) and the Sunday before (01-31).
    spring_off = [d for d, r in records.items() if r.name_zh == "春节" and r.kind == "holiday"]
    assert spring_off == [date(2027, 2, 5) + timedelta(days=i) for i in range(8)]
    assert [d for d, r in records.items() if r.name_zh == "春节" and r.kind == "workday"] == [
        date(2027, 1, 31),
        date(2027, 2, 13),
    ]
    assert all("暂定" in r.source for r in records.values())


def test_calendar_marks_provisional_dates_and_reaches_2030() -> None:
    cal = WorkingCalendar.packaged()
    assert not cal.is_working_day(date(2027, 2, 10))  # 春节 2027 (暂定)
    assert cal.is_provisional(date(2027, 2, 10))
    # 2030-01-01 is a Tuesday: Monday 2029-12-31 is bridged, Saturday 12-29 worked (暂定).
    assert not cal.is_working_day(date(2029, 12, 31))
    assert cal.is_working_day(date(2029, 12, 29))
    assert cal.add_working_days(date(2029, 12, 28), 1) == date(2029, 12, 29)
    assert cal.add_working_days(date(2029, 12, 29), 1) == date(2030, 1, 2)
    assert cal.working_days_between(date(2026, 12, 31), date(2030, 6, 30)) > 0


def test_official_records_win_over_the_proposal() -> None:
    records = [*packaged_holiday_records()]
    # An official 2027 table (here: one invented holiday only) replaces the whole proposal.
    records.append(HolidayRecord(date(2027, 3, 1), "holiday", "Test", "测试", 2027))
    cal = WorkingCalendar.from_records(records)
    assert not cal.is_provisional(date(2027, 2, 10))
    assert cal.is_working_day(date(2027, 2, 10))  # official 2027 here has no 春节 at all
    assert not cal.is_working_day(date(2027, 3, 1))
    assert cal.is_provisional(date(2028, 1, 3))
