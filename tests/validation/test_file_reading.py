"""Files → a header and raw rows (``jiazhou.validation.reading``), every failure named.

docs/adr/0012-validation-layer.md (issue 12): CSV in UTF-8 (with or without BOM) or GBK/GB18030
(Excel's default on Chinese Windows), delimiter ``,`` ``;`` or tab; XLSX (first worksheet) and
Parquet; an empty, binary, unsupported or unreadable file is a problem, never a traceback.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from jiazhou.validation import reading
from jiazhou.validation.reading import (
    FileProblem,
    decode,
    read_any,
    read_csv_bytes,
    read_xlsx_bytes,
)


def test_decode_utf8_with_bom_then_gb18030() -> None:
    assert decode("\ufeff营业收入".encode()) == ("营业收入", "utf-8-sig")
    assert decode("营业收入".encode("gbk")) == ("营业收入", "gb18030")
    with pytest.raises(FileProblem, match="unknown text encoding"):
        decode(b"\x81\x30\xff\xff")  # neither UTF-8 nor a GB18030 sequence


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_the_delimiter_is_sniffed(sep: str) -> None:
    text = sep.join(["uscc", "fiscal_year", "name"]) + "\n" + sep.join(["U1", "2025", "甲"]) + "\n"
    assert read_csv_bytes(text.encode()) == (
        ["uscc", "fiscal_year", "name"],
        [["U1", "2025", "甲"]],
    )


def test_blank_rows_dropped_blank_cells_none_short_rows_padded() -> None:
    data = b" uscc ,fiscal_year,name\n,,\nU1, ,x\nU2\n \nU3,2025,y,extra\n"
    header, rows = read_csv_bytes(data)
    assert header == ["uscc", "fiscal_year", "name"]
    assert rows == [["U1", None, "x"], ["U2", None, None], ["U3", "2025", "y", "extra"]]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"\xef\xbb\xbf \r\n\t", "the file is empty"),
        (b",,\n , \n", "the file is empty"),
        (b"uscc\x00,year\n", "binary content"),
    ],
)
def test_empty_and_binary_csv(data: bytes, message: str) -> None:
    with pytest.raises(FileProblem, match=message):
        read_csv_bytes(data)


def test_a_nul_byte_beyond_the_first_4096_is_not_a_binary_file() -> None:
    # the binary check looks at the start of the file only (4 KiB): later bytes are data
    data = b"uscc,name\n" + b"U1,x\n" * 1000 + b"U2,\x00\n"
    _, rows = read_csv_bytes(data)
    assert len(rows) == 1001


def test_malformed_csv_is_a_problem() -> None:
    # an unclosed quote swallows the rest of the file into one field beyond csv's field limit
    with pytest.raises(FileProblem, match="malformed CSV"):
        read_csv_bytes(b'uscc,name\nU1,"' + b"x" * 200_000)


def _xlsx(rows: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_first_worksheet_typed_values() -> None:
    header, rows = read_xlsx_bytes(_xlsx([["uscc", "fiscal_year"], ["U1", 2025], [None, None]]))
    assert header == ["uscc", "fiscal_year"] and rows == [["U1", 2025]]
    with pytest.raises(FileProblem, match="not a valid Excel workbook"):
        read_xlsx_bytes(b"PK not a zip")


def test_read_any_by_suffix(tmp_path: Path) -> None:
    csv_path = tmp_path / "a.CSV"
    csv_path.write_bytes("uscc,name\nU1,甲\n".encode("gbk"))
    assert read_any(csv_path) == (["uscc", "name"], [["U1", "甲"]])
    txt = tmp_path / "a.txt"
    txt.write_text("uscc\nU1\n", encoding="utf-8")
    assert read_any(txt)[1] == [["U1"]]
    xlsx = tmp_path / "a.xlsm"
    xlsx.write_bytes(_xlsx([["uscc"], ["U1"]]))
    assert read_any(xlsx) == (["uscc"], [["U1"]])
    parquet = tmp_path / "a.parquet"
    pl.DataFrame({"uscc": ["U1"], "n": [3]}).write_parquet(parquet)
    assert read_any(parquet) == (["uscc", "n"], [["U1", 3]])


def test_read_any_refusals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(FileProblem, match=r"unsupported file type '\.json'"):
        read_any(tmp_path / "a.json")
    with pytest.raises(FileProblem, match="无扩展名"):
        read_any(tmp_path / "noext")
    with pytest.raises(FileProblem, match="cannot open the file"):
        read_any(tmp_path / "missing.csv")
    empty = tmp_path / "e.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(FileProblem, match="the file is empty"):
        read_any(empty)
    bad = tmp_path / "b.parquet"
    bad.write_bytes(b"not parquet")
    with pytest.raises(FileProblem, match="cannot read Parquet"):
        read_any(bad)
    nothing = tmp_path / "n.parquet"
    pl.DataFrame().write_parquet(nothing)
    with pytest.raises(FileProblem, match="the file is empty"):
        read_any(nothing)
    # the size limit (200 MB): a file of exactly the limit is read, one byte more is not
    big = tmp_path / "big.csv"
    big.write_bytes(b"uscc\nU1\n")
    monkeypatch.setattr(reading, "MAX_BYTES", 8)
    assert read_any(big)[1] == [["U1"]]
    monkeypatch.setattr(reading, "MAX_BYTES", 7)
    with pytest.raises(FileProblem, match="file too large"):
        read_any(big)


def test_the_size_limit_is_200_mb() -> None:
    assert reading.MAX_BYTES == 200 * 1024 * 1024


def test_the_first_worksheet_even_when_others_follow() -> None:
    wb = openpyxl.Workbook()
    first = wb.active
    assert first is not None
    first.append(["uscc"])
    first.append(["U1"])
    notes = wb.create_sheet("说明")
    notes.append(["说明"])
    notes.append(["not data"])
    buf = io.BytesIO()
    wb.save(buf)
    assert read_xlsx_bytes(buf.getvalue()) == (["uscc"], [["U1"]])


def test_the_binary_check_reads_the_first_4096_bytes() -> None:
    head = b"uscc,name\n"
    filler = b"U1,x\n" * ((4095 - len(head)) // 5)
    pad = b"y" * (4095 - len(head) - len(filler))
    inside = head + filler + pad + b"\x00\n"  # the NUL is byte 4096 (index 4095)
    assert inside.index(b"\x00") == 4095
    with pytest.raises(FileProblem, match="binary content"):
        read_csv_bytes(inside)
    outside = head + filler + pad + b"z\x00\n"  # index 4096: the 4097th byte
    assert outside.index(b"\x00") == 4096
    assert read_csv_bytes(outside)[0] == ["uscc", "name"]
