"""Reading uploaded spreadsheets and writing Excel workbooks (openpyxl)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
NOTE_FONT = Font(italic=True, color="7F7F7F")


class SpreadsheetError(ValueError):
    """An upload that cannot be read as a spreadsheet; the message is zh first, then en."""


@dataclass
class Sheet:
    """One worksheet to write: a title, a header row, body rows and optional notes."""

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[Any]]
    notes: Sequence[str] = field(default_factory=list)
    comments: dict[str, str] = field(default_factory=dict)


def write_workbook(sheets: Sequence[Sheet]) -> bytes:
    """An .xlsx with a styled header, sensible widths and notes under the table."""
    wb = Workbook()
    for default_sheet in list(wb.worksheets):
        wb.remove(default_sheet)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title[:31])
        ws.append(list(sheet.header))
        for cell in ws[1]:
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            if cell.value in sheet.comments:
                cell.comment = Comment(sheet.comments[str(cell.value)], "Jiazhou")
        for row in sheet.rows:
            ws.append(list(row))
        for note in sheet.notes:
            ws.append([])
            ws.append([note])
            ws.cell(ws.max_row, 1).font = NOTE_FONT
        for idx, label in enumerate(sheet.header, start=1):
            ws.column_dimensions[get_column_letter(idx)].width = max(
                10, min(40, len(label) * 2 + 4)
            )
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """An attachment response for an .xlsx file (UTF-8 file name)."""
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


def read_rows(upload: Any) -> tuple[list[str], list[list[Any]]]:
    """Header and data rows of the first sheet of an uploaded .xlsx.

    Refuses files over ``UPLOAD_MAX_BYTES`` and files that are not spreadsheets, with messages
    a user can act on. Completely empty rows are skipped; row numbers are kept by the caller
    through the returned order (data row i is spreadsheet row i + 2).
    """
    limit = settings.UPLOAD_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise SpreadsheetError(
            f"文件过大（{size / 1048576:.1f} MB），上限为 {limit / 1048576:.0f} MB / "
            f"file too large ({size / 1048576:.1f} MB), the limit is {limit / 1048576:.0f} MB"
        )
    try:
        wb = load_workbook(upload, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise SpreadsheetError(
            "无法读取：文件不是有效的 Excel 工作簿（.xlsx），请下载模板后填写 / "
            "cannot read: the file is not a valid Excel workbook (.xlsx); please use the template"
        ) from None
    ws = wb.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    wb.close()
    if not rows:
        raise SpreadsheetError("工作表为空 / the worksheet is empty")
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    body = [r + [None] * (len(header) - len(r)) for r in rows[1:]]
    return header, body


def annotate_errors(
    header: Sequence[str], rows: Sequence[Sequence[Any]], errors: dict[int, list[str]]
) -> bytes:
    """The uploaded rows with an "错误 / errors" column; rows with errors filled red.

    ``errors`` maps a data-row index (0-based) to its messages.
    """
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "导入结果"
    ws.append([*header, "错误说明 / errors"])
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for idx, row in enumerate(rows):
        messages = errors.get(idx, [])
        ws.append([*row, "；".join(messages)])
        if messages:
            for cell in ws[ws.max_row]:
                cell.fill = ERROR_FILL
    ws.column_dimensions[get_column_letter(len(header) + 1)].width = 80
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
