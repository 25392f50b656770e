"""The formatting module: every value a person reads (hand-computed expectations)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jiazhou import humanize as h


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (10_862_011, "1,086.20万元"),
        (Decimal("925600"), "92.56万元"),
        (0, "0.00万元"),
        (None, "—"),
        (9.256e5, "92.56万元"),
    ],
)
def test_money_in_wan_yuan_with_separators(value: object, expected: str) -> None:
    assert h.wan_yuan(value) == expected  # type: ignore[arg-type]


def test_exact_yuan_keeps_cents_only_when_there_are_any() -> None:
    assert h.yuan(1234567) == "1,234,567元"
    assert h.yuan(Decimal("12.50")) == "12.50元"


def test_counts_are_integers_and_numbers_never_e_notation() -> None:
    assert h.count(25.0) == "25"
    assert h.count(1819) == "1,819"
    assert h.number(4.441e-16) == "0"
    assert h.number(1.23e20) == "123,000,000,000,000,000,000"
    assert "e" not in h.number(9.256e5)
    assert h.number(-0.06695, 3) == "-0.067"
    assert h.number(float("nan")) == "—"


def test_percentages_have_fixed_decimals() -> None:
    assert h.percent(33.6) == "33.6%"
    assert h.percent(30) == "30.0%"
    assert h.percent_of_ratio(0.336) == "33.6%"
    assert h.percent_of_ratio(Decimal("0.05"), 2) == "5.00%"


@pytest.mark.parametrize(
    ("notation", "expected"),
    [
        ("asof:2026-09", "2026年9月末"),
        ("asof:2025", "2025年末"),
        ("asof:2023-11-13", "截至2023年11月13日"),
        ("2023", "2023年"),
        ("2025-01..2025-08", "2025年1—8月"),
        ("2023-01-01..2023-11-13", "2023年1月1日—11月13日"),
        ("2021..2025", "2021—2025年累计"),
        ("2020-06..2022-05", "2020年6月—2022年5月累计"),
        ("unstated", "期间未载明"),
        ("nonsense", "nonsense"),
    ],
)
def test_periods_read_as_chinese(notation: str, expected: str) -> None:
    assert h.period_zh(notation) == expected


@pytest.mark.parametrize(
    ("notation", "expected"),
    [
        ("asof:2026-09", "end of 2026-09"),
        ("asof:2025", "end of 2025"),
        ("asof:2023-11-13", "as of 2023-11-13"),
        ("2023", "2023"),
        ("2025-01..2025-08", "2025-01–2025-08"),
        ("2021..2025", "2021–2025 cumulative"),
        ("2020-06..2022-05", "2020-06–2022-05 cumulative"),
        ("unstated", "period not stated"),
        ("nonsense", "nonsense"),
        ("", "—"),
    ],
)
def test_periods_read_as_english_on_the_switch(notation: str, expected: str) -> None:
    assert h.period_en(notation) == expected


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("家", " firms"),
        ("亿元", " hundred million yuan"),
        ("件/万人", " per 10,000 people"),
        ("%", "%"),
        ("名", ""),  # a place in a ranking: "within the top 50"
        ("", ""),
        ("吨", " 吨"),  # not in the table: kept, after a space
    ],
)
def test_units_read_as_english_on_the_switch(unit: str, expected: str) -> None:
    assert h.unit_en(unit) == expected


def test_dates_and_times_in_shanghai() -> None:
    assert h.month_zh(dt.date(2026, 10, 5)) == "2026年10月"
    assert h.date_zh(dt.date(2026, 12, 31)) == "2026年12月31日"
    utc = dt.datetime(2026, 12, 4, 16, 30, tzinfo=dt.UTC)
    assert h.local_datetime(utc) == "2026-12-05 00:30"
    assert h.date_zh(utc) == "2026年12月5日"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (32, "三十二"),
        (105, "一百零五"),
        (110, "一百一十"),
    ],
)
def test_chinese_numerals(n: int, expected: str) -> None:
    assert h.chinese_numeral(n) == expected


def test_article_citation() -> None:
    assert (
        h.article_citation("高新技术企业认定管理办法", 11, 2)
        == "「《高新技术企业认定管理办法》第十一条（二）」"
    )
    assert (
        h.article_citation("《科技型中小企业评价办法》", 6)
        == "「《科技型中小企业评价办法》第六条」"
    )
