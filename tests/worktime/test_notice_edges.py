"""Edges of reading a holiday notice: a 元旦 range without years, one-day ranges, block length.

The notice of year Y (国务院办公厅关于Y年部分节假日安排的通知) sets Y's holidays; its 元旦 item is
about 1 January of Y, so a range across the turn of the year runs from December of Y − 1 into
January of Y (the 2019 notice: 「2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）
上班。」). The longest block a notice has set is 春节's 8 or 9 days; an item of more than 15 days
off is refused as a misreading.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from jiazhou.worktime.official_notice import NoticeError, parse_notice, schedule_changes

TITLE_2019 = "国务院办公厅关于2019年部分节假日安排的通知\n"


def test_a_new_year_range_without_years_is_the_notices_own_new_year() -> None:
    """The 2019 item written without its years: 30 December 2018 to 1 January 2019 off, and the
    Saturday before, 29 December 2018, worked — the same days as the item with its years."""
    text = TITLE_2019 + "一、元旦：12月30日至1月1日放假调休，共3天。12月29日（星期六）上班。\n"
    records = parse_notice(text)
    assert [(r.day, r.kind) for r in records] == [
        (date(2018, 12, 29), "workday"),
        (date(2018, 12, 30), "holiday"),
        (date(2018, 12, 31), "holiday"),
        (date(2019, 1, 1), "holiday"),
    ]
    assert all(r.year == 2019 for r in records)


def test_a_range_whose_start_has_its_year_ends_on_the_next_such_day() -> None:
    """「2018年12月30日至1月1日」: the start's year is written, the end is the first 1 January
    after it — 2019's (and 「12月29日上班」 is the Saturday before, in 2018);
    「2019年12月31日至1月1日」 likewise ends on 1 January 2020."""
    text = (
        TITLE_2019 + "一、元旦：2018年12月30日至1月1日放假调休，共3天。12月29日（星期六）上班。\n"
    )
    assert [(r.day, r.kind) for r in parse_notice(text)] == [
        (date(2018, 12, 29), "workday"),
        (date(2018, 12, 30), "holiday"),
        (date(2018, 12, 31), "holiday"),
        (date(2019, 1, 1), "holiday"),
    ]
    later = TITLE_2019 + "一、元旦：2019年12月31日至1月1日放假，共2天。\n"
    assert [r.day for r in parse_notice(later)] == [date(2019, 12, 31), date(2020, 1, 1)]


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    """「2019年1月3日至2019年1月1日」 has no days off in it: the item is refused, not skipped."""
    with pytest.raises(NoticeError, match=r"^第 2 行放假天数 0 不合理"):
        parse_notice(TITLE_2019 + "一、元旦：2019年1月3日至2019年1月1日放假。\n")


def test_a_range_that_starts_and_ends_on_one_day_is_that_day() -> None:
    text = TITLE_2019 + "一、清明节：4月5日（星期五）至4月5日放假。\n"
    assert [(r.day, r.kind) for r in parse_notice(text)] == [(date(2019, 4, 5), "holiday")]


def test_fifteen_days_off_are_read_and_sixteen_refused() -> None:
    """1–15 February 2019 is 15 days (read); 1–16 February is 16 (refused, naming the line)."""
    fifteen = parse_notice(TITLE_2019 + "一、春节：2月1日至15日放假调休，共15天。\n")
    assert [r.day for r in fifteen] == [date(2019, 2, 1) + timedelta(days=i) for i in range(15)]
    with pytest.raises(NoticeError, match=r"^第 2 行放假天数 16 不合理"):
        parse_notice(TITLE_2019 + "一、春节：2月1日至16日放假调休，共16天。\n")


def test_schedule_changes_are_read_only() -> None:
    """A change listed against the proposal is what the notice says; a page cannot edit it."""
    before = parse_notice(TITLE_2019 + "一、清明节：4月5日放假。\n")
    after = parse_notice(TITLE_2019 + "一、清明节：4月5日至7日放假。\n")
    [change, *_] = schedule_changes(before, after)
    assert (change.day, change.before, change.after) == (date(2019, 4, 6), None, "holiday")
    with pytest.raises(dataclasses.FrozenInstanceError):
        change.after = None  # type: ignore[misc]


def test_a_change_is_named_after_the_festival_that_adds_or_drops_the_day() -> None:
    """A day the notice adds is named by the notice; a day it drops by the schedule before."""
    short = parse_notice(TITLE_2019 + "一、清明节：4月5日放假。\n")
    long = parse_notice(TITLE_2019 + "一、清明节：4月5日至7日放假。\n")
    added = schedule_changes(short, long)
    assert [(c.day, c.after, c.name_zh) for c in added] == [
        (date(2019, 4, 6), "holiday", "清明节"),
        (date(2019, 4, 7), "holiday", "清明节"),
    ]
    dropped = schedule_changes(long, short)
    assert [(c.day, c.before, c.after, c.name_zh) for c in dropped] == [
        (date(2019, 4, 6), "holiday", None, "清明节"),
        (date(2019, 4, 7), "holiday", None, "清明节"),
    ]


def test_an_item_without_days_off_is_refused_naming_line_and_festival() -> None:
    with pytest.raises(NoticeError, match=r"^第 2 行「元旦」未找到放假日期"):
        parse_notice(TITLE_2019 + "一、元旦：与周末连休。\n")
    with pytest.raises(NoticeError, match=r"line 2 \(国庆节\): no days off found"):
        parse_notice(TITLE_2019 + "一、国庆节、中秋节：另行通知。\n")
