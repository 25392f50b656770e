"""`jiazhou score`, `jiazhou schemes` and `jiazhou template`, end to end on small files."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest

from jiazhou.cli import main
from jiazhou.fields import load_fields
from jiazhou.schemes.files import read_table
from jiazhou.synthetic import generate_population


@pytest.fixture(scope="module")
def firms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "firms.xlsx"
    generate_population(40, years=range(2021, 2025), seed=3).write_excel(path)
    return path


def test_score_xlsx_to_workbook(
    firms: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "results.xlsx"
    code = main(
        [
            "score",
            "--scheme",
            "hnte-2016",
            "--scheme",
            "tech-sme-2017",
            str(firms),
            "-o",
            str(out),
            "--year",
            "2025",
        ]
    )
    assert code == 0
    assert "hnte-2016 2016.1" in capsys.readouterr().out
    wb = openpyxl.load_workbook(out, read_only=True)
    assert wb.sheetnames == ["summary", "hnte-2016", "tech-sme-2017", "criteria", "warnings"]
    header = [c.value for c in next(wb["hnte-2016"].iter_rows(max_row=1))]
    for column in ("status", "total_min", "total_max", "H5__status", "H5__gap", "A3__points_max"):
        assert column in header
    summary = pl.read_excel(out, sheet_name="summary")
    assert summary.height == 80 and set(summary["scheme"]) == {"hnte-2016", "tech-sme-2017"}


def test_score_csv_writes_summary_and_details(firms: Path, tmp_path: Path) -> None:
    src = tmp_path / "firms.csv"
    read_table(firms).write_csv(src)
    out = tmp_path / "results.csv"
    assert (
        main(["score", "--scheme", "tech-sme-2017", str(src), "-o", str(out), "--year", "2025"])
        == 0
    )
    details = pl.read_csv(tmp_path / "results.details.csv")
    assert details.height == 40 * 16  # tech-sme-2017: 8 gates + 4 routes + 4 items
    assert pl.read_csv(out).height == 40


def test_unknown_scheme_is_a_clean_error(
    firms: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["score", "--scheme", "nope", str(firms), "-o", str(tmp_path / "r.xlsx")])
    assert code == 2
    assert "unknown scheme" in capsys.readouterr().out


def test_schemes_lists_versions_and_dates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schemes", "--on", "2026-05-01"]) == 0
    out = capsys.readouterr().out
    assert "srdi-sme-2026" in out and "srdi-sme-2022" not in out and "2026-04-01" in out


def test_template_documents_every_field(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    assert main(["template", "-o", str(path)]) == 0
    wb = openpyxl.load_workbook(path, read_only=True)
    codes = [r[0] for r in wb["fields"].iter_rows(min_row=2, values_only=True)]
    assert set(codes) == {"fiscal_year", *(f.code for f in load_fields())}
    header = [c.value for c in next(wb["data"].iter_rows(max_row=1))]
    assert header[:2] == ["uscc", "fiscal_year"]


def test_read_table_types_booleans_and_codes(tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_text(
        "uscc,fiscal_year,in_zone,region_code,registration_date,operating_revenue\n"
        "91511100000000019P,2024,是,511102,2020-03-01,100\n"
        "91511100000000027J,2024,否,511112,2021-01-02,\n",
        "utf-8",
    )
    df = read_table(src)
    assert df["in_zone"].to_list() == [True, False]
    assert df["region_code"].to_list() == ["511102", "511112"]
    assert df.schema["registration_date"] == pl.Date
    assert df["operating_revenue"].to_list() == [100.0, None]
