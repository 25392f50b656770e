"""Reading the State Council's holiday notice: rules the full mutation run left unpinned.

The notice (国务院办公厅关于YYYY年部分节假日安排的通知) lists numbered items 「一、元旦：1月1日（周四）
至3日（周六）放假调休，共3天。1月4日（周日）上班。」: the days off (放假) and the make-up working
days (上班) of each festival. Items for years without a published notice are written in that
format. The statutory days follow 国务院令第798号 (from 2025; 中秋节 is 农历八月十五 as before).
No test reads today's date.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from jiazhou.worktime import packaged_holiday_records
from jiazhou.worktime.official_notice import NoticeError, parse_notice


def _notice(year: int, *items: str) -> str:
    return f"国务院办公厅关于{year}年部分节假日安排的通知\n" + "\n".join(items) + "\n"


NEW_YEAR_2026 = _notice(
    2026, "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。"
)


def test_a_notice_for_a_later_year_than_the_one_chosen_is_refused() -> None:
    """The 2026 notice pasted for 2025: refused, naming the title's year and the chosen one."""
    message = "通知标题年份 2026 与所选年份 2025 不一致 / the notice is for 2026, not 2025"
    with pytest.raises(NoticeError, match=f"^{re.escape(message)}$"):
        parse_notice(NEW_YEAR_2026, year=2025)


def test_a_chosen_year_equal_to_the_titles_reads_the_notice() -> None:
    """Choosing 2026 for the 2026 notice reads it as without a choice: 1–3 January off, 4 worked."""
    records = parse_notice(NEW_YEAR_2026, year=2026)
    assert [(r.day, r.kind) for r in records] == [
        (date(2026, 1, 1), "holiday"),
        (date(2026, 1, 2), "holiday"),
        (date(2026, 1, 3), "holiday"),
        (date(2026, 1, 4), "workday"),
    ]


def test_mid_autumn_inside_national_day_is_named_after_2025_too() -> None:
    """A later combined item (中秋 2036 is 农历八月十五 = 4 October): the 中秋 day is 中秋节, the
    other days 国庆节, as in the 2025 notice (中秋 6 October)."""
    text = _notice(2036, "一、国庆节、中秋节：10月1日至8日放假调休，共8天。")
    names = {r.day: r.name_zh for r in parse_notice(text)}
    assert names[date(2036, 10, 4)] == "中秋节"
    assert {n for d, n in names.items() if d != date(2036, 10, 4)} == {"国庆节"}


def test_a_make_up_day_without_its_month_is_in_the_month_written_before_it() -> None:
    """「9月27日、10月10日、11日上班」: 11日 is in October, the month of the day before it."""
    text = _notice(2026, "一、国庆节：10月1日至7日放假调休，共7天。9月27日、10月10日、11日上班。")
    work = [r.day for r in parse_notice(text) if r.kind == "workday"]
    assert work == [date(2026, 9, 27), date(2026, 10, 10), date(2026, 10, 11)]


def test_a_day_off_without_any_month_is_refused() -> None:
    """「1日放假」 with no month before it is no date: the line is refused, not read as January."""
    with pytest.raises(NoticeError, match="^第 2 行日期无效"):
        parse_notice(_notice(2026, "一、元旦：1日放假。"))


def test_an_item_without_days_off_names_its_first_festival_in_both_languages() -> None:
    """「一、国庆节、中秋节：另行通知。」 has no days off: the refusal names 国庆节, the item's first."""
    message = "第 2 行「国庆节」未找到放假日期 / line 2 (国庆节): no days off found"
    with pytest.raises(NoticeError, match=f"^{re.escape(message)}$"):
        parse_notice(_notice(2026, "一、国庆节、中秋节：另行通知。"))


def test_a_clash_is_refused_naming_the_first_day_both_off_and_worked() -> None:
    """10月6日 and 7日 are both off and worked: the refusal names the earlier, 6 October."""
    text = _notice(2026, "一、国庆节：10月1日至7日放假调休，共7天。10月6日、7日上班。")
    message = "2026-10-06 同时被记为放假和上班 / 2026-10-06 is both a day off and a working day"
    with pytest.raises(NoticeError, match=f"^{re.escape(message)}$"):
        parse_notice(text)


def test_a_reversed_range_within_one_month_has_no_days_off() -> None:
    """「1月3日至1日」 ends before it starts within January: like 「2019年1月3日至2019年1月1日」
    (test_notice_edges) it has no days off in it and is refused as 0 days."""
    with pytest.raises(NoticeError, match=r"^第 2 行放假天数 0 不合理"):
        parse_notice(_notice(2019, "一、元旦：1月3日至1日放假。"))


# 国办发明电〔2016〕17号 (2017), items 一 and 六 as published.
NOTICE_2017 = _notice(
    2017,
    "一、元旦：1月1日放假，1月2日（星期一）补休。",
    "六、中秋节、国庆节：10月1日至8日放假调休，共8天。9月30日（星期六）上班。",
)


def _2017(*names: str, parsed: bool) -> set[tuple[date, str, str]]:
    records = parse_notice(NOTICE_2017) if parsed else packaged_holiday_records()
    return {(r.day, r.kind, r.name_zh) for r in records if r.year == 2017 and r.name_zh in names}


def test_a_day_given_in_lieu_is_a_day_off() -> None:
    """「1月1日放假，1月2日（星期一）补休」: 1 January is a Sunday, 2 January is off in lieu (补休);
    the packaged 2017 calendar has both off."""
    assert _2017("元旦", parsed=True) == _2017("元旦", parsed=False)


def test_a_combined_item_listing_mid_autumn_first_names_the_national_day_days() -> None:
    """「六、中秋节、国庆节：10月1日至8日」 (2017; 中秋 was 4 October): 4 October is 中秋节, the
    other days off and the make-up day 30 September are 国庆节, as in the packaged calendar."""
    both = ("中秋节", "国庆节")
    assert _2017(*both, parsed=True) == _2017(*both, parsed=False)


@pytest.mark.parametrize(
    ("year", "item"),
    [
        # 国办发明电〔2019〕16号: 中秋 fell on 1 October, one of National Day's own days
        (
            2020,
            "六、国庆节、中秋节：10月1日至8日放假调休，共8天。9月27日（星期日）、10月10日（星期六）上班。",
        ),
        # 国办发明电〔2022〕16号: 中秋 listed first, on 29 September
        (
            2023,
            "六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。",
        ),
    ],
)
def test_combined_national_day_items_read_as_the_packaged_calendar(year: int, item: str) -> None:
    """The published combined items give the packaged calendar's days, kinds and names: the
    中秋 day is 中秋节 unless it is 1–3 October (国庆节 then), every other day 国庆节."""
    both = ("中秋节", "国庆节")
    parsed = {(r.day, r.kind, r.name_zh) for r in parse_notice(_notice(year, item))}
    packaged = {
        (r.day, r.kind, r.name_zh)
        for r in packaged_holiday_records()
        if r.year == year and r.name_zh in both
    }
    assert parsed == packaged
