"""The input template (``schemes.files.write_template``): which columns the data sheet offers and
how wide they are drawn.

- The data sheet has ``uscc`` and ``fiscal_year`` first, then every catalogue field once
  (``jiazhou/fields.toml``): a field left out of the template is a column nobody fills in.
- Layout: each data column is wide enough for its code plus two characters, never narrower than
  12; the ``fields`` sheet draws the code 28 wide and the two labels 48 (long Chinese names).
  xlsxwriter stores a width w as w + 0.7109375 (its padding for the default font).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from jiazhou.fields import load_fields
from jiazhou.schemes.files import write_template

PAD = 0.7109375


def _width(ws: openpyxl.worksheet.worksheet.Worksheet, col: int) -> float:
    letter = get_column_letter(col)
    for dim in ws.column_dimensions.values():
        if dim.min is not None and dim.min <= col <= dim.max:
            return float(dim.width) - PAD
    return float(ws.column_dimensions[letter].width) - PAD


def test_data_sheet_offers_every_field_once(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx"))
    header = [c.value for c in wb["data"][1]]
    expected = ["uscc", "fiscal_year", *(f.code for f in load_fields() if f.code != "uscc")]
    assert header == expected
    assert len(header) == len(set(header))


def test_column_widths(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx"))
    data = wb["data"]
    header = [c.value for c in data[1]]
    widths = {code: _width(data, j + 1) for j, code in enumerate(header)}
    assert widths["uscc"] == 12.0  # 4 + 2 < 12: the floor
    assert widths["fiscal_year"] == 13.0  # 11 characters + 2
    longest = max(header, key=len)
    assert widths[longest] == len(longest) + 2
    assert all(w == max(12, len(code) + 2) for code, w in widths.items())
    fields = wb["fields"]
    assert [_width(fields, j) for j in (1, 2, 3)] == [28.0, 48.0, 48.0]
