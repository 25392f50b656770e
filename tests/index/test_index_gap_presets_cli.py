"""Gap-to-target contributions (index-methods.md §1.4 consequences), presets and the CLI."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import openpyxl
import polars as pl
import pytest

from jiazhou.index.aggregate import Aggregate
from jiazhou.index.cli import register
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.framework_file import load_framework_file
from jiazhou.index.gap import gap_contributions, scenario
from jiazhou.index.normalise import Normalise
from jiazhou.index.panel import fit_by_time, long_scores_by_time
from jiazhou.index.pipeline import Pipeline
from jiazhou.index.presets import PRESETS, load_preset


def test_gap_contributions_by_hand(small: Framework) -> None:
    # a: 2.0 / 标准值 2.5 → 80; b (reverse): 100 · 0.5 / 1.0 → 50; index = 65.
    data = pl.DataFrame({"uCode": ["u1"], "pop": [1.0], "grp": ["x"], "a": [2.0], "b": [1.0]})
    pipeline = Pipeline([Normalise("standard_value"), Aggregate()]).fit(data, small)
    gap = gap_contributions(pipeline, "u1", target=95)
    assert gap["iCode"].to_list() == ["b", "a"]
    np.testing.assert_allclose(gap["gain"], [25.0, 10.0])  # (80+100)/2 − 65, (100+50)/2 − 65
    np.testing.assert_allclose(gap["cumulative"], [90.0, 100.0])
    assert gap["reaches_target"].to_list() == [False, True]
    np.testing.assert_allclose(gap["headroom"], [0.5, 0.5])  # 1.0 → 0.5 down; 2.0 → 2.5 up
    assert gap["index_now"][0] == pytest.approx(65.0)
    with pytest.raises(IndexInputError, match="单位「zz」不在结果中"):
        gap_contributions(pipeline, "zz")


def test_scenario_refits_with_changed_values(small: Framework) -> None:
    data = pl.DataFrame({"uCode": ["u1"], "pop": [1.0], "grp": ["x"], "a": [2.0], "b": [1.0]})
    pipeline = Pipeline([Normalise("standard_value"), Aggregate()]).fit(data, small)
    what_if = scenario(pipeline, data, "u1", {"a": 2.5})
    assert what_if.aggregated_.column("I")[0] == pytest.approx(75.0)


def test_presets_load_and_flag_missing_standards() -> None:
    assert set(PRESETS) == {"zh_sti_monitoring", "leshan_sti"}
    zh = load_preset("zh_sti_monitoring")
    fw = zh.framework
    assert fw.levels[3] == ("env", "input", "output", "hitech", "develop")
    assert fw.effective_weights()["develop"] == pytest.approx(0.24)
    assert zh.nodes is not None
    no_standard = zh.nodes.filter(pl.col("Level") == 1, pl.col("Standard").is_null())["iCode"]
    assert len(no_standard) == 13
    data = pl.DataFrame({"uCode": ["city"]} | {c: [1.0] for c in fw.indicators})
    with pytest.raises(IndexInputError, match="hitech_labour_productivity.Standard"):
        Pipeline(zh.pipeline.steps).fit(data, fw)
    filled = fw.with_values("Standard", dict.fromkeys(no_standard, 1.0))
    result = Pipeline(zh.pipeline.steps).fit(data, filled)
    assert 0 < result.aggregated_.column("zh_sti")[0] <= 100


def test_leshan_preset_scores_against_2025_targets() -> None:
    ls = load_preset("leshan_sti")
    fw = ls.framework
    assert "hv_invention_patents_per_10k" in fw.indicators
    # A region exactly at every 2025 target scores 100; one at half of every target scores 50.
    standards = dict(zip(fw.indicators, fw.column("Standard"), strict=True))
    data = pl.DataFrame(
        {"uCode": ["at_target", "half"]} | {c: [s, s / 2] for c, s in standards.items()}
    )
    result = Pipeline(ls.pipeline.steps).fit(data, fw)
    np.testing.assert_allclose(result.aggregated_.column("leshan_sti"), [100.0, 50.0])


def _cli(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    code: int = args.handler(args)
    return code


FRAMEWORK = """
[framework]
code = "asem"
meta = "{meta}"

[[pipeline.step]]
step = "Denominate"

[[pipeline.step]]
step = "Impute"
method = "mean"

[[pipeline.step]]
step = "Treat"

[[pipeline.step]]
step = "Normalise"
method = "minmax"
params = {{lo = 1, hi = 100}}

