"""Files → a header and raw rows, with every failure a :class:`FileProblem` (never a traceback).

CSV: UTF-8 (with or without BOM), then GB18030 (a superset of GBK/GB2312, Excel's default on
Chinese Windows); the delimiter is sniffed among ``,`` ``;`` tab. XLSX: the first worksheet, cell
values as typed by the spreadsheet. Parquet: columns as stored.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

ENCODINGS = ("utf-8-sig", "gb18030")
MAX_BYTES = 200 * 1024 * 1024


class FileProblem(ValueError):
    """A file that cannot be read as a table: ``zh`` / ``en`` say why."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en


def decode(data: bytes) -> tuple[str, str]:
    """The text of CSV bytes and the encoding that read it."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise FileProblem(
        "无法识别文件编码（支持 UTF-8 与 GBK/GB18030），请在 Excel 中另存为“CSV UTF-8”",
        "unknown text encoding (UTF-8 and GBK/GB18030 are read); save as 'CSV UTF-8'",
    )


def read_csv_bytes(data: bytes) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of CSV bytes (values as text; blank cells as ``None``)."""
    if not data.strip(b"\xef\xbb\xbf \r\n\t"):
        raise FileProblem("文件为空", "the file is empty")
    if b"\x00" in data[:4096]:
        raise FileProblem(
            "不是文本 CSV 文件（含二进制内容）", "not a text CSV file (binary content)"
        )
    text, _ = decode(data)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows: list[list[Any]] = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as exc:
        raise FileProblem(f"CSV 格式错误：{exc}", f"malformed CSV: {exc}") from None
    return _split(rows)


def _split(rows: list[list[Any]]) -> tuple[list[str], list[list[Any]]]:
    rows = [r for r in rows if any(v not in (None, "") and str(v).strip() for v in r)] or []
    if not rows:
        raise FileProblem("文件为空", "the file is empty")
    header = ["" if h is None else str(h).strip() for h in rows[0]]
    width = len(header)
    body = []
    for r in rows[1:]:
        cells = [None if (v is None or (isinstance(v, str) and not v.strip())) else v for v in r]
        body.append((cells + [None] * width)[: max(width, len(cells))])
    return header, body


def read_xlsx_bytes(data: bytes) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of the first worksheet of an .xlsx (typed values)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise FileProblem(
            "不是有效的 Excel 工作簿（.xlsx）", "not a valid Excel workbook (.xlsx)"
        ) from None
    try:
        sheet = wb.worksheets[0]
        sheet.reset_dimensions()  # read every row written, not the size the file states
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        wb.close()
    return _split(rows)


def read_parquet(path: Path) -> tuple[list[str], list[list[Any]]]:
    import polars as pl

    try:
        df = pl.read_parquet(path)
    except Exception as exc:  # polars raises several error types for a bad file
        raise FileProblem(f"无法读取 Parquet 文件：{exc}", f"cannot read Parquet: {exc}") from None
    if df.width == 0:
        raise FileProblem("文件为空", "the file is empty")
    return list(df.columns), [list(r) for r in df.iter_rows()]


def read_any(path: str | Path) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of a CSV, XLSX or Parquet file."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".csv", ".txt", ".xlsx", ".xlsm", ".parquet"):
        raise FileProblem(
            f"不支持的文件类型「{suffix or '无扩展名'}」（支持 CSV、XLSX、Parquet）",
            f"unsupported file type {suffix!r} (CSV, XLSX, Parquet)",
        )
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise FileProblem(f"无法打开文件：{exc.strerror}", f"cannot open the file: {exc}") from None
    if size > MAX_BYTES:
        raise FileProblem("文件过大（上限 200 MB）", "file too large (limit 200 MB)")
    if suffix == ".parquet":
        return read_parquet(p)
    data = p.read_bytes()
    if suffix in (".xlsx", ".xlsm"):
        if not data:
            raise FileProblem("文件为空", "the file is empty")
        return read_xlsx_bytes(data)
    return read_csv_bytes(data)
