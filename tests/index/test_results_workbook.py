"""The results workbook, sheet by sheet (issue 23), as COINr's ``export_to_excel``: the results
table and tree, scores and ranks of every level from the index down, each data set, statistics
and correlations, ranks within each group column, the effect of removing each level-2 element
(when there is a level between it and the indicators' parents… i.e. more than two levels),
Cronbach's alpha per parent and the treatment details; sensitivity workbooks add Sobol indices
only for the Saltelli design. Sheet names are cut to Excel's 31 characters and NaN is written
as an empty cell.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from jiazhou.index import Aggregate, Framework, Normalise, Pipeline, Treat
from jiazhou.index.sensitivity import Choice, UncertaintyAnalysis
from jiazhou.index.statistics import cronbach_alpha
from jiazhou.index.workbook import pipeline_tables, sensitivity_tables, write_workbook


def _two_level() -> Framework:
    meta = pl.DataFrame(
        {"Level": [1, 1, 2, None], "iCode": ["a", "b", "I", "grp"],
         "Parent": ["I", "I", None, None], "Direction": [1, 1, 1, None],
         "Weight": [1.0, 1.0, 1.0, None], "Type": ["Indicator", "Indicator", "Aggregate", "Group"]}
    )  # fmt: skip
    return Framework.from_meta(meta)


def test_every_table_of_a_three_level_run(small: Framework, small_data: pl.DataFrame) -> None:
    pipe = Pipeline([Treat(), Normalise(), Aggregate()]).fit(small_data, small)
    tables = pipeline_tables(pipe)
    assert list(tables) == [
        "Results", "Tree",
        "Scores_L3", "Ranks_L3", "Scores_L2", "Ranks_L2", "Scores_L1", "Ranks_L1",
        *[f"Data_{name}" for name in pipe.datasets_],
        "Stats_Raw", "Stats_Aggregated", "Corr_Parents", "Corr_Indicators", "Corr_PValues",
        "GroupRanks_grp", "Remove_L2", "Cronbach", "Treatment",
    ]  # fmt: skip
    assert tables["Scores_L1"].columns == ["uCode", "uName", "a", "b"]
    assert tables["Ranks_L3"].columns == ["uCode", "uName", "I"]
    # the indicators' correlations on the normalised data: a square with 1 on its diagonal
    corr = tables["Corr_Indicators"]
    assert corr.columns == ["iCode", "a", "b"] and corr["iCode"].to_list() == ["a", "b"]
    assert corr["a"][0] == pytest.approx(1.0) and corr["b"][1] == pytest.approx(1.0)
    assert tables["Corr_PValues"].columns == ["iCode", "a", "b"]
    # removing each level-2 element (P): its summary row only
    removed = tables["Remove_L2"]
    assert removed["removed"].to_list() == ["P"] and removed["uCode"].is_null().all()
    alphas = tables["Cronbach"]
    assert alphas["iCode"].to_list() == ["P", "I"]
    agg = pipe.aggregated_
    assert alphas["alpha"][0] == pytest.approx(cronbach_alpha(agg.take(["a", "b"])), nan_ok=True)
    assert tables["Treatment"].equals(pipe.steps_[0].details_)  # type: ignore[attr-defined]


def test_two_levels_have_no_removal_sheet_and_no_treatment_without_treat() -> None:
    fw = _two_level()
    data = pl.DataFrame(
        {"uCode": ["u1", "u2", "u3", "u4"], "grp": ["x", "x", "y", "y"],
         "a": [1.0, 2.0, 3.0, 4.0], "b": [1.0, 3.0, 2.0, 4.0]}
    )  # fmt: skip
    pipe = Pipeline([Normalise(), Aggregate()]).fit(data, fw)
    tables = pipeline_tables(pipe)
    assert "Remove_L2" not in tables and "Treatment" not in tables
    assert [k for k in tables if k.startswith(("Scores", "Ranks"))] == [
        "Scores_L2", "Ranks_L2", "Scores_L1", "Ranks_L1"
    ]  # fmt: skip
    # without a Normalised data set, the indicators' correlations are taken on the aggregated one
    # (Pearson of 1, 2, 3, 4 and 1, 3, 2, 4: 0.8 either way; its p-value, 1 − 0.8 on 2 df, is
    # then read from the raw values)
    raw = Pipeline([Aggregate()]).fit(data, fw)
    tables = pipeline_tables(raw)
    assert tables["Corr_Indicators"]["b"][0] == pytest.approx(0.8)
    assert tables["Corr_PValues"]["b"][0] == pytest.approx(0.2)


def test_sensitivity_sheets_by_design(small: Framework, small_data: pl.DataFrame) -> None:
    pipe = Pipeline([Normalise(), Aggregate()])
    factors = [Choice.of("Agg", "Aggregate", "method", ["arithmetic", "geometric"])]
    mc = UncertaintyAnalysis(pipe, factors, n=4, design="monte_carlo", seed=1)
    assert list(sensitivity_tables(mc.fit(small_data, small))) == ["RankBands", "Runs"]
    sa = UncertaintyAnalysis(pipe, factors, n=4, design="saltelli", seed=1)
    tables = sensitivity_tables(sa.fit(small_data, small), n_boot=5)
    assert list(tables) == ["RankBands", "Runs", "Sensitivity_Summary", "Sensitivity_Units"]
    assert tables["Sensitivity_Summary"]["output"].unique().to_list() == ["mean_abs_rank_shift"]
    assert "mean_abs_rank_shift" not in tables["Sensitivity_Units"]["output"].to_list()
    assert tables["Sensitivity_Units"].height > 0
    # by default the workbook's bands are the analysis's own (sobol_indices() with its defaults)
    both = pl.concat(list(sensitivity_tables(sa).values())[2:])
    own = sa.sobol_indices()
    assert both.sort("output", "uCode", "factor", nulls_last=True).equals(
        own.sort("output", "uCode", "factor", nulls_last=True)
    )


def test_sheet_names_are_cut_to_31_characters_and_nan_is_empty(tmp_path: Path) -> None:
    name = "GroupRanks_" + "x" * 30  # 41 characters
    path = tmp_path / "out.xlsx"
    write_workbook({name: pl.DataFrame({"u": ["p", "q"], "v": [float("nan"), 1.5]})}, path)
    sheets = pl.read_excel(path, sheet_id=0)
    assert list(sheets) == [name[:31]] and len(name[:31]) == 31
    assert sheets[name[:31]]["v"].to_list() == [None, 1.5]


def test_columns_are_sized_to_their_contents(tmp_path: Path) -> None:
    # a column of long labels is widened past Excel's default of about 8.43 characters
    import openpyxl

    path = tmp_path / "out.xlsx"
    label = "综合科技创新水平指数（全国科技进步统计监测口径）"
    write_workbook({"T": pl.DataFrame({"name": [label], "v": [1.0]})}, path)
    sheet = openpyxl.load_workbook(path)["T"]
    assert sheet.column_dimensions["A"].width > 20
