"""A whole enterprise table (``jiazhou.validation.table``): every problem collected, none
half-accepted, hand-made rows.

Rules (issue 12, docs/adr/0012-validation-layer.md): 统一社会信用代码 and 会计年度 are required
columns and cells; one row per firm and fiscal year; head-counts within 职工总数 and R&D within
its revenue (科技人员 ≤ 职工总数, 研发费用 ≤ 营业收入 …), except that R&D may exceed a revenue of
zero (a firm before its first sale scores on costs, 115号); in an 元 file, a firm of at least
50 employees whose every amount (two or more) is below 1万元 probably wrote 万元 (a warning).
Rows are spreadsheet rows: the header is row 1.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import polars as pl
import pytest

from jiazhou.validation import InvalidInput, Problem, Validation, validate_rows
from jiazhou.validation.table import row_rules, wan_suspects

TODAY = dt.date(2026, 6, 30)
A, B = "91511100000000019P", "91511100000000027J"


def check(header: list[Any], *rows: list[Any], **kw: Any) -> Validation:
    return validate_rows(header, list(rows), today=TODAY, **kw)


def where(v: Validation) -> list[tuple[str, int | None, str | None]]:
    return [(p.severity, p.row, p.column) for p in v.problems]


def test_a_clean_table_is_typed() -> None:
    header = ["uscc", "fiscal_year", "operating_revenue", "employees_total", "in_zone"]
    header += ["registration_date", "sme_size_class", "name"]
    v = check(
        header,
        [A, "2025", "3000万", "100", "是", "2016-03-01", "小型", "甲"],
        [B.lower(), 2024.0, "1,200,000", 20, "否", None, None, None],
    )
    assert v.ok and not v.problems and v.frame is not None
    assert v.frame.schema == pl.Schema(
        {
            "uscc": pl.String,
            "fiscal_year": pl.Int32,
            "operating_revenue": pl.Float64,
            "employees_total": pl.Float64,
            "in_zone": pl.Boolean,
            "registration_date": pl.Date,
            "sme_size_class": pl.String,
            "name": pl.String,
        }
    )
    assert v.frame.row(0) == (A, 2025, 3e7, 100.0, True, dt.date(2016, 3, 1), "small", "甲")
    assert v.frame.row(1) == (B, 2024, 1.2e6, 20.0, False, None, None, None)


def test_money_unit_of_the_file_and_of_a_header() -> None:
    v = check(["uscc", "fiscal_year", "operating_revenue"], [A, 2025, "3000"], money_unit="万元")
    assert v.frame is not None and v.frame["operating_revenue"].to_list() == [3e7]
    # a header stating its unit wins over the file's
    v = check(["uscc", "fiscal_year", "营业收入（万元）"], [A, 2025, "3000"])
    assert v.frame is not None and v.frame["operating_revenue"].to_list() == [3e7]
    v = check(["uscc", "fiscal_year", "营业收入（元）"], [A, 2025, "3000"], money_unit="万元")
    assert v.frame is not None and v.frame["operating_revenue"].to_list() == [3000.0]
    with pytest.raises(ValueError, match="money unit must be 元 or 万元"):
        check(["uscc", "fiscal_year"], [A, 2025], money_unit="亿元")


def test_required_columns_unknown_and_duplicate_headers() -> None:
    v = check(["name", "备注", None, ""], ["甲", "x", None, None])
    assert v.frame is None
    assert where(v) == [
        ("warning", None, None),  # 备注 ignored
        ("error", None, "uscc"),
        ("error", None, "fiscal_year"),
    ]
    v = check(["uscc", "fiscal_year", "营业收入", "operating_revenue"], [A, 2025, 1, 2])
    assert v.frame is None and where(v) == [("error", None, "operating_revenue")]
    assert "第3列与第4列" in v.problems[0].zh
    assert v.problems[0].en.startswith("columns 3 and 4 ('operating_revenue')")


def test_a_header_only_table() -> None:
    v = check(["uscc", "fiscal_year"])
    assert v.frame is None and "no data rows" in v.problems[0].en


def test_warnings_alone_keep_the_frame() -> None:
    v = check(["uscc", "fiscal_year", "备注"], [A, 2025, "x"])
    assert v.ok and v.frame is not None and len(v.warnings) == 1 and not v.errors


def test_every_bad_cell_named_and_nothing_accepted() -> None:
    header = ["uscc", "fiscal_year", "employees_total", "operating_revenue", "name"]
    v = check(
        header,
        [A, 2025, "abc", "-1", None],  # row 2: two bad cells; a blank name is fine
        [None, None, 10, 1, "乙"],  # row 3: both keys blank
        ["123", 2027, 10, 1, "丙"],  # row 4: bad code, a year not begun
        [B],  # row 5: a short row: the missing cells are blank
    )
    assert v.frame is None
    assert where(v) == [
        ("error", 2, "employees_total"),
        ("error", 2, "operating_revenue"),
        ("error", 3, "uscc"),
        ("error", 3, "fiscal_year"),
        ("error", 4, "uscc"),
        ("error", 4, "fiscal_year"),
        ("error", 5, "fiscal_year"),
    ]
    assert v.problems[2].en == "required, must not be blank"


def test_one_row_per_firm_and_year() -> None:
    v = check(["uscc", "fiscal_year"], [A, 2024], [A, 2025], [B, 2025], [A, "2025年"])
    assert where(v) == [("error", 5, "uscc")]
    assert "与第3行重复" in v.problems[0].zh
    # a row whose key could not be read is not a duplicate of anything
    v = check(["uscc", "fiscal_year"], [A, "x"], [A, "x"])
    assert [p.row for p in v.problems] == [2, 3] and all("重复" not in p.zh for p in v.problems)


@pytest.mark.parametrize(
    ("row", "problems"),
    [
        ({"tech_staff": 30, "employees_total": 30}, []),  # equal is within
        ({"tech_staff": 31, "employees_total": 30}, ["tech_staff"]),
        ({"rd_staff": 31, "employees_total": 30}, ["rd_staff"]),
        ({"tech_staff": 31, "employees_total": None}, []),  # nothing to compare
        ({"rd_expense_audited": 5, "operating_revenue": 0}, []),  # before the first sale
        ({"rd_expense_hnte": 5, "sales_revenue_hnte": 0}, []),
        ({"hitech_product_income": 5, "total_income": 0}, []),
        ({"rd_expense_audited": 5, "operating_revenue": 4}, ["rd_expense_audited"]),
        ({"rd_domestic_hnte": 5, "rd_expense_hnte": 0}, ["rd_domestic_hnte"]),  # not a revenue
        ({"ip_class1_self_count": 3, "ip_class1_count": 2}, ["ip_class1_self_count"]),
        ({"main_business_revenue": 2, "operating_revenue": 1}, ["main_business_revenue"]),
    ],
)
def test_values_within_their_totals(row: dict[str, Any], problems: list[str]) -> None:
    assert [code for code, _, _ in row_rules(row)] == problems


def test_cross_field_messages_show_amounts_in_wan_and_counts() -> None:
    [(_, zh, en)] = row_rules(
        {"rd_expense_audited": Decimal(1_500_000), "operating_revenue": Decimal(1_000_000)}
    )
    assert "（150.00 万元）大于" in zh and zh.endswith("（100.00 万元）")
    assert en == "rd_expense_audited (1500000) exceeds operating_revenue (1000000)"
    [(_, zh, _)] = row_rules({"tech_staff": Decimal(1200), "employees_total": Decimal(1000)})
    assert "（1,200）大于" in zh and zh.endswith("（1,000）")


def test_cross_field_errors_in_a_table_name_the_row() -> None:
    header = ["uscc", "fiscal_year", "tech_staff", "employees_total"]
    v = check(header, [A, 2024, 10, 20], [A, 2025, 21, 20])
    assert where(v) == [("error", 3, "tech_staff")]


def test_wan_suspects_rule() -> None:
    # 50 employees, two amounts, all below 10,000 → suspect; the rows of the firm are listed
    assert wan_suspects(["A", "A"], [50, None], [[3000, 3600], [None, 9999]]) == [("A", [0, 1], 50)]
    assert wan_suspects(["A"], [49], [[3000], [200]]) == []  # a small firm
    assert wan_suspects(["A"], [50], [[3000], [None]]) == []  # one amount only
    assert wan_suspects(["A"], [50], [[3000], [10_000]]) == []  # 1万元 is not below 1万元
    assert wan_suspects(["A"], [50], [[-3000], [200]]) == [("A", [0], 50)]  # a loss too
    assert wan_suspects([None], [500], [[3], [2]]) == []  # no firm to name
    assert wan_suspects(["A"], [None], [[3], [2]]) == []  # staff unknown


def test_wan_warning_in_a_table() -> None:
    header = ["uscc", "fiscal_year", "employees_total", "operating_revenue", "net_profit"]
    v = check(header, [A, 2024, 120, "3000", "300"], [A, 2025, 130, "3600", "360"])
    assert v.ok and where(v) == [("warning", 2, None)]
    assert "第2、3行" in v.warnings[0].zh and "130 人" in v.warnings[0].zh
    # declared 万元 (file unit or header unit) or written with 万: no warning
    assert not check(header, [A, 2024, 120, "3000", "300"], money_unit="万元").problems
    wan_header = [*header[:3], "营业收入（万元）", "净利润（万元）"]
    assert not check(wan_header, [A, 2024, 120, "3000", "300"]).problems
    assert not check(header, [A, 2024, 120, "3000万", "300"]).problems


def test_problem_messages_and_invalid_input() -> None:
    p = Problem("error", "a.csv", "必填", "required", 3, "operating_revenue")
    assert p.message() == (
        "错误：a.csv 第3行 「营业收入」(operating_revenue)：必填 / error: a.csv, row 3, "
        "column operating_revenue: required"
    )
    w = Problem("warning", "a.csv", "提示", "hint")
    assert w.message() == "提示：a.csv：提示 / warning: a.csv: hint" and w.label is None
    own = Problem("error", "e", "x", "y", column="date", column_label="发生日期")
    assert own.label == "发生日期"
    exc = InvalidInput([p, w, p])
    assert str(exc).startswith("2 处错误，未评价任何数据 / 2 error(s), nothing was scored\n")
    assert str(exc).count("第3行") == 2 and "hint" not in str(exc)
    assert not Validation(None).ok and not Validation(pl.DataFrame(), [p]).ok


def test_a_bad_credit_code_is_explained_in_both_languages() -> None:
    # GB 32100-2015: 18 characters, the 18th a check character
    v = check(["uscc", "fiscal_year"], ["123", 2025], ["91511100000000019Q", 2025])
    assert [p.zh for p in v.problems] == [
        "「123」无效：应为18位，实际3位",
        "「91511100000000019Q」无效：校验码（第18位）错误",
    ]
    assert [p.en for p in v.problems] == [
        "'123' is invalid: must have 18 characters, not 3",
        "'91511100000000019Q' is invalid: check character (18th) is wrong",
    ]
