"""Dated incidents (``jiazhou.validation.events``): 统一社会信用代码, 发生日期, 事件类型.

The incident windows of the schemes (高企 H8: no major safety, quality or environmental incident
in the 365 days before application, criteria.md §1.1) read these rows. Rules (issue 12,
docs/adr/0012-validation-layer.md): every column required and named, every cell required, a
date cannot lie in the future, a kind is one of the known ones (code or Chinese name); problems
name the spreadsheet row (the header is row 1) and nothing is accepted while any is wrong.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from jiazhou.validation import validate_events_file
from jiazhou.validation.events import kind, validate_events

TODAY = dt.date(2026, 6, 30)
A, B = "91511100000000019P", "91511100000000027J"


def test_a_clean_table_in_chinese_headers() -> None:
    rows = [[A, "2025-03-01", "重大安全事故"], [B, "2026年6月30日", "环境违法"]]
    checked = validate_events(["统一社会信用代码", "发生日期", "事件类型"], rows, today=TODAY)
    assert checked.ok and not checked.problems
    assert checked.frame is not None
    assert checked.frame.schema == pl.Schema(
        {"uscc": pl.String, "date": pl.Date, "kind": pl.String}
    )
    assert checked.frame.rows() == [
        (A, dt.date(2025, 3, 1), "major_safety"),
        (B, dt.date(2026, 6, 30), "serious_environmental"),  # today itself is allowed
    ]


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("major_quality", "major_quality"),
        ("重大质量事故", "major_quality"),
        ("重大质量", "major_quality"),
        ("科研失信", "research_misconduct"),
        ("数据安全", "network_data_security"),
        (" 偷税漏税 ", "tax_evasion"),
    ],
)
def test_incident_kinds(word: str, code: str) -> None:
    assert kind(word) == code


def test_unknown_kind_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match="not an incident kind") as info:
        kind("火灾")
    assert "重大安全事故、重大质量事故" in str(info.value)


def test_missing_columns_each_named() -> None:
    checked = validate_events(["uscc", "备注"], [[A, "x"]], today=TODAY)
    assert checked.frame is None
    assert [(p.column, p.label) for p in checked.problems] == [
        ("date", "发生日期"),
        ("kind", "事件类型"),
    ]


def test_every_bad_cell_is_named_by_row_and_column() -> None:
    header = ["uscc", "date", "kind", "date"]  # a repeated header: the first one is read
    rows = [
        [A, "2025-01-01", "major_safety", "not read"],
        ["123", "2026-07-01", "火灾"],  # row 3: bad code, future date, unknown kind
        [None, " ", None],  # row 4: all blank
        [B],  # row 5: short row, the missing cells are blank
    ]
    checked = validate_events(header, rows, today=TODAY)
    assert checked.frame is None
    found = [(p.row, p.column) for p in checked.problems]
    assert found == [
        (3, "uscc"),
        (3, "date"),
        (3, "kind"),
        (4, "uscc"),
        (4, "date"),
        (4, "kind"),
        (5, "date"),
        (5, "kind"),
    ]
    assert all(p.severity == "error" for p in checked.problems)
    assert "future" in checked.problems[1].en and checked.problems[3].en == "required"


def test_headers_by_synonym_and_today_default() -> None:
    checked = validate_events(["信用代码", "日期", "类型"], [[A.lower(), "2020-01-01", "数据造假"]])
    assert checked.frame is not None and checked.frame.rows() == [
        (A, dt.date(2020, 1, 1), "data_falsification")
    ]


def test_events_file(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(f"uscc,date,kind\n{A},2025-01-01,major_safety\n", encoding="utf-8")
    assert validate_events_file(path, today=TODAY).ok
    missing = validate_events_file(tmp_path / "none.csv")
    assert missing.frame is None and "cannot open" in missing.problems[0].en
