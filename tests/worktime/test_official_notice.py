"""Reading the State Council's holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知)."""

from __future__ import annotations

from datetime import date
from importlib import resources

import pytest

from jiazhou.worktime import packaged_holiday_records
from jiazhou.worktime.official_notice import NoticeError, parse_notice, schedule_changes
from jiazhou.worktime.provisional import provisional_records

NOTICE_2026 = (
    resources.files("jiazhou.worktime").joinpath("data/notices/2026.txt").read_text("utf-8")
)

# 国办发明电〔2024〕12号 (2025), items as published; 国庆 and 中秋 share one item.
NOTICE_2025 = """国务院办公厅关于2025年部分节假日安排的通知
国办发明电〔2024〕12号
一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
"""


def _key(records: list) -> set[tuple[date, str, str]]:
    return {(r.day, r.kind, r.name_zh) for r in records}


@pytest.mark.parametrize(("year", "text"), [(2026, NOTICE_2026), (2025, NOTICE_2025)])
def test_the_notice_reproduces_the_packaged_calendar_exactly(year: int, text: str) -> None:
    parsed = parse_notice(text)
    packaged = [r for r in packaged_holiday_records() if r.year == year]
    assert _key(parsed) == _key(packaged)
    assert all(r.year == year for r in parsed)


def test_the_notice_number_is_the_source() -> None:
    assert {r.source for r in parse_notice(NOTICE_2026)} == {"国办发明电〔2025〕7号"}


def test_a_range_across_the_turn_of_the_year() -> None:
    # 2019's notice: 元旦 2018年12月30日至2019年1月1日, 2018年12月29日（星期六）上班.
    text = (
        "国务院办公厅关于2019年部分节假日安排的通知\n"
        "一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。\n"
    )
    records = parse_notice(text)
    assert [(r.day, r.kind) for r in records] == [
        (date(2018, 12, 29), "workday"),
        (date(2018, 12, 30), "holiday"),
        (date(2018, 12, 31), "holiday"),
        (date(2019, 1, 1), "holiday"),
    ]


def test_bad_text_is_refused_chinese_first() -> None:
    with pytest.raises(NoticeError, match="^未找到通知标题中的年份"):
        parse_notice("一、元旦：1月1日放假。")
    with pytest.raises(NoticeError, match="^未找到编号的放假安排"):
        parse_notice("国务院办公厅关于2027年部分节假日安排的通知\n没有内容")
    with pytest.raises(NoticeError, match="^无法识别的节日名称"):
        parse_notice("关于2027年部分节假日安排的通知\n一、植树节：3月12日放假。")
    with pytest.raises(NoticeError, match="^第 2 行日期无效"):
        parse_notice("关于2027年部分节假日安排的通知\n一、元旦：2月30日放假。")
    with pytest.raises(NoticeError, match="与所选年份 2027 不一致"):
        parse_notice(NOTICE_2026, year=2027)


def test_changes_against_the_provisional_year() -> None:
    # The 2026 notice equals the 2026 proposal; an invented difference shows up day by day.
    assert schedule_changes(provisional_records(2026), parse_notice(NOTICE_2026)) == []
    edited = NOTICE_2026.replace("9月20日（周日）、", "")
    changes = schedule_changes(provisional_records(2026), parse_notice(edited))
    assert [(c.day, c.before, c.after) for c in changes] == [(date(2026, 9, 20), "workday", None)]
