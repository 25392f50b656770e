"""Validation rules pinned after the round-12 mutation run (issue 23, ADR 0023), hand-made cells.

Each test names the rule of issue 12 / docs/adr/0012-validation-layer.md it pins: which rows a
rule reads, which row, field and rule a message names (Chinese first), where each unit's
plausible range ends, and which options are keyword-only. Dates are pinned (``today=`` or a
frozen clock), so nothing depends on the day the tests run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import openpyxl
import polars as pl
import pytest

from jiazhou.fields import field_map
from jiazhou.validation import Problem, Validation, table, validate_rows
from jiazhou.validation.cells import (
    CellError,
    boolean,
    fiscal_year,
    money,
    number,
    parser_for,
    quantity,
)
from jiazhou.validation.events import validate_events
from jiazhou.validation.reading import read_xlsx_bytes
from jiazhou.validation.table import row_rules

TODAY = dt.date(2026, 6, 30)
A, B = "91511100000000019P", "91511100000000027J"
# A firm of 120 employees whose two amounts are 3,000 元 and 300 元 (an 元 file).
WAN_HEADER = ["uscc", "fiscal_year", "employees_total", "operating_revenue", "net_profit"]
WAN_WARNING = (
    f"第2行（{A}）：职工 120 人，但所有金额都小于 1 万元，疑似按万元填写；"
    "金额单位应为元，如确为万元请使用 --money-unit 万元"
)


def check(header: list[Any], *rows: list[Any], **kw: Any) -> Validation:
    return validate_rows(header, list(rows), today=TODAY, **kw)


def where(v: Validation) -> list[tuple[str, int | None, str | None]]:
    return [(p.severity, p.row, p.column) for p in v.problems]


# --- the table (jiazhou.validation.table) ---------------------------------------------------


def test_the_table_options_are_keyword_only() -> None:
    """header and rows may be named; source, money_unit and today only by name."""
    assert validate_rows(header=["uscc", "fiscal_year"], rows=[[A, 2025]], today=TODAY).ok
    with pytest.raises(TypeError):
        validate_rows(["uscc", "fiscal_year"], [[A, 2025]], "a.csv")  # type: ignore[call-arg]


def test_errors_and_warnings_are_kept_apart() -> None:
    """An unknown column is a warning (提示), a bad credit code an error (错误): each list holds
    only its own kind."""
    v = check(["uscc", "fiscal_year", "备注"], ["123", 2025, "x"])
    assert [p.column for p in v.errors] == ["uscc"]
    assert [p.zh for p in v.warnings] == ["未识别的列「备注」，已忽略"]
    assert (
        v.errors[0].message().startswith("错误：输入 第2行 「统一社会信用代码」(uscc)：「123」无效")
    )
    assert v.warnings[0].message().startswith("提示：输入：未识别的列「备注」")


def test_a_refused_header_is_reported_alone() -> None:
    """A required column missing: the rows are not read (their cells would be misplaced), the
    one problem is the missing 会计年度."""
    v = check(["uscc", "employees_total"], ["123", "abc"])
    assert v.frame is None
    assert where(v) == [("error", None, "fiscal_year")]
    assert v.problems[0].zh == "缺少必需的列「会计年度」(fiscal_year)"


def test_blank_and_unknown_headers_do_not_hide_the_columns_after_them() -> None:
    """A blank header is skipped and an unknown one ignored with a warning; the columns to
    their right are still read."""
    v = check(["uscc", "", "备注", "fiscal_year", "employees_total"], [A, None, "x", 2025, 80])
    assert where(v) == [("warning", None, None)]
    assert v.frame is not None and v.frame.columns == ["uscc", "fiscal_year", "employees_total"]
    assert v.frame.row(0) == (A, 2025, 80.0)


def test_a_doubled_column_does_not_hide_the_columns_after_it() -> None:
    """营业收入 twice is one error naming the field; 会计年度 further right is still found."""
    v = check(["uscc", "operating_revenue", "营业收入", "fiscal_year"], [A, 1, 2, 2025])
    assert where(v) == [("error", None, "operating_revenue")]


def test_a_valuation_column_is_money() -> None:
    """最近一轮估值 is money (元): ``5000万`` is 50,000,000 元 in a Float64 column."""
    v = check(["uscc", "fiscal_year", "valuation"], [A, 2025, "5000万"])
    assert v.ok and v.frame is not None
    assert v.frame.schema["valuation"] == pl.Float64
    assert v.frame["valuation"].to_list() == [5e7]


def test_duplicates_are_found_after_a_row_with_an_unreadable_year() -> None:
    """Row 2's year cannot be read (not a duplicate of anything); rows 3 and 4 are the same firm
    and year: row 4 repeats row 3."""
    v = check(["uscc", "fiscal_year"], [A, "x"], [B, 2025], [B, 2025])
    assert where(v) == [("error", 2, "fiscal_year"), ("error", 4, "uscc")]


def test_the_duplicate_message_names_the_firm_and_the_year() -> None:
    """One row per firm and fiscal year: the message names the earlier row, the firm's code and
    the year."""
    v = check(["uscc", "fiscal_year"], [A, 2025], [A, "2025年"])
    [p] = v.problems
    assert (p.row, p.column) == (3, "uscc")
    assert p.zh == (
        f"与第2行重复：同一企业（{A}）同一会计年度（2025）只能有一行，否则一个企业会得出两个结果"
    )
    assert p.en == f"duplicates row 2: one row per enterprise ({A}) and fiscal year (2025)"


def test_the_wan_check_needs_no_staff_column() -> None:
    """An 元 file without 职工总数: nothing to judge the firm's size by, no warning, a frame."""
    v = check(["uscc", "fiscal_year", "operating_revenue"], [A, 2025, "3000"])
    assert v.ok and not v.problems and v.frame is not None
    assert v.frame["operating_revenue"].to_list() == [3000.0]


