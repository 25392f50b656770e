"""Proposed (暂定) schedules the full mutation run found unpinned (issue 23, ADR 0023), each
hand-computed from the planning rule of ``jiazhou.worktime.provisional``:

国务院令第798号 第二条 (劳动节 5月1日、2日; 国庆节 10月1日至3日; 清明, 中秋 one day each) and the
调休 pattern of the 2025/2026 notices — a one-day holiday on a Monday joins its weekend (3 days,
no make-up day), on a Tuesday the Monday is bridged and the Saturday before worked; 劳动节 runs
5 days from 5月1日, from the Saturday before when 5月1日 is a Sunday or a Monday (as in 2022 and
2023); 国庆节 is 8 days from 中秋 when 中秋 is just before 10月1日; every weekday of a block
beyond its statutory days is made up on the closest weekend day next to it.
"""

from __future__ import annotations

from datetime import date, timedelta

from jiazhou.worktime.provisional import provisional_records


def _festival(year: int, name_zh: str) -> tuple[list[date], list[date]]:
    """Days off and make-up workdays the proposal of ``year`` names after one festival."""
    records = [r for r in provisional_records(year) if r.name_zh == name_zh]
    off = [r.day for r in records if r.kind == "holiday"]
    work = [r.day for r in records if r.kind == "workday"]
    return off, work


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def test_labour_day_on_a_monday_starts_on_the_saturday_before() -> None:
    """5月1日 2028 is a Monday: Saturday 29 April to Wednesday 3 May off; its weekdays (1, 2 and
    3 May) are one more than the 2 statutory days, made up on the closest weekend day: Saturday
    6 May (3 days after) rather than Sunday 23 April (6 days before)."""
    assert date(2028, 5, 1).weekday() == 0
    assert _festival(2028, "劳动节") == (
        _days(date(2028, 4, 29), date(2028, 5, 3)),
        [date(2028, 5, 6)],
    )


def test_labour_day_on_a_sunday_starts_on_the_saturday_before() -> None:
    """5月1日 2033 is a Sunday (as in 2022): Saturday 30 April to Wednesday 4 May off, and
    Saturday 7 May worked (3 days after the block; Sunday 24 April is 6 days before)."""
    assert date(2033, 5, 1).weekday() == 6
    assert _festival(2033, "劳动节") == (
        _days(date(2033, 4, 30), date(2033, 5, 4)),
        [date(2033, 5, 7)],
    )


def test_qingming_on_a_monday_joins_its_weekend() -> None:
    """清明 2027 is Monday 5 April: Saturday 3 to Monday 5 April off, no make-up day."""
    assert _festival(2027, "清明节") == (_days(date(2027, 4, 3), date(2027, 4, 5)), [])


def test_qingming_on_a_tuesday_bridges_the_monday() -> None:
    """清明 2028 is Tuesday 4 April: Sunday 2 to Tuesday 4 April off, Saturday 1 April worked
    (the 2022 notice did the same: 4月3日至5日放假，4月2日（星期六）上班)."""
    assert _festival(2028, "清明节") == (
        _days(date(2028, 4, 2), date(2028, 4, 4)),
        [date(2028, 4, 1)],
    )


def test_mid_autumn_three_days_before_national_day_starts_the_block() -> None:
    """中秋 2042 is Sunday 28 September, just before 10月1日: 8 days off from it (28 September to
    5 October); 5 weekdays for 4 statutory days, so one make-up day, Saturday 27 September
    (1 day before; Saturday 11 October is 6 days after)."""
    off, work = _festival(2042, "国庆节")
    mid_off, mid_work = _festival(2042, "中秋节")
    assert sorted(off + mid_off) == _days(date(2042, 9, 28), date(2042, 10, 5))
    assert mid_off == [date(2042, 9, 28)]
    assert (work, mid_work) == ([date(2042, 9, 27)], [])


def test_mid_autumn_four_days_before_national_day_stays_apart() -> None:
    """中秋 2034 is Wednesday 27 September: one day off on its own (as 中秋 2015 on 27 September
    was kept apart). 国庆 is 1–7 October (Sunday to Saturday): 5 weekdays for 3 statutory days,
    made up on the weekend days right next to it, Saturday 30 September and Sunday 8 October."""
    assert _festival(2034, "中秋节") == ([date(2034, 9, 27)], [])
    assert _festival(2034, "国庆节") == (
        _days(date(2034, 10, 1), date(2034, 10, 7)),
        [date(2034, 9, 30), date(2034, 10, 8)],
    )


def test_a_single_make_up_day_goes_to_the_closest_side() -> None:
    """春节 2033: 除夕 Sunday 30 January to Sunday 6 February off, 5 weekdays for 4 statutory
    days; the make-up day is Saturday 29 January (1 day before), not Saturday 12 February (6
    after). 国庆 2028 holds 中秋 (3 October): 1–8 October, Saturday 30 September worked (1 day
    before; Saturday 14 October is 6 days after)."""
    assert _festival(2033, "春节") == (
        _days(date(2033, 1, 30), date(2033, 2, 6)),
        [date(2033, 1, 29)],
    )
    off, work = _festival(2028, "国庆节")
    assert sorted([*off, date(2028, 10, 3)]) == _days(date(2028, 10, 1), date(2028, 10, 8))
    assert work == [date(2028, 9, 30)]
