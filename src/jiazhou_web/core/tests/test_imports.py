"""The import machinery: every row valid or nothing stored, errors written next to their rows."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from jiazhou_web.accounts import actions
from jiazhou_web.accounts.models import Department
from jiazhou_web.core import imports
from jiazhou_web.core.imports import ImportColumn, Importer
from jiazhou_web.regions.models import Region

pytestmark = pytest.mark.django_db


class DepartmentImporter(Importer):
    """A small real importer: departments, for exercising the base class."""

    title = "部门"
    columns = (
        ImportColumn("code", "代码", imports.text(40, r"[a-z0-9-]+", "小写字母、数字或连字符")),
        ImportColumn("name", "名称", imports.text(100)),
        ImportColumn("staff", "人数", imports.integer(min_value=0), required=False),
    )

    def unique_key(self, data: dict[str, Any]) -> Any:
        return data["code"]

    def save(self, rows: list[dict[str, Any]], *, actor: Any) -> int:
        city = Region.objects.get(code="511100")
        for row in rows:
            actions.create_department(
                code=row["code"], name=row["name"], kind="other", region=city, actor=actor
            )
        return len(rows)


def upload(
    rows: list[list[Any]], header: tuple[str, ...] = ("代码", "名称", "人数")
) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(list(header))
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("d.xlsx", buf.getvalue())


def test_a_valid_file_stores_every_row(regions: Any) -> None:
    outcome = DepartmentImporter().run(upload([["a", "甲", 3], ["b", "乙", None]]), actor=None)
    assert outcome.ok and outcome.stored == 2
    assert Department.objects.count() == 2


def test_one_bad_row_stores_nothing_and_is_annotated(regions: Any) -> None:
    outcome = DepartmentImporter().run(upload([["a", "甲", 3], ["B!", "乙", "三"]]), actor=None)
    assert not outcome.ok
    assert Department.objects.count() == 0
    assert outcome.failed_rows == 1
    messages = outcome.errors[1]
    assert any("第3行「代码」" in m for m in messages)
    assert any("第3行「人数」" in m and "应为整数" in m for m in messages)
    ws = load_workbook(io.BytesIO(outcome.annotated or b"")).active
    assert ws is not None
    # The message stands first, beside the row; the bad cells (代码, 人数) are filled red.
    assert ws.cell(1, 1).value == "错误说明 / errors"
    assert ws.cell(2, 1).value in ("", None)
    assert "代码" in str(ws.cell(3, 1).value)
    red = [c.column for c in ws[3] if c.fill.fgColor.rgb and c.fill.fgColor.rgb.endswith("FFC7CE")]
    assert red == [1, 2, 4]  # the message, 代码 (B), 人数 (D) — not 名称 (C)
    assert not [c for c in ws[2] if c.fill.fgColor.rgb and c.fill.fgColor.rgb.endswith("FFC7CE")]


def test_duplicate_rows_are_reported_with_the_first_row_number(regions: Any) -> None:
    outcome = DepartmentImporter().run(upload([["a", "甲", 1], ["a", "乙", 2]]), actor=None)
    assert outcome.errors[1] == ["第3行：与第2行重复 / row 3 duplicates row 2"]


def test_negative_numbers_and_missing_required_cells_are_named(regions: Any) -> None:
    outcome = DepartmentImporter().run(upload([["a", None, -1]]), actor=None)
    text = " ".join(outcome.errors[0])
    assert "「名称」：必填" in text
    assert "不能小于 0" in text


def test_a_file_that_is_not_a_spreadsheet_is_rejected_clearly(regions: Any) -> None:
    outcome = DepartmentImporter().run(SimpleUploadedFile("x.xlsx", b"not a zip"), actor=None)
    assert outcome.rejected.startswith("无法读取")


def test_a_file_over_the_limit_is_rejected_before_reading(regions: Any, settings: Any) -> None:
    settings.UPLOAD_MAX_BYTES = 10
    outcome = DepartmentImporter().run(upload([["a", "甲", 1]]), actor=None)
    assert outcome.rejected.startswith("文件过大")


def test_missing_required_columns_are_listed(regions: Any) -> None:
    outcome = DepartmentImporter().run(upload([["a"]], header=("代码",)), actor=None)
    assert "名称" in outcome.rejected


def test_the_template_has_the_headers_and_a_guide_sheet() -> None:
    wb = load_workbook(io.BytesIO(DepartmentImporter().template()))
    assert [c.value for c in wb.worksheets[0][1]] == ["代码", "名称", "人数"]
    assert wb.worksheets[1].title == "填写说明"


@pytest.mark.parametrize(
    ("parser", "value", "expected"),
    [
        (imports.decimal(), "1,234.5", "1234.50"),
        (imports.boolean(), "是", True),
        (imports.date(), "2024/02/04", "2024-02-04"),
    ],
)
def test_parsers_accept_common_spellings(parser: Any, value: Any, expected: Any) -> None:
    assert str(parser(value)) == str(expected)


@pytest.mark.parametrize("value", ["abc", "NaN", "Infinity"])
def test_decimal_parser_refuses_text_and_non_finite_numbers(value: str) -> None:
    with pytest.raises(imports.CellError):
        imports.decimal()(value)


@pytest.mark.parametrize("raw", ["Infinity", "-Infinity", "sNaN", "NaN", "1e30", "3000000000"])
def test_integer_cells_refuse_non_finite_and_oversized_values(raw: str) -> None:
    """Defect 3 (issue 11): these raised InvalidOperation/OverflowError (a 500) before."""
    from jiazhou_web.core.imports import CellError, integer

    with pytest.raises(CellError):
        integer(None)(raw)


@pytest.mark.parametrize("raw", ["Infinity", "sNaN", "1e30", "1e17", "10000000000000000"])
def test_decimal_cells_refuse_what_the_column_cannot_hold(raw: str) -> None:
    from jiazhou_web.core.imports import CellError, decimal

    with pytest.raises(CellError):
        decimal(None, places=2)(raw)
    assert decimal(None, places=2)("99999999999999") == Decimal("99999999999999.00")


def test_the_template_offers_drop_downs_for_coded_columns(regions: Any) -> None:
    """Issue 14: coded columns (是/否, choices, region and industry codes) are drop-downs; a
    list too long for Excel's 255-character inline limit sits on the hidden sheet 「选项」."""
    from jiazhou_web.enterprises.imports import EnterpriseImporter

    wb = load_workbook(io.BytesIO(EnterpriseImporter().template()))
    ws = wb["企业年度数据"]
    header = [c.value for c in ws[1]]
    rules = {
        header[ws[str(rule.sqref).split(":")[0]].column - 1]: rule.formula1
        for rule in ws.data_validations.dataValidation
    }
    assert rules["位于高新区（是/否）"] == '"是,否"'
    assert rules["企业规模（微型/小型/中型/大型）"] == '"微型,小型,中型,大型"'
    assert rules["所在区县（行政区划代码）"].startswith('"511102,')
    assert rules["国民经济行业代码（GB/T 4754-2017）"].startswith("'选项'!$")
    options = wb["选项"]
    assert options.sheet_state == "hidden"
    codes = {row[0] for row in options.iter_rows(values_only=True) if row[0]}
    assert {"A01", "C30", "C307", "C3071"} <= codes and "C" not in codes
