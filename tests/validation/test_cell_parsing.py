"""One cell → one typed value or a refusal (``jiazhou.validation.cells``), hand-made cells.

The rules are those of issue 12 and docs/adr/0012-validation-layer.md: parse what is
unambiguous (``30,000,000``, ``3000万``, ``1.2亿``, 是/否, 有/无, ``2025年``, ``2025年3月1日``) and
refuse the rest, never silently empty; a plausible range per unit; money is never negative
except 净利润 (a loss); a date cannot lie in the future (the application date excepted, it may
be planned); a fiscal year is not before 1949 nor after the current year. Dates are explicit
(``today=`` is passed), so the tests do not depend on the day they run.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jiazhou.fields import field_map
from jiazhou.validation.cells import (
    CellError,
    boolean,
    code,
    date,
    fiscal_year,
    is_blank,
    money,
    number,
    parser_for,
    quantity,
    ratio,
    whole,
)

TODAY = dt.date(2026, 6, 30)


@pytest.mark.parametrize(
    ("cell", "value", "scale"),
    [
        ("30,000,000", Decimal(30_000_000), None),
        ("1,234.5", Decimal("1234.5"), None),
        ("3000万", Decimal(3000), Decimal(10_000)),
        ("3000万元", Decimal(3000), Decimal(10_000)),
        ("1.2亿", Decimal("1.2"), Decimal(100_000_000)),
        ("1.2亿元", Decimal("1.2"), Decimal(100_000_000)),
        ("500元", Decimal(500), Decimal(1)),
        ("¥2,000", Decimal(2000), None),
        ("RMB100", Decimal(100), None),
        ("人民币100", Decimal(100), None),
        ("１２３", Decimal(123), None),  # full-width digits
        (" 12 ", Decimal(12), None),
        (".5", Decimal("0.5"), None),
        ("-3", Decimal(-3), None),
        ("1e3", Decimal(1000), None),
        (7, Decimal(7), None),
        (2.5, Decimal("2.5"), None),
        (Decimal("4.25"), Decimal("4.25"), None),
    ],
)
def test_numbers_that_are_unambiguous(cell: object, value: Decimal, scale: Decimal | None) -> None:
    assert number(cell) == (value, scale)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("1,23,456", "must be a number"),  # groups of three only
        ("30 000 000x", "must be a number"),
        ("abc", "must be a number"),
        ("inf", "not a finite number"),
        ("-Infinity", "not a finite number"),
        ("NaN", "not a finite number"),
        (float("nan"), "not a finite number"),
        (float("inf"), "not a finite number"),
        (Decimal("NaN"), "not a finite number"),
        (True, "not yes/no"),
        ("35%", "must be a number"),  # a percentage only where a ratio is asked
    ],
)
def test_numbers_that_are_refused(cell: object, message: str) -> None:
    with pytest.raises(CellError, match=message):
        number(cell)


def test_a_percent_sign_only_for_ratios_and_not_after_a_unit() -> None:
    assert number("35%", percent=True) == (Decimal(35), Decimal("0.01"))
    with pytest.raises(CellError):
        number("35%万", percent=True)


def test_money_file_unit_and_explicit_suffix() -> None:
    wan = Decimal(10_000)
    assert money("3000", "operating_revenue") == Decimal(3000)
    assert money("3000", "operating_revenue", wan) == Decimal(30_000_000)  # a 万元 file
    assert money("1.2亿", "operating_revenue", wan) == Decimal(120_000_000)  # the suffix wins
    assert money("5元", "operating_revenue", wan) == Decimal(5)
    assert money("-300万", "net_profit") == Decimal(-3_000_000)  # a loss
    with pytest.raises(CellError, match="must not be negative"):
        money("-1", "operating_revenue")
    assert money("0", "operating_revenue") == 0


def test_money_range_is_one_hundred_trillion_yuan() -> None:
    # 100万亿元 is allowed (above any firm's revenue), one yuan more is not
    assert money("1000000亿", "operating_revenue") == Decimal("1e14")
    with pytest.raises(CellError, match="out of range"):
        money("100000000000001", "operating_revenue")
    with pytest.raises(CellError, match="out of range"):
        money("-1000001亿", "net_profit")
    assert money("-1000000亿", "net_profit") == Decimal("-1e14")


@pytest.mark.parametrize(
    ("cell", "unit", "value"),
    [
        ("100", "persons", Decimal(100)),
        ("10000000", "persons", Decimal(10_000_000)),
        ("1000000", "count", Decimal(1_000_000)),
        ("100", "points", Decimal(100)),
        ("65.5", "points", Decimal("65.5")),
        ("10", "level", Decimal(10)),
        ("12.5", "mu", Decimal("12.5")),
        ("3.0", "count", Decimal("3.0")),
        ("0", "count", Decimal(0)),
    ],
)
def test_quantities_within_their_range(cell: str, unit: str, value: Decimal) -> None:
    assert quantity(cell, unit, "x") == value


@pytest.mark.parametrize(
    ("cell", "unit", "message"),
    [
        ("10000001", "persons", "out of range"),
        ("1000001", "count", "out of range"),
        ("100.5", "points", "out of range"),
        ("11", "level", "out of range"),
        ("1000001", "mu", "out of range"),
        ("2.5", "persons", "must be a whole number"),
        ("2.5", "count", "must be a whole number"),
        ("1.5", "level", "must be a whole number"),
        ("3万", "persons", "not money"),
        ("3亿", "mu", "not money"),
        ("-1", "count", "must not be negative"),
        ("abc", "count", "must be a whole number"),
    ],
)
def test_quantities_refused(cell: str, unit: str, message: str) -> None:
    with pytest.raises(CellError, match=message):
        quantity(cell, unit, "x")


def test_a_quantity_may_say_yuan_explicitly_only_as_one() -> None:
    # the 元 suffix multiplies by 1: harmless on a count; 万/亿 are refused (above)
    assert quantity("3元", "count", "x") == 3


def test_whole_number_message() -> None:
    with pytest.raises(CellError) as info:
        whole("abc")
    assert info.value.zh.startswith("应为整数") and "a whole number" in info.value.en


@pytest.mark.parametrize(
    ("cell", "value"),
    [("0.35", Decimal("0.35")), ("35%", Decimal("0.35")), ("0", 0), ("1", 1), ("100%", 1)],
)
def test_ratios_between_zero_and_one(cell: str, value: Decimal) -> None:
    assert ratio(cell, "market_share") == value


@pytest.mark.parametrize("cell", ["1.01", "101%", "-0.1", "3万"])
def test_ratios_refused(cell: str) -> None:
    with pytest.raises(CellError):
        ratio(cell, "market_share")


def test_a_ratio_may_carry_a_yuan_suffix_only_as_one() -> None:
    assert ratio("0.5元", "market_share") == Decimal("0.5")


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("是", True),
        ("有", True),
        ("TRUE", True),
        ("y", True),
        ("1", True),
        ("√", True),
        (1, True),
        (1.0, True),
        (True, True),
        ("否", False),
        ("无", False),
        ("没有", False),
        ("No", False),
        ("0", False),
        ("×", False),
        (0, False),
        (False, False),
    ],
)
def test_yes_no_words(cell: object, value: bool) -> None:
    assert boolean(cell) is value


@pytest.mark.parametrize("cell", ["也许", 2, 0.5, "2"])
def test_yes_no_refused(cell: object) -> None:
    with pytest.raises(CellError, match="must be yes/no"):
        boolean(cell)


@pytest.mark.parametrize(
    "cell",
    [
        "2025-03-01",
        "2025/3/1",
        "2025.3.1",
        "2025年3月1日",
        "20250301",
        "2025-03-01 10:30:00",
        "2025-03-01T10:30",
        dt.date(2025, 3, 1),
        dt.datetime(2025, 3, 1, 23, 59),  # noqa: DTZ001 (openpyxl gives naive datetimes)
    ],
)
def test_dates(cell: object) -> None:
    assert date(cell, TODAY) == dt.date(2025, 3, 1)


@pytest.mark.parametrize("cell", ["2025-02-30", "2025-13-01", "3/1/2025", "明天", "2025"])
def test_dates_refused(cell: str) -> None:
    with pytest.raises(CellError, match="not a valid date"):
        date(cell)


def test_dates_from_1900_up_to_today() -> None:
    assert date("1900-01-01") == dt.date(1900, 1, 1)
    with pytest.raises(CellError, match="before 1900"):
        date("1899-12-31")
    assert date(TODAY, TODAY) == TODAY  # today itself has happened
    with pytest.raises(CellError, match="cannot be in the future"):
        date(TODAY + dt.timedelta(days=1), TODAY)
    assert date(TODAY + dt.timedelta(days=1)) == TODAY + dt.timedelta(days=1)  # no today given


@pytest.mark.parametrize(
    ("cell", "year"), [("2025", 2025), ("2025年", 2025), ("2025.0", 2025), ("2025年度", 2025)]
)
def test_fiscal_years(cell: object, year: int) -> None:
    assert fiscal_year(cell, TODAY) == year


def test_fiscal_year_bounds() -> None:
    assert fiscal_year(1949) == 1949
    assert fiscal_year(2026.0, TODAY) == 2026  # the current year has begun
    with pytest.raises(CellError, match="before 1949"):
        fiscal_year("1948")
    with pytest.raises(CellError, match="has not begun"):
        fiscal_year(2027, TODAY)
    assert fiscal_year(2027) == 2027  # no today given
    for bad in (2025.5, float("nan"), "二〇二五", "25"):
        with pytest.raises(CellError, match="is not a year"):
            fiscal_year(bad)


def test_fiscal_year_true_is_not_a_year() -> None:
    with pytest.raises(CellError, match="is not a year"):
        fiscal_year(True)


def test_coded_values() -> None:
    assert code("小型", "sme_size_class") == "small"
    assert code("Small", "sme_size_class") == "small"
    assert code("核定征收", "tax_collection_method") == "deemed"
    assert code("新三板", "listed_status") == "neeq"
    assert code("成长期", "lifecycle_stage") == "growth"
    assert code("成本费用支出总额", "rd_measure_choice") == "cost"
    assert code("先进制造与自动化", "tech_field") == "8"
    assert code(1.0, "tech_field") == "1"  # a spreadsheet number
    assert code(511102.0, "region_code") == "511102"  # uncoded field: the text
    with pytest.raises(CellError, match="is not one of: micro、small"):
        code("巨型", "sme_size_class")
    with pytest.raises(CellError):
        code("9", "tech_field")


def test_blank_cells() -> None:
    assert is_blank(None) and is_blank("") and is_blank("  ")
    assert not is_blank(0) and not is_blank("0")


def test_parser_for_each_unit() -> None:
    specs = field_map()
    wan = Decimal(10_000)
    assert parser_for(specs["operating_revenue"], unit_factor=wan)("3") == Decimal(30_000)
    assert parser_for(specs["market_share"])("35%") == Decimal("0.35")
    assert parser_for(specs["employees_total"])("100") == 100
    assert parser_for(specs["land_own_mu"])("2.5") == Decimal("2.5")
    assert parser_for(specs["specialized_dev_score"])("65.5") == Decimal("65.5")
    assert parser_for(specs["in_zone"])("是") is True
    assert parser_for(specs["sme_size_class"])("中型") == "medium"
    assert parser_for(specs["name"])(" 某某公司 ") == "某某公司"
    registration = parser_for(specs["registration_date"], today=TODAY)
    with pytest.raises(CellError, match="future"):
        registration("2026-07-01")
    # an application may be planned ahead: no future check
    application = parser_for(specs["application_date"], today=TODAY)
    assert application("2026-07-01") == dt.date(2026, 7, 1)


def test_the_eight_high_tech_fields_by_number() -> None:
    # 《国家重点支持的高新技术领域》 (32号 annex): eight fields, numbered 1–8
    assert [code(str(i), "tech_field") for i in range(1, 9)] == [str(i) for i in range(1, 9)]
    for bad in ("0", "9"):
        with pytest.raises(CellError):
            code(bad, "tech_field")


def test_money_parser_defaults_to_yuan() -> None:
    assert parser_for(field_map()["operating_revenue"])("3") == Decimal(3)
