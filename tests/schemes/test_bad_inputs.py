"""Issue 12: the bad-input corpus (tests/schemes/bad_inputs/) through `jiazhou check` and
`jiazhou score` — no traceback, no silent coercion, no partial write, every problem named by
row and column (Chinese label and field code)."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import time_machine

from jiazhou.cli import main
from jiazhou.validation import validate_file
from jiazhou.validation.headers import label

CORPUS = Path(__file__).parent / "bad_inputs"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads(
    (CORPUS / "expected.toml").read_text(encoding="utf-8")
)
TODAY = dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _pinned() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


def test_the_corpus_has_at_least_40_files_and_each_has_an_expectation() -> None:
    files = sorted(p.name for p in CORPUS.iterdir() if p.suffix not in (".py", ".toml"))
    assert len(files) >= 40
    assert set(files) == set(EXPECTED)


def _named(message: str, row: int, column: str) -> bool:
    if row and f"第{row}行" not in message:
        return False
    return not column or (f"({column})" in message and f"「{label(column)}」" in message)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validation_outcome_rows_columns_and_values(name: str) -> None:
    want = EXPECTED[name]
    checked = validate_file(CORPUS / name)
    messages = [p.message() for p in checked.problems]
    assert all(m.startswith(("错误：", "提示：")) and " / " in m for m in messages)  # zh first
    assert all(name in m for m in messages)  # every message names the file
    if want["outcome"] == "error":
        assert checked.frame is None  # nothing half-accepted
        assert checked.errors
    else:
        assert checked.frame is not None and not checked.errors, messages
        assert bool(checked.warnings) == (want["outcome"] == "warning"), messages
    for row, column in want.get("problems", []):
        assert any(_named(m, row, column) for m in messages), (row, column, messages)
    for column, values in want.get("values", {}).items():
        assert checked.frame is not None
        assert checked.frame[column].to_list() == values


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_check_and_score_never_trace_back_nor_write_on_errors(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    want = EXPECTED[name]
    code = main(["check", str(CORPUS / name)])
    out = capsys.readouterr().out
    assert "Traceback" not in out
    assert code == (2 if want["outcome"] == "error" else 0), out
    if want["outcome"] == "error":
        target = tmp_path / "out.xlsx"
        assert main(["score", "--scheme", "hnte-2016", str(CORPUS / name), "-o", str(target)]) == 2
        scored = capsys.readouterr().out
        assert "未评价任何数据" in scored and not target.exists()  # no partial write
        for row, column in want.get("problems", []):
            assert any(_named(line, row, column) for line in scored.splitlines()), scored


def test_money_unit_option_reads_plain_amounts_in_wan(capsys: pytest.CaptureFixture[str]) -> None:
    wan = validate_file(CORPUS / "warn_wan_in_yuan.csv", money_unit="万元")
    assert wan.frame is not None and not wan.problems  # no 万元 warning once it is declared
    assert wan.frame["operating_revenue"].to_list()[:2] == [30_000_000.0, 36_000_000.0]
    assert main(["check", "--money-unit", "万元", str(CORPUS / "warn_wan_in_yuan.csv")]) == 0
    assert "提示" not in capsys.readouterr().out


def test_wan_warning_names_every_row_of_the_firm() -> None:
    (warning,) = validate_file(CORPUS / "warn_wan_in_yuan.csv").warnings
    assert "第2、3行" in warning.message() and "--money-unit 万元" in warning.message()


def test_a_firm_named_like_a_formula_stays_text_in_the_xlsx_output(tmp_path: Path) -> None:
    """The CLI's output goes through the one export writer (formula neutralisation)."""
    from tests.schemes.conftest import frame, run, unit

    from jiazhou.schemes import score
    from jiazhou.schemes.files import write_results

    result = run("tech-sme-2017", {**unit(), "name": "=1+2"})
    assert result.wide["name"].to_list() == ["=1+2"]
    out = tmp_path / "r.xlsx"
    write_results([result], out)
    ws = openpyxl.load_workbook(out)["summary"]
    names = [row for row in ws.iter_rows(values_only=True) if "=1+2" in row]
    assert names, "the name is written as text"
    cell = next(c for r in ws.iter_rows() for c in r if c.value == "=1+2")
    assert cell.data_type == "s" and cell.quotePrefix  # text, never a live formula
    csv_out = tmp_path / "r.csv"
    write_results([result], csv_out)
    assert "'=1+2" in csv_out.read_text(encoding="utf-8-sig")
    assert score(frame([unit()]), "tech-sme-2017").wide.height == 1


def test_incidents_file_is_validated_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "incidents.csv"
    bad.write_text(
        "统一社会信用代码,发生日期,事件类型\n91511100000000019P,2031-01-01,火灾\n", encoding="gbk"
    )
    code = main(
        [
            "score",
            "--scheme",
            "hnte-2016",
            str(CORPUS / "ok_baseline.csv"),
            "-o",
            str(tmp_path / "o.xlsx"),
            "--incidents",
            str(bad),
        ]
    )
    out = capsys.readouterr().out
    assert code == 2
    assert re.search(r"第2行 「发生日期」\(date\)", out) and "事件类型" in out
