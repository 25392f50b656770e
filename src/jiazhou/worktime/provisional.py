"""A provisional (暂定) holiday schedule for a year whose official notice is not yet loaded.

The statutory holidays follow 《全国年节及纪念日放假办法》 as revised by 国务院令第798号 (2024,
in force 2025-01-01), 第二条: 元旦 1 day (1月1日); 春节 4 days (农历除夕、正月初一至初三);
清明节 1 day (清明当日); 劳动节 2 days (5月1日、2日); 端午节 1 day (农历五月初五); 中秋节 1 day
(农历八月十五); 国庆节 3 days (10月1日至3日). 第六条: a statutory day on a weekend is made up on a
working day (补假).

The 调休 pattern is the one the State Council's notices have used since the revision (the 2025
and 2026 notices, 国办发明电〔2024〕12号 and 〔2025〕7号), reproduced exactly for those years:

* a one-day holiday on Monday or Friday joins its weekend (3 days, no make-up day); on Saturday
  or Sunday it takes the Monday as 补假; on Tuesday the Monday is bridged and the Saturday before
  is worked; on Thursday the Friday is bridged and the Sunday after is worked; on Wednesday it
  stays one day;
* 春节 runs 除夕 to 正月初七 (8 days), 劳动节 5月1日–5日, 国庆节 10月1日–7日 (8 days from
  10月1日 when 中秋 falls inside it, or from 中秋 when 中秋 is just before it); a block takes in
  the Sunday before when it starts on a Monday (劳动节 starts on the Saturday before when 5月1日
  is a Sunday or Monday), and every weekday in a block beyond its statutory days is made up on a
  weekend day next to the block (closest first, then the other side, never inside a holiday).

The result is a proposal: the official notice replaces it when an administrator enters it.
Lunar dates and the 清明 solar term come from ``lunar_python`` (see docs/adr/0010).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from lunar_python import Lunar, Solar

from jiazhou.worktime.holiday_records import HolidayRecord

__all__ = [
    "FIRST_PROVISIONAL_YEAR",
    "LAST_PROVISIONAL_YEAR",
    "PROVISIONAL_SOURCE",
    "provisional_records",
    "statutory_days",
]

#: The rules of 国务院令第798号 apply from 2025; the lunar tables are cross-checked to 2099.
FIRST_PROVISIONAL_YEAR = 2025
LAST_PROVISIONAL_YEAR = 2099
PROVISIONAL_SOURCE = (
    "暂定：按国务院令第798号推算 / provisional, computed from State Council Decree 798"
)

_ONE = timedelta(days=1)


def _lunar(year: int, month: int, day: int) -> date:
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _qingming(year: int) -> date:
    term = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"]
    return date(term.getYear(), term.getMonth(), term.getDay())


def statutory_days(year: int) -> dict[str, tuple[date, ...]]:
    """The statutory holiday dates of ``year`` by Chinese name (国务院令第798号 第二条)."""
    new_year = _lunar(year, 1, 1)
    return {
        "元旦": (date(year, 1, 1),),
        "春节": (new_year - _ONE, new_year, new_year + _ONE, new_year + 2 * _ONE),
        "清明节": (_qingming(year),),
        "劳动节": (date(year, 5, 1), date(year, 5, 2)),
        "端午节": (_lunar(year, 5, 5),),
        "中秋节": (_lunar(year, 8, 15),),
        "国庆节": (date(year, 10, 1), date(year, 10, 2), date(year, 10, 3)),
    }


_ENGLISH = {
    "元旦": "New Year's Day",
    "春节": "Spring Festival",
    "清明节": "Tomb-sweeping Day",
    "劳动节": "Labour Day",
    "端午节": "Dragon Boat Festival",
    "中秋节": "Mid-autumn Festival",
    "国庆节": "National Day",
}


def _span(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _weekend(day: date) -> bool:
    return day.weekday() >= 5


def _joined(days: list[date]) -> list[date]:
    """A block starting on a Monday takes in the Sunday before (as 春节 2026 did)."""
    if days[0].weekday() == 0:
        return [days[0] - _ONE, *days]
    return days


def _make_up_days(block: list[date], needed: int, taken: set[date]) -> list[date]:
    """``needed`` weekend days next to ``block``: closest first, then alternating sides."""
    before = [
        block[0] - timedelta(days=i)
        for i in range(1, 22)
        if _weekend(block[0] - timedelta(days=i)) and block[0] - timedelta(days=i) not in taken
    ]
    after = [
        block[-1] + timedelta(days=i)
        for i in range(1, 22)
        if _weekend(block[-1] + timedelta(days=i)) and block[-1] + timedelta(days=i) not in taken
    ]
    chosen: list[date] = []
    before_first = bool(before) and (not after or block[0] - before[0] <= after[0] - block[-1])
    sides = (before, after) if before_first else (after, before)
    turn = 0
    while len(chosen) < needed and (before or after):
        pool = sides[turn % 2]
        if pool:
            chosen.append(pool.pop(0))
        turn += 1
    return chosen


def _single(day: date, taken: set[date]) -> tuple[list[date], list[date]]:
    """Days off and make-up days for a one-day holiday by its weekday."""
    wd = day.weekday()
    if wd == 0:  # Monday: Saturday to Monday
        return _span(day - 2 * _ONE, day), []
    if wd == 1:  # Tuesday: bridge Monday, work the Saturday before
        work = day - 3 * _ONE
        if work not in taken:
            return _span(day - 2 * _ONE, day), [work]
        return [day], []
    if wd == 3:  # Thursday: bridge Friday, work the Sunday after
        work = day + 3 * _ONE
        if work not in taken:
            return _span(day, day + 2 * _ONE), [work]
        return [day], []
    if wd == 4:  # Friday: Friday to Sunday
        return _span(day, day + 2 * _ONE), []
    if wd == 5:  # Saturday: 补假 on Monday
        return _span(day, day + 2 * _ONE), []
    if wd == 6:  # Sunday: 补假 on Monday
        return _span(day - _ONE, day + _ONE), []
    return [day], []  # Wednesday


@lru_cache(maxsize=128)
def _records(year: int) -> tuple[HolidayRecord, ...]:
    law = statutory_days(year)
    mid_autumn = law["中秋节"][0]
    national = law["国庆节"]
    merged = date(year, 9, 28) <= mid_autumn <= date(year, 10, 8)

    blocks: list[tuple[str, list[date], int]] = []  # name, days, statutory weekday count
    spring = _span(law["春节"][0], law["春节"][0] + 7 * _ONE)
    blocks.append(("春节", spring, 4))
    may_day = date(year, 5, 1)
    if may_day.weekday() in (6, 0):  # Sunday or Monday: from the Saturday before (2022, 2023)
        may_day -= timedelta(days=(may_day.weekday() + 2) % 7)
    blocks.append(("劳动节", _span(may_day, may_day + 4 * _ONE), 2))
    if merged:
        start = min(mid_autumn, date(year, 10, 1))
        blocks.append(("国庆节", _span(start, start + 7 * _ONE), 4))
    else:
        blocks.append(("国庆节", _span(national[0], national[0] + 6 * _ONE), 3))

    off: dict[date, str] = {}
    work: dict[date, str] = {}
    widened = [(name, _joined(days), n) for name, days, n in blocks]
    for name, days, _ in widened:
        for d in days:
            off[d] = name
    singles = ["元旦", "清明节", "端午节"] + ([] if merged else ["中秋节"])
    for name in singles:
        day = law[name][0]
        if day in off:
            continue
        days, make_up = _single(day, set(off) | set(work))
        for d in days:
            off.setdefault(d, name)
        for d in make_up:
            work[d] = name
    for name, days, statutory in widened:
        needed = sum(1 for d in days if not _weekend(d)) - statutory
        for d in _make_up_days(days, max(needed, 0), set(off) | set(work)):
            work[d] = name
    if merged:
        off[mid_autumn] = "中秋节"

    rows = [
        HolidayRecord(d, "holiday", _ENGLISH[n], n, year, PROVISIONAL_SOURCE)
        for d, n in off.items()
    ]
    rows += [
        HolidayRecord(d, "workday", _ENGLISH[n], n, year, PROVISIONAL_SOURCE)
        for d, n in work.items()
    ]
    return tuple(sorted(rows, key=lambda r: r.day))


def provisional_records(year: int) -> list[HolidayRecord]:
    """The proposed (暂定) holidays and make-up workdays of ``year``."""
    if not FIRST_PROVISIONAL_YEAR <= year <= LAST_PROVISIONAL_YEAR:
        raise ValueError(
            f"暂定节假日只能推算 {FIRST_PROVISIONAL_YEAR}–{LAST_PROVISIONAL_YEAR} 年，收到 {year} / "
            f"provisional holidays are computed for {FIRST_PROVISIONAL_YEAR}–"
            f"{LAST_PROVISIONAL_YEAR} only, got {year}"
        )
    return list(_records(year))
