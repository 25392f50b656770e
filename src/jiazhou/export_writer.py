"""The one spreadsheet writer of the platform (web exports, import error files, CLI output).

Every workbook or CSV the platform hands to a person goes through here, so two rules hold
everywhere:

* **Formula injection is neutralised (OWASP "CSV injection").** A text cell whose first
  character is ``=``, ``+``, ``-``, ``@``, a tab or a carriage return could be run by the
  spreadsheet program as a formula (``=HYPERLINK(...)`` in a firm name would reach every export
  that lists the firm). Decision:

  - in **XLSX** such text is written with the *string* cell type (never as a formula) and the
    cell carries Excel's ``quotePrefix`` style — the same thing Excel does when a person types
    ``'=...``. Excel and LibreOffice show the text exactly as stored, keep it text when the cell
    is edited, and the value reads back unchanged when the file is uploaded again (the import
    error file is meant to be corrected and re-uploaded);
  - in **CSV**, which has no cell types, the text gets a leading single quote ``'`` (the OWASP
    rule), visible to whoever opens the file.

  Numbers are never touched: ``-1`` as a number stays a number; only *text* is neutralised.
* **Illegal XML control characters are removed** (``\\x00``–``\\x08``, ``\\x0b``, ``\\x0c``,
  ``\\x0e``–``\\x1f``): XLSX is XML and cannot hold them, and one such character in a title
  would otherwise break the whole file. Sheet titles are also made valid (no ``[]:*?/\\``,
  at most 31 characters, unique).

The API is small: :func:`safe_text` / :func:`safe_cell` (one value), :class:`Sheet`,
:func:`write_xlsx` (sheets → bytes or a file) and :func:`write_csv`. No Django here: the
command line uses it too.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

import xlsxwriter
from xlsxwriter.utility import _preserve_whitespace, xl_col_to_name, xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import CellStringTuple, Worksheet

__all__ = [
    "FORMULA_TRIGGERS",
    "Sheet",
    "is_formula_like",
    "safe_cell",
    "safe_sheet_title",
    "safe_text",
    "write_csv",
    "write_xlsx",
]

#: First characters that make a spreadsheet program read text as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")
#: Integers beyond this lose digits in Excel (15 significant digits): written as text.
_MAX_EXACT_INT = 10**15
_LOCAL_TZ = ZoneInfo("Asia/Shanghai")


def safe_text(value: str) -> str:
    """``value`` without the control characters XML cannot hold (tab, LF and CR are kept).

    Printable text (``str.isprintable``, a C loop) holds none of them — they are all in
    Unicode category Cc — so only the rare other text goes through the expression."""
    return value if value.isprintable() else _ILLEGAL_XML.sub("", value)


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet program could run ``text`` as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def safe_cell(value: Any) -> Any:
    """One value as it may go into a CSV cell (or any plain-text spreadsheet).

    Numbers, booleans, dates and ``None`` pass through unchanged; anything else becomes text,
    loses illegal control characters and, if it could run as a formula, gets a leading ``'``.
    """
    if value is None or isinstance(value, bool | int | float | Decimal | dt.date):
        return value
    text = safe_text(str(value))
    return "'" + text if is_formula_like(text) else text


def safe_sheet_title(title: str, used: Collection[str] = ()) -> str:
    """A valid worksheet name: no ``[]:*?/\\`` or control characters, ≤ 31 characters, unique."""
    base = _BAD_TITLE.sub("_", safe_text(str(title))).strip().strip("'") or "Sheet"
    base = base[:31]
    taken = {u.lower() for u in used}
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        suffix = f"({n})"
        candidate = base[: 31 - len(suffix)] + suffix
    return candidate


@dataclass
class Sheet:
    """One worksheet: a title, a header row, body rows (any iterable, read once) and notes.

    ``comments`` maps a header label to a note shown on that header cell; ``highlight_rows``
    holds 0-based body-row indexes filled red (rows with errors), ``highlight_cells`` 0-based
    (body row, column) pairs filled red (the bad cells of an error file); ``widths`` maps a
    0-based column index to a width in characters (default: from the header label);
    ``dropdowns`` maps a 0-based column index to the values offered as a drop-down list (data
    validation) in the first ``dropdown_rows`` body rows of a template — long lists are kept on
    a hidden sheet 「选项」.
    """

    title: str
    header: Sequence[Any]
    rows: Iterable[Sequence[Any]]
    notes: Sequence[str] = field(default_factory=list)
    comments: Mapping[str, str] = field(default_factory=dict)
    highlight_rows: Collection[int] = field(default_factory=frozenset)
    widths: Mapping[int, float] = field(default_factory=dict)
    highlight_cells: Collection[tuple[int, int]] = field(default_factory=frozenset)
    dropdowns: Mapping[int, Sequence[str]] = field(default_factory=dict)
    dropdown_rows: int = 1000

    @classmethod
    def from_frame(cls, title: str, frame: Any, **options: Any) -> Sheet:
        """A sheet from a Polars DataFrame (column names as the header)."""
        return cls(title, list(frame.columns), frame.iter_rows(), **options)


class _Formats:
    """The handful of cell formats a workbook uses, created once per workbook."""

    def __init__(self, wb: Any) -> None:
        base = {"valign": "top"}
        self.header = wb.add_format(
            {"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E79", "text_wrap": True}
        )
        self.note = wb.add_format({"italic": True, "font_color": "#7F7F7F"})
        self.plain: dict[bool, Any] = {
            False: wb.add_format(base),
            True: wb.add_format({**base, "bg_color": "#FFC7CE"}),
        }
        self.quoted = {
            hl: wb.add_format(
                {**base, "quote_prefix": True, **({"bg_color": "#FFC7CE"} if hl else {})}
            )
            for hl in (False, True)
        }
        self.date = {
            hl: wb.add_format(
                {**base, "num_format": "yyyy-mm-dd", **({"bg_color": "#FFC7CE"} if hl else {})}
            )
            for hl in (False, True)
        }
        self.datetime = {
            hl: wb.add_format(
                {
                    **base,
                    "num_format": "yyyy-mm-dd hh:mm",
                    **({"bg_color": "#FFC7CE"} if hl else {}),
                }
            )
            for hl in (False, True)
        }


class _Worksheet(Worksheet):  # type: ignore[misc]
    """xlsxwriter's worksheet, except that text never reaches the sheet XML unescaped.

    In ``constant_memory`` mode xlsxwriter writes a string that starts with ``<r>`` and ends
    with ``</r>`` into the XML *as it is*, taking it for its own rich-text markup: a firm name
    ``<r><t>x</t></r></is></c><c r="B2"><f>HYPERLINK(...)</f></c>…</r>`` became a live formula
    cell beside it, past the neutralising above. This writer never writes rich strings, so
    every string cell is written as escaped in-line text (what xlsxwriter does for any other
    string)."""

    def _write_cell(self, row: int, col: int, cell: Any) -> None:
        # the innermost loop of the file: one type test for most cells
        if (
            type(cell) is CellStringTuple
            and cell.string.startswith("<r>")
            and cell.string.endswith("</r>")
        ):
            attributes: list[tuple[str, Any]] = [("r", xl_rowcol_to_cell_fast(row, col))]
            if cell.format:
                attributes.append(("s", cell.format._get_xf_index()))  # noqa: SLF001
            text = self._escape_control_characters(cell.string)
            self._xml_inline_string(text, _preserve_whitespace(text), attributes)
            return
        super()._write_cell(row, col, cell)


def _write_value(ws: Any, row: int, col: int, value: Any, fmts: _Formats, hl: bool) -> None:
    """Write one cell by type; text is always written as a string, never as a formula."""
    if value is None:
        if hl:
            ws.write_blank(row, col, None, fmts.plain[hl])
        return
    if isinstance(value, bool):
        ws.write_boolean(row, col, value, fmts.plain[hl])
        return
    if isinstance(value, int) and abs(value) < _MAX_EXACT_INT:
        ws.write_number(row, col, value, fmts.plain[hl])
        return
    if isinstance(value, float | Decimal) and math.isfinite(value):
        ws.write_number(row, col, float(value), fmts.plain[hl])
        return
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_LOCAL_TZ).replace(tzinfo=None)
        ws.write_datetime(row, col, value, fmts.datetime[hl])
        return
    if isinstance(value, dt.date):
        ws.write_datetime(row, col, value, fmts.date[hl])
        return
    text = safe_text(str(value))
    fmt = fmts.quoted[hl] if is_formula_like(text) else fmts.plain[hl]
    ws.write_string(row, col, text, fmt)


def _plain_writers(ws: Any, fmts: _Formats) -> dict[type, Callable[[int, int, Any], None]]:
    """:func:`_write_value` of a cell that is not highlighted, chosen once per exact type
    (a dict lookup instead of a chain of ``isinstance`` per cell; 130,000 cells in a
    10,000-row register). Same cell, same format: any other type (``bool``, a ``str``
    subclass, a lazy translation ...) goes through :func:`_write_value` itself."""
    plain, quoted = fmts.plain[False], fmts.quoted[False]
    date_fmt, datetime_fmt = fmts.date[False], fmts.datetime[False]
    write_string, write_number = ws.write_string, ws.write_number
    write_datetime = ws.write_datetime

    def text(row: int, col: int, value: str) -> None:
        if not value.isprintable():
            value = _ILLEGAL_XML.sub("", value)
        write_string(row, col, value, quoted if value.startswith(FORMULA_TRIGGERS) else plain)

    def integer(row: int, col: int, value: int) -> None:
        if -_MAX_EXACT_INT < value < _MAX_EXACT_INT:
            write_number(row, col, value, plain)
        else:
            text(row, col, str(value))

    def decimal(row: int, col: int, value: Any) -> None:
        if math.isfinite(value):
            write_number(row, col, float(value), plain)
        else:
            text(row, col, str(value))

    def moment(row: int, col: int, value: dt.datetime) -> None:
        if value.tzinfo is not None:
            value = value.astimezone(_LOCAL_TZ).replace(tzinfo=None)
        write_datetime(row, col, value, datetime_fmt)

    def day(row: int, col: int, value: dt.date) -> None:
        write_datetime(row, col, value, date_fmt)

    def nothing(row: int, col: int, value: None) -> None:
        return None

    return {
        str: text,
        int: integer,
        float: decimal,
        Decimal: decimal,
        dt.datetime: moment,
        dt.date: day,
        type(None): nothing,
    }


def write_xlsx(
    sheets: Sequence[Sheet], target: str | Path | IO[bytes] | None = None
) -> bytes | None:
    """Write ``sheets`` as one .xlsx: returns the bytes, or writes to ``target`` and returns None.

    Rows are streamed (constant memory), so a sheet's rows may be a generator over a large
    query. Header cells are styled and frozen; notes follow the table after a blank row.
    """
    out: Any = io.BytesIO() if target is None else target
    if isinstance(out, Path):
        out = str(out)
    options = {"constant_memory": True, "in_memory": False, "strings_to_formulas": False}
    with xlsxwriter.Workbook(out, options) as wb:
        fmts = _Formats(wb)
        used: list[str] = []
        lists: list[tuple[Any, int, list[str], int]] = []
        for sheet in sheets:
            title = safe_sheet_title(sheet.title, used)
            used.append(title)
            ws = wb.add_worksheet(title, worksheet_class=_Worksheet)
            for col, label in enumerate(sheet.header):
                text = safe_text(str(label))
                ws.write_string(0, col, text, fmts.header)
                if text in sheet.comments:
                    ws.write_comment(0, col, safe_text(sheet.comments[text]), {"author": "Jiazhou"})
                width = sheet.widths.get(col, max(10, min(40, len(text) * 2 + 4)))
                ws.set_column(col, col, width)
            ws.freeze_panes(1, 0)
            r = 0
            cells = sheet.highlight_cells
            fast = _plain_writers(ws, fmts)
            for r, values in enumerate(sheet.rows, start=1):
                hl = (r - 1) in sheet.highlight_rows
                if not hl and not cells:
                    for col, value in enumerate(values):
                        writer = fast.get(type(value))
                        if writer is None:
                            _write_value(ws, r, col, value, fmts, False)
                        else:
                            writer(r, col, value)
                    continue
                for col, value in enumerate(values):
                    _write_value(ws, r, col, value, fmts, hl or (r - 1, col) in cells)
            for note in sheet.notes:
                r += 2  # a blank row, then the note
                ws.write_string(r, 0, safe_text(str(note)), fmts.note)
            for col, values in sheet.dropdowns.items():
                lists.append((ws, col, [safe_text(str(v)) for v in values], sheet.dropdown_rows))
        _add_dropdowns(wb, lists)
    if target is None:
        return out.getvalue()  # type: ignore[no-any-return]
    return None


#: Excel keeps an inline list validation under 255 characters; longer lists go to a sheet.
_INLINE_LIST_CHARS = 255


def _add_dropdowns(wb: Any, lists: list[tuple[Any, int, list[str], int]]) -> None:
    """Drop-down lists (data validation) on template columns; a value outside the list is
    warned about, not blocked, so the importer's message (zh / en) still explains it.

    Lists too long to keep inline go to one hidden sheet 「选项」, a column each, written row by
    row (the workbook streams in constant memory)."""
    long_lists: list[list[str]] = []
    for ws, col, options, rows in lists:
        if not options:
            continue
        rule: dict[str, Any] = {
            "validate": "list",
            "error_type": "warning",
            "error_title": "不在选项中",
            "error_message": "请从下拉列表中选择 / choose from the list",
        }
        if sum(len(o) + 1 for o in options) <= _INLINE_LIST_CHARS:
            rule["source"] = options
        else:
            letter = xl_col_to_name(len(long_lists))
            rule["source"] = f"='选项'!${letter}$1:${letter}${len(options)}"
            long_lists.append(options)
        ws.data_validation(1, col, rows, col, rule)
    if long_lists:
        store = wb.add_worksheet("选项", worksheet_class=_Worksheet)
        store.hide()
        for i in range(max(len(o) for o in long_lists)):
            for c, options in enumerate(long_lists):
                if i < len(options):
                    store.write_string(i, c, options[i])


def write_csv(
    header: Sequence[Any], rows: Iterable[Sequence[Any]], out: IO[str] | None = None
) -> str | None:
    """CSV text (every cell through :func:`safe_cell`); returns it, or writes to ``out``."""
    buf: IO[str] = io.StringIO() if out is None else out
    writer = csv.writer(buf, lineterminator="\r\n")  # RFC 4180; quotes fields holding CR too
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    if out is None:
        return buf.getvalue()  # type: ignore[attr-defined, no-any-return]
    return None


def _csv_value(value: Any) -> Any:
    cell = safe_cell(value)
    if isinstance(cell, float) and not math.isfinite(cell):
        return str(cell)
    if isinstance(cell, dt.datetime) and cell.tzinfo is not None:
        return (
            cell.astimezone(_LOCAL_TZ).replace(tzinfo=None).isoformat(sep=" ", timespec="minutes")
        )
    return cell
