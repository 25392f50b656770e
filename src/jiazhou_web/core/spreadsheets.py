"""Reading uploaded spreadsheets (openpyxl) and writing Excel workbooks (through
:mod:`jiazhou.export_writer`, the one writer of the platform)."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from openpyxl import load_workbook

from jiazhou.export_writer import Sheet, write_xlsx

__all__ = [
    "XLSX_TYPE",
    "Sheet",
    "SpreadsheetError",
    "annotate_errors",
    "read_rows",
    "write_workbook",
    "xlsx_response",
]

logger = logging.getLogger(__name__)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SpreadsheetError(ValueError):
    """An upload that cannot be read as a spreadsheet; the message is zh first, then en."""


def write_workbook(sheets: Sequence[Sheet]) -> bytes:
    """An .xlsx with a styled header, sensible widths and notes under the table.

    Rows are streamed: a sheet's rows may be a generator over a query (``Table.stream``); the
    writer keeps one row in memory (xlsxwriter ``constant_memory``), so the only thing that
    grows with the export is the compressed file returned.

    Written by :mod:`jiazhou.export_writer` (formula-like text neutralised, control characters
    removed).
    """
    content = write_xlsx(sheets)
    assert content is not None
    return content


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """An attachment response for an .xlsx file (UTF-8 file name)."""
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


def read_rows(upload: Any) -> tuple[list[str], list[list[Any]]]:
    """Header and data rows of the first sheet of an uploaded .xlsx (or of a .csv upload).

    Refuses files over ``UPLOAD_MAX_BYTES``, sheets with more than ``IMPORT_MAX_ROWS`` rows and
    files that are not spreadsheets (malformed, hostile XML: entities are refused through
    defusedxml, which openpyxl uses when it is installed), with messages a user can act on.
    Completely empty rows are skipped; row numbers are kept by the caller through the returned
    order (data row i is spreadsheet row i + 2).
    """
    limit = settings.UPLOAD_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise SpreadsheetError(
            f"文件过大（{size / 1048576:.1f} MB），上限为 {limit / 1048576:.0f} MB / "
            f"file too large ({size / 1048576:.1f} MB), the limit is {limit / 1048576:.0f} MB"
        )
    max_rows = settings.IMPORT_MAX_ROWS
    if str(getattr(upload, "name", "")).lower().endswith(".csv"):
        header, body = _read_csv(upload)
        if len(body) > max_rows:
            raise SpreadsheetError(_too_many_rows(max_rows))
        return header, body
    try:
        wb = load_workbook(upload, read_only=True, data_only=True)
        try:
            if not wb.worksheets:
                raise SpreadsheetError("工作簿中没有工作表 / the workbook has no worksheet")
            rows: list[list[Any]] = []
            filled = 0
            sheet = wb.worksheets[0]
            sheet.reset_dimensions()  # every row written, not the size the file states
            for row in sheet.iter_rows(values_only=True):
                rows.append(list(row))
                filled += any(v not in (None, "") for v in row)
                if filled > max_rows + 1 or len(rows) > 10 * max_rows:
                    raise SpreadsheetError(_too_many_rows(max_rows))
        finally:
            wb.close()
    except SpreadsheetError:
        raise
    except Exception:  # any parse failure of an untrusted file is "not a workbook we can read"
        logger.info("unreadable upload refused", exc_info=True)
        raise SpreadsheetError(
            "无法读取：文件不是有效的 Excel 工作簿（.xlsx），请下载模板后填写 / "
            "cannot read: the file is not a valid Excel workbook (.xlsx); please use the template"
        ) from None
    if not rows:
        raise SpreadsheetError("工作表为空 / the worksheet is empty")
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    body = [r + [None] * (len(header) - len(r)) for r in rows[1:]]
    return header, body


def _too_many_rows(max_rows: int) -> str:
    return (
        f"行数超过上限：每次最多导入 {max_rows:,} 行，请拆分文件后分批导入 / "
        f"too many rows: at most {max_rows:,} rows per file; split the file"
    )


def _read_csv(upload: Any) -> tuple[list[str], list[list[Any]]]:
    """A CSV upload (UTF-8 with or without BOM, or GBK/GB18030) via ``jiazhou.validation``."""
    from jiazhou.validation.reading import FileProblem, read_csv_bytes

    try:
        return read_csv_bytes(upload.read())
    except FileProblem as exc:
        raise SpreadsheetError(f"{exc.zh} / {exc.en}") from None


def annotate_errors(
    header: Sequence[str], rows: Sequence[Sequence[Any]], errors: dict[int, list[str]]
) -> bytes:
    """The uploaded rows with the "错误说明 / errors" column first (beside the row, not after
    the last of 60 columns); the cells a message names (「列名」) are filled red, and the
    message cell too.

    ``errors`` maps a data-row index (0-based) to its messages. Linear in the number of rows.
    """
    columns = {str(h): i + 1 for i, h in enumerate(header) if h not in (None, "")}
    bad: set[tuple[int, int]] = set()
    for idx, messages in errors.items():
        bad.add((idx, 0))
        for message in messages:
            for name in _NAMED.findall(message):
                col = columns.get(name)
                if col is not None:
                    bad.add((idx, col))
    sheet = Sheet(
        "导入结果",
        ["错误说明 / errors", *header],
        (["；".join(errors[idx]) if idx in errors else None, *row] for idx, row in enumerate(rows)),
        highlight_cells=frozenset(bad),
        widths={0: 60},
    )
    return write_workbook([sheet])


_NAMED = re.compile(r"「([^」]+)」")