[[pipeline.step]]
step = "Aggregate"

[[sensitivity.factor]]
type = "choice"
label = "Winmax"
step = "Treat"
param = "winmax"
values = [1, 5]

[[sensitivity.factor]]
type = "weights"
noise = 0.25
"""


def test_cli_run_and_sensitivity_end_to_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], asem_dir: Path
) -> None:
    framework = tmp_path / "asem.toml"
    meta = (asem_dir / "input_iMeta.csv").as_posix()
    framework.write_text(FRAMEWORK.format(meta=meta), encoding="utf-8")
    data = str(asem_dir / "input_iData.csv")
    out = tmp_path / "results.xlsx"
    assert _cli("index", "run", str(framework), data, "-o", str(out)) == 0
    book = openpyxl.load_workbook(out)
    assert {"Results", "Tree", "Data_Treated", "Stats_Raw", "Cronbach"} <= set(book.sheetnames)
    results = book["Results"]
    assert results["C1"].value == "Rank" and results["C2"].value == 1
    sa = tmp_path / "sa.xlsx"
    assert _cli("index", "sensitivity", str(framework), data, "--n", "16", "--boot", "10",
                "-o", str(sa)) == 0  # fmt: skip
    sheets = openpyxl.load_workbook(sa).sheetnames
    assert sheets == ["RankBands", "Runs", "Sensitivity_Summary", "Sensitivity_Units"]
    assert "64 次运行 runs" in capsys.readouterr().out  # 16 · (2 + 2)
    # a bare COINr iMeta CSV is accepted too; a bad file gives exit code 2 and a message
    assert _cli("index", "run", str(asem_dir / "input_iMeta.csv"), data, "-o", str(out)) == 0
    assert _cli("index", "run", "preset:leshan_sti", data, "-o", str(out)) == 2
    assert "未在 iMeta 中描述" in capsys.readouterr().out


def test_panel_builds_each_year(small: Framework) -> None:
    data = pl.DataFrame(
        {"uCode": ["u1", "u2", "u1", "u2"], "Time": [2023, 2023, 2024, 2024],
         "pop": [1.0] * 4, "grp": ["x"] * 4, "a": [1.25, 2.5, 2.5, 5.0],
         "b": [1.0, 0.5, 0.5, 0.25]}
    )  # fmt: skip
    fitted = fit_by_time(Pipeline([Normalise("standard_value"), Aggregate()]), data, small)
    assert list(fitted) == [2023, 2024]
    long = long_scores_by_time(fitted).filter(pl.col("iCode") == "I").sort("Time", "uCode")
    # 2023: u1 = (50 + 50)/2, u2 = 100; 2024: both at or beyond the standards → 100
    np.testing.assert_allclose(long["score"], [50.0, 100.0, 100.0, 100.0])
    assert long["rank"].to_list() == [2, 1, 1, 1]  # ties share the minimum rank
    with pytest.raises(IndexInputError, match="uCode 重复"):
        Pipeline([Normalise("standard_value"), Aggregate()]).fit(data, small)


def test_jiazhou_dispatcher_lists_presets(capsys: pytest.CaptureFixture[str]) -> None:
    from jiazhou.cli import main

    assert main(["index", "presets"]) == 0
    assert "preset:leshan_sti" in capsys.readouterr().out


def test_minimal_toml_defaults(tmp_path: Path) -> None:
    # direction and weight default to 1; type from the level (framework_file docstring)
    path = tmp_path / "f.toml"
    path.write_text(
        '[[node]]\ncode = "I"\nlevel = 2\n'
        '[[node]]\ncode = "x"\nlevel = 1\nparent = "I"\nstandard = 4\n'
        '[[node]]\ncode = "y"\nlevel = 1\nparent = "I"\ndirection = -1\nstandard = 2\n'
        '[[pipeline.step]]\nstep = "Normalise"\nmethod = "standard_value"\n'
        '[[pipeline.step]]\nstep = "Aggregate"\n',
        encoding="utf-8",
    )
    spec = load_framework_file(path)
    data = pl.DataFrame({"uCode": ["a"], "x": [2.0], "y": [4.0]})
    result = Pipeline(spec.pipeline.steps).fit(data, spec.framework)
    assert result.aggregated_.column("I")[0] == pytest.approx(50.0)  # (50 + 100·2/4) / 2
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('step = "Aggregate"', 'step = "Sort"'), encoding="utf-8")
    with pytest.raises(IndexInputError, match="未知步骤「Sort」"):
        load_framework_file(path)
