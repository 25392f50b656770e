"""Defects 4 and 7 (issue 11): hostile or huge workbooks get a clear message, never a 500.

Malformed XML, an external entity (XXE), entity expansion (billion laughs), a workbook without
sheets, and a sheet beyond the row cap (20,000 bad rows used to time the worker out building the
error file quadratically).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from openpyxl import Workbook

from jiazhou_web.core.spreadsheets import SpreadsheetError, annotate_errors, read_rows
from jiazhou_web.enterprises.models import Enterprise

CONTENT_TYPES = b"""<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
ROOT_RELS = b"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = b"""<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets>%s</sheets></workbook>"""
ONE_SHEET = b'<sheet name="s" sheetId="1" r:id="rId1"/>'
WB_RELS = b"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"""


def sheet_xml(cell: bytes, doctype: bytes = b"") -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>' + doctype + b'<worksheet xmlns="http://schemas.'
        b'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
        b'<c r="A1" t="inlineStr"><is><t>' + cell + b"</t></is></c></row></sheetData></worksheet>"
    )


def package(sheet: bytes, sheets: bytes = ONE_SHEET) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK % sheets)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return buf.getvalue()


XXE = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        b'<!ENTITY %s "%s">'
        % (bytes([98 + i]), bytes([97 + i]) * 0 + (b"&" + bytes([97 + i]) + b";") * 10)
        for i in range(8)
    )
    + b"]>"
)


def _empty_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w"):
        pass
    return buf.getvalue()


HOSTILE = {
    "malformed": package(b"<worksheet><sheetData><row><c>"),
    "xxe": package(sheet_xml(b"&xxe;", XXE)),
    "billion-laughs": package(sheet_xml(b"&i;", LAUGHS)),
    "no-sheets": package(sheet_xml(b"x"), sheets=b""),
    "not-a-zip": b"PK\x03\x04 this is not a zip",
    "zip-without-workbook": _empty_zip(),
}


def upload(content: bytes, name: str = "hostile.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_the_sanity_of_the_handmade_package() -> None:
    header, body = read_rows(upload(package(sheet_xml(b"ok"))))
    assert header == ["ok"] and body == []


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_workbook_is_refused_with_a_message(name: str) -> None:
    with pytest.raises(SpreadsheetError, match=" / "):
        read_rows(upload(HOSTILE[name]))


def test_the_external_entity_is_never_read() -> None:
    try:
        header, _ = read_rows(upload(HOSTILE["xxe"]))
    except SpreadsheetError:
        return
    assert "root:" not in "".join(header)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_import_page_answers_a_message_for_a_hostile_workbook(
    client: Client, city_admin: Any, name: str
) -> None:
    client.force_login(city_admin)
    response = client.post("/enterprises/import/", {"file": upload(HOSTILE[name])})
    assert response.status_code in (400, 422)
    assert "无法读取" in response.content.decode() or "没有工作表" in response.content.decode()
    assert not Enterprise.objects.exists()


def _bad_rows(n: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["统一社会信用代码", "企业名称"])
    for i in range(n):
        ws.append([f"BAD{i}", "x"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.django_db
@override_settings(IMPORT_MAX_ROWS=100)
def test_a_sheet_over_the_row_cap_is_refused_before_any_row_is_checked(
    client: Client, city_admin: Any
) -> None:
    client.force_login(city_admin)
    response = client.post("/enterprises/import/", {"file": upload(_bad_rows(101))})
    assert response.status_code == 422
    assert "行数超过上限：每次最多导入 100 行" in response.content.decode()
    ok = client.post("/enterprises/import/", {"file": upload(_bad_rows(100))})
    assert ok.status_code == 422 and "行数超过上限" not in ok.content.decode()


def test_the_error_file_of_twenty_thousand_bad_rows_is_complete() -> None:
    """Linear writer: every row present, every error row marked (was O(n²) through openpyxl)."""
    rows = [[f"BAD{i}", "x"] for i in range(20_000)]
    errors = {i: [f"第{i + 2}行：错误"] for i in range(20_000)}
    content = annotate_errors(["a", "b"], rows, errors)
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    last = list(ws.iter_rows(min_row=20_001, max_row=20_001, values_only=True))[0]
    assert last == ("第20001行：错误", "BAD19999", "x")


def test_every_row_and_column_is_read_whatever_size_the_sheet_states() -> None:
    """Some writers leave a stale ``<dimension ref="A1"/>`` (the sheet's stated size): the
    import still reads the three rows and both columns written, never drops them silently."""

    def cell(ref: str, text: str) -> bytes:
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()

    rows = b"".join(
        b'<row r="%d">' % n + cell(f"A{n}", a) + cell(f"B{n}", b) + b"</row>"
        for n, (a, b) in enumerate([("uscc", "name"), ("U1", "甲"), ("U2", "乙")], start=1)
    )
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.'
        b'org/spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>'
        + rows
        + b"</sheetData></worksheet>"
    )
    assert read_rows(upload(package(sheet))) == (["uscc", "name"], [["U1", "甲"], ["U2", "乙"]])
