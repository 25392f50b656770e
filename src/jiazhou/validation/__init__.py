"""The one validation layer for data entering the platform (CLI files, web imports, later APIs).

Framework-free (no Django): :func:`validate_file` reads a CSV/XLSX/Parquet enterprise table and
returns a :class:`Validation` holding the typed frame — only when nothing is wrong — and every
:class:`Problem` found (never stopping at the first). Each problem names the file, the
spreadsheet row, the column (Chinese label and field code) and the rule, Chinese first. See
docs/adr/0012-validation-layer.md for why this is a small layer of our own and not pandera.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jiazhou.validation.cells import CellError
from jiazhou.validation.reading import FileProblem, read_any
from jiazhou.validation.table import InvalidInput, Problem, Validation, validate_rows

__all__ = [
    "CellError",
    "FileProblem",
    "InvalidInput",
    "Problem",
    "Validation",
    "validate_events_file",
    "validate_file",
    "validate_rows",
]


def validate_file(
    path: str | Path, *, money_unit: str = "元", today: dt.date | None = None
) -> Validation:
    """Read and check one enterprise table (one row per enterprise and fiscal year)."""
    name = Path(path).name
    try:
        header, rows = read_any(path)
    except FileProblem as exc:
        return Validation(None, [Problem("error", name, exc.zh, exc.en)])
    return validate_rows(header, rows, source=name, money_unit=money_unit, today=today)


def validate_events_file(path: str | Path, *, today: dt.date | None = None) -> Validation:
    """Read and check a table of dated incidents (统一社会信用代码, 发生日期, 事件类型)."""
    from jiazhou.validation.events import validate_events

    name = Path(path).name
    try:
        header, rows = read_any(path)
    except FileProblem as exc:
        return Validation(None, [Problem("error", name, exc.zh, exc.en)])
    return validate_events(header, rows, source=name, today=today)
