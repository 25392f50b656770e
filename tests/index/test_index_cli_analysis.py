"""The analysis commands of ``jiazhou index`` (COINr's get_* functions and plots) on ASEM."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from jiazhou.cli import main
from jiazhou.index import plots


@pytest.fixture
def asem_args(asem_dir: Path) -> list[str]:
    return [str(asem_dir / "input_iMeta.csv"), str(asem_dir / "input_iData.csv")]


def test_stats_command(
    asem_args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "stats.csv"
    assert main(["index", "stats", *asem_args, "-o", str(out)]) == 0
    table = pl.read_csv(out)
    assert table.height == 49 and "Flag.SkewKurt" in table.columns
    # COINr's raw statistics for LPI (3 s.f.): min 2.07, max 4.23, skew −0.304
    lpi = table.filter(pl.col("iCode") == "LPI").row(0, named=True)
    assert (lpi["Min"], lpi["Max"], lpi["Skew"]) == (2.07, 4.23, -0.304)


def test_corr_command_writes_values_and_p_values(asem_args: list[str], tmp_path: Path) -> None:
    out = tmp_path / "corr.xlsx"
    assert main(["index", "corr", *asem_args, "--level", "2", "-o", str(out)]) == 0
    r = pl.read_excel(out, sheet_name="Correlation")
    p = pl.read_excel(out, sheet_name="PValue")
    assert r.height == p.height == 8 and r["Physical"][0] == pytest.approx(1.0)


def test_unit_groupranks_remove_compare_commands(
    asem_args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["index", "unit", *asem_args, "ESP", "--top", "3"]) == 0
    text = capsys.readouterr().out
    assert "强项 Strengths" in text and "弱项 Weaknesses" in text
    assert main(["index", "groupranks", *asem_args, "EurAsia_group", "--level", "4"]) == 0
    assert main(["index", "remove", *asem_args, "--level", "2"]) == 0
    assert "rank_change" in capsys.readouterr().out
    meta, data = asem_args
    assert main(["index", "compare", meta, meta, data]) == 0
    assert "AbsDiff" in capsys.readouterr().out
    assert main(["index", "unit", *asem_args, "XXX"]) == 2
    assert "不在数据中" in capsys.readouterr().out


def test_trends_command(small_meta: object, tmp_path: Path) -> None:
    meta = tmp_path / "meta.csv"
    pl.DataFrame(
        {"Level": [1, 2], "iCode": ["x", "I"], "Parent": ["I", None], "Direction": [1, 1],
         "Weight": [1.0, 1.0], "Type": ["Indicator", "Aggregate"]}
    ).write_csv(meta)  # fmt: skip
    data = tmp_path / "panel.csv"
    pl.DataFrame(
        {"uCode": ["a"] * 3, "Time": [2020, 2021, 2022], "x": [100.0, None, 121.0]}
    ).write_csv(data)
    out = tmp_path / "trends.csv"
    assert main(["index", "trends", str(meta), str(data), "-o", str(out)]) == 0
    assert pl.read_csv(out)["CAGR"][0] == pytest.approx(0.1)


@pytest.mark.parametrize("kind", ["framework", "bar", "stacked", "dot", "scatter", "corr"])
def test_plot_command_html(asem_args: list[str], tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"{kind}.html"
    assert main(["index", "plot", *asem_args, "--kind", kind, "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "echarts" in page and "cdn" not in page.lower().split("<script>")[0]
    call = page[page.rindex(".setOption(") + len(".setOption(") : page.rindex(");</script>")]
    option = json.loads(call)
    assert option["series"]


def test_plot_png_and_bad_output(asem_args: list[str], tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "bar.png"
    assert main(["index", "plot", *asem_args, "--kind", "stacked", "-o", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["index", "plot", *asem_args, "-o", str(tmp_path / "x.pdf")]) == 2


def test_chart_builders_by_hand() -> None:
    option = plots.bar(["a", "b", "c"], [1.0, 3.0, None], "I", {"x": [1.0, 1.0, 0.0]})
    assert option["xAxis"]["data"] == ["b", "a", "c"]  # best first, missing last
    assert option["series"][0]["data"] == [1.0, 1.0, 0.0]
    sens = plots.sensitivity(["w", "agg"], [0.2, 0.5], [0.3, 0.5])
    assert sens["series"][1]["data"] == [pytest.approx(0.1), 0.0]  # ST − S
    bands = plots.rank_bands(["a", "b"], [2, 1], [2, 1], [3, 2], [2, 1])
    assert bands["yAxis"]["data"] == ["b", "a"]


def test_import_coinr_command(asem_dir: Path, tmp_path: Path) -> None:
    meta = pl.read_csv(asem_dir / "input_iMeta.csv")
    data = pl.read_csv(asem_dir / "input_iData.csv")
    book = tmp_path / "coin.xlsx"
    import xlsxwriter

    with xlsxwriter.Workbook(book) as wb:
        meta.write_excel(wb, worksheet="Meta.Ind")
        data.write_excel(wb, worksheet="Data.Raw")
    assert main(["index", "import-coinr", str(book), "--out-dir", str(tmp_path / "out")]) == 0
    assert main(["index", "run", str(tmp_path / "out/iMeta.csv"), str(tmp_path / "out/iData.csv"),
                 "-o", str(tmp_path / "r.xlsx")]) == 0  # fmt: skip
    assert main(["index", "import-coinr", str(tmp_path / "r.xlsx"), "--out-dir", "x"]) == 2