def test_the_wan_check_is_for_yuan_files_only() -> None:
    """0.3 and 0.03 in a 万元 file are 3,000 and 300 元 of a firm of 120: the unit was declared,
    so no warning."""
    v = check(WAN_HEADER, [A, 2024, 120, "0.3", "0.03"], money_unit="万元")
    assert v.ok and not v.problems
    assert v.frame is not None and v.frame["operating_revenue"].to_list() == [3000.0]


def test_amounts_written_with_wan_are_not_suspect() -> None:
    """``0.3万`` and ``0.03万`` state their unit: 3,000 and 300 元 written so are not a
    万元-in-元 slip."""
    assert not check(WAN_HEADER, [A, 2024, 120, "0.3万", "0.03万"]).problems


def test_a_wan_in_a_text_cell_is_not_a_money_unit() -> None:
    """Only a money cell can state 万/亿: a firm named 万达 still gets the warning, on row 2."""
    v = check([*WAN_HEADER, "name"], [A, 2024, 120, "3000", "300", "万达"])
    assert v.ok and where(v) == [("warning", 2, None)]
    assert v.warnings[0].zh == WAN_WARNING


def test_rd_may_exceed_only_a_revenue_of_zero() -> None:
    """The 115号 exemption is for a firm before its first sale (revenue 0), not for any
    revenue below zero."""
    assert [c for c, _, _ in row_rules({"rd_expense_audited": 5, "operating_revenue": -1})] == [
        "rd_expense_audited"
    ]


@pytest.mark.parametrize(
    ("small", "large", "zh"),
    [
        (Decimal("30.5"), Decimal(30), "科技人员数（年平均）（30.5）大于职工总数（年平均）（30）"),
        (
            Decimal("-0.5"),
            Decimal("-1.5"),
            "科技人员数（年平均）（-0.5）大于职工总数（年平均）（-1.5）",
        ),
    ],
)
def test_a_figure_that_is_not_whole_is_shown_with_its_decimals(
    small: Decimal, large: Decimal, zh: str
) -> None:
    """The cross-field message shows a count as given: whole numbers plain, others with their
    decimals (never cut to a whole number)."""
    [(code, got, _)] = row_rules({"tech_staff": small, "employees_total": large})
    assert (code, got) == ("tech_staff", zh)


def test_a_problem_is_a_value() -> None:
    """A problem once recorded cannot be changed, and two equal problems are one."""
    p = Problem("error", "a.csv", "必填", "required", 3, "uscc")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.row = 4  # type: ignore[misc]
    assert len({p, Problem("error", "a.csv", "必填", "required", 3, "uscc")}) == 1


@pytest.mark.parametrize(
    ("utc", "ok"),
    [
        (dt.datetime(2026, 12, 31, 15, 30, tzinfo=dt.UTC), False),  # 23:30 on 31 Dec in 北京
        (dt.datetime(2026, 12, 31, 16, 30, tzinfo=dt.UTC), True),  # 00:30 on 1 Jan 2027
    ],
)
def test_today_is_the_day_in_beijing(
    monkeypatch: pytest.MonkeyPatch, utc: dt.datetime, ok: bool
) -> None:
    """Without ``today=``, the current year is Beijing's (UTC+8): fiscal year 2027 begins at
    midnight there, whatever the server's clock zone."""
    clock = SimpleNamespace(now=lambda tz: utc.astimezone(tz))
    fake = SimpleNamespace(datetime=clock, timezone=dt.timezone, timedelta=dt.timedelta)
    monkeypatch.setattr(table, "dt", fake)
    v = validate_rows(["uscc", "fiscal_year"], [[A, 2027]])
    assert v.ok is ok
    if not ok:
        assert [p.zh for p in v.problems] == ["2027 年尚未开始"]


def test_the_incident_table_options_are_keyword_only() -> None:
    """header and rows may be named; source and today only by name."""
    rows = [[A, "2025-03-01", "重大安全事故"]]
    assert validate_events(
        header=["统一社会信用代码", "发生日期", "事件类型"], rows=rows, today=TODAY
    ).ok
    with pytest.raises(TypeError):
        validate_events(["统一社会信用代码", "发生日期", "事件类型"], rows, "e.csv")  # type: ignore[call-arg]


