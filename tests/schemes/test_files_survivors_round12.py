"""Result and template files (``schemes.files``): the edges a mutation run (issue 23, round
twelve) found unpinned, from the formats the module documents:

- ``write_results``: CSV writes the summary, ``*.details.csv`` and, only when there are any,
  ``*.warnings.csv``; Parquet writes the summary and ``*.details.parquet`` as Parquet.
- the template's ``fields`` sheet marks the fields ``fields.toml`` makes optional ("选填 /
  optional": application_date, rd_measure_choice, the HNTE R&D categories), and no other.
- ``read_table`` / ``read_table_checked``: the money unit and the date are given by name.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from tests.schemes.conftest import run, unit

from jiazhou.schemes.files import read_table, read_table_checked, write_results, write_template

TODAY = dt.date(2025, 3, 1)  # pinned: validation reads the date (no fiscal year in the future)
ASSUMED = run("tech-sme-2017", unit())  # no application_date: the usual filing day is assumed
DATED = run("tech-sme-2017", unit(application_date=dt.date(2025, 5, 10)))  # in force, no warning


def test_csv_output_writes_a_warnings_file_only_when_there_are_warnings(tmp_path: Path) -> None:
    """An assumed application date is a warning: ``*.warnings.csv`` is written next to the summary
    and details; a dated application in force has none, and no warnings file."""
    assert DATED.warnings() == [] and len(ASSUMED.warnings()) == 1
    quiet = write_results([DATED], tmp_path / "q.csv")
    assert quiet == [tmp_path / "q.csv", tmp_path / "q.details.csv"]
    assert not (tmp_path / "q.warnings.csv").exists()
    noted = write_results([ASSUMED], tmp_path / "n.csv")
    assert noted == [tmp_path / "n.csv", tmp_path / "n.details.csv", tmp_path / "n.warnings.csv"]
    warnings = pl.read_csv(tmp_path / "n.warnings.csv")
    assert warnings["scheme"].to_list() == ["tech-sme-2017"]
    assert "未填申请日期" in warnings["warning"][0]


def test_parquet_output_is_parquet_summary_and_details(tmp_path: Path) -> None:
    """Parquet: the summary (one row per unit and scheme) and ``*.details.parquet``, both Parquet,
    and no warnings file (warnings go to the XLSX sheet or the CSV side file)."""
    out = tmp_path / "r.parquet"
    assert write_results([ASSUMED], out) == [out, tmp_path / "r.details.parquet"]
    summary = pl.read_parquet(out)
    assert summary["scheme"].to_list() == ["tech-sme-2017"] and summary.height == 1
    details = pl.read_parquet(tmp_path / "r.details.parquet")
    assert details.height == 16  # tech-sme-2017: 8 gates + 4 routes + 4 items
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.details.parquet", "r.parquet"]


def test_the_template_marks_the_optional_fields_and_only_them(tmp_path: Path) -> None:
    """fields.toml ``optional = true``: the application date, rd_measure_choice and the HNTE R&D
    categories may be absent; required ones (uscc, operating_revenue …) are not marked."""
    wb = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx"), read_only=True)
    rows = list(wb["fields"].iter_rows(values_only=True))
    assert rows[0][6] == "选填"
    marked = {r[0]: r[6] for r in rows[1:]}
    for code in ("application_date", "rd_measure_choice", "rd_hnte_personnel", "rd_hnte_other"):
        assert marked[code] == "选填 / optional"
    for code in ("fiscal_year", "uscc", "operating_revenue", "employees_total"):
        assert marked[code] in ("", None)


def test_the_money_unit_and_date_are_given_by_name(tmp_path: Path) -> None:
    """``read_table(path, *, money_unit=…, today=…)``: the unit and the date are named, so a call
    listing them by position (where the two could be swapped unnoticed) is refused. 100 in 万元
    is 1,000,000 元."""
    src = tmp_path / "t.csv"
    src.write_text("uscc,fiscal_year,operating_revenue\n91511100000000019P,2024,100\n", "utf-8")
    assert read_table(src, money_unit="万元", today=TODAY)["operating_revenue"].to_list() == [
        1_000_000.0
    ]
    with pytest.raises(TypeError):
        read_table(src, "万元")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        read_table_checked(src, "万元")  # type: ignore[call-arg]