# --- cells (jiazhou.validation.cells) -------------------------------------------------------


def test_the_parser_options_are_keyword_only() -> None:
    """The field spec may be named; the money unit and today only by name."""
    spec = field_map()["operating_revenue"]
    assert parser_for(spec=spec, unit_factor=Decimal(10_000))("3") == Decimal(30_000)
    with pytest.raises(TypeError):
        parser_for(spec, Decimal(10_000))  # type: ignore[call-arg]


def test_a_text_column_keeps_the_cell_as_written() -> None:
    """Only coded columns undo a spreadsheet's 511102 → 511102.0; 企业名称 keeps the text."""
    name = parser_for(field_map()["name"])
    assert name(2024.0) == "2024.0"
    assert parser_for(field_map()["industry_code"])(511102.0) == "511102"


@pytest.mark.parametrize(
    ("unit", "code"), [("points", "specialized_dev_score"), ("mu", "land_own_mu")]
)
def test_points_and_physical_quantities_ask_for_a_number(unit: str, code: str) -> None:
    """Points and physical quantities may have decimals: an unreadable cell is 应为数字, not
    应为整数."""
    with pytest.raises(CellError) as info:
        quantity("abc", unit, code)
    assert (
        info.value.zh == "应为数字，「abc」无法识别（可写 30000000、30,000,000、3000万 或 1.2亿）"
    )


def test_a_unit_suffix_is_read_once() -> None:
    """``1万亿`` is refused (应为数字), not read as 1万 by stripping 亿 and then 万."""
    with pytest.raises(CellError) as info:
        money("1万亿", "operating_revenue")
    assert info.value.zh.startswith("应为数字，「1万亿」无法识别")


def test_an_exponent_beyond_any_number_is_a_cell_error() -> None:
    """``1e99999999999999999999`` looks like a number but is none: a CellError naming it."""
    with pytest.raises(CellError) as info:
        number("1e99999999999999999999")
    assert info.value.zh == "「1e99999999999999999999」不是数字"


@pytest.mark.parametrize(
    ("unit", "limit", "above"),
    [
        ("mu", "1000000", "1000000.5"),  # 100万亩
        ("m2", "1000000000", "1000000000.5"),  # 10亿平方米
        ("tce", "100000000", "100000000.5"),  # 1亿吨标准煤
        ("tonnes", "100000000", "100000000.5"),  # 1亿吨
    ],
)
def test_physical_quantities_up_to_their_limit(unit: str, limit: str, above: str) -> None:
    """Each physical unit's plausible range ends at its limit, inclusive; half a unit more is
    refused, naming the limit."""
    assert quantity(limit, unit, "x") == Decimal(limit)
    with pytest.raises(CellError) as info:
        quantity(above, unit, "x")
    assert info.value.zh == f"「{above}」超出合理范围（绝对值不超过 {int(limit):,}）"


def test_numeric_yes_no_cells() -> None:
    """1/0 as numbers (also 1.0/0.0 from a spreadsheet) are yes/no; −1 is neither."""
    assert boolean(0.0) is False and boolean(1.0) is True
    with pytest.raises(CellError, match="must be yes/no"):
        boolean(-1)


def test_a_negative_fraction_is_not_a_year() -> None:
    """A number with a fraction is not a year, whatever its sign."""
    with pytest.raises(CellError) as info:
        fiscal_year(-2024.5)
    assert info.value.zh == "「-2024.5」不是年份"


# --- reading (jiazhou.validation.reading) ---------------------------------------------------


def _xlsx(rows: list[list[object]], edit: Callable[[str], str]) -> bytes:
    """An .xlsx of ``rows`` whose first sheet's XML is passed through ``edit``."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append(r)
    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = edit(data.decode()).encode()
            dst.writestr(item, data)
    return out.getvalue()


def test_a_formula_cell_is_read_as_its_value() -> None:
    """A formula cell is read as the value the spreadsheet computed (cached: 42), not as the
    formula."""
    data = _xlsx(
        [["uscc", "employees_total"], ["U1", "=40+2"]],
        lambda xml: xml.replace("<f>40+2</f><v></v>", "<f>40+2</f><v>42</v>"),
    )
    assert read_xlsx_bytes(data) == (["uscc", "employees_total"], [["U1", 42]])


def test_every_row_is_read_even_when_the_sheet_states_a_smaller_size() -> None:
    """Some writers leave a stale ``<dimension ref="A1:B2"/>``: all four rows are still read,
    never silently dropped."""
    data = _xlsx(
        [["uscc", "fiscal_year"], ["U1", 2024], ["U2", 2025], ["U3", 2025]],
        lambda xml: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:B2"/>', xml),
    )
    assert read_xlsx_bytes(data) == (
        ["uscc", "fiscal_year"],
        [["U1", 2024], ["U2", 2025], ["U3", 2025]],
    )
