"""The result tables of ``index.pipeline.Pipeline``, on the small framework by hand (conftest).

Indicators ``a`` (+) and ``b`` (−) under pillar ``P`` under index ``I``; a = 1, 4, –, 8 and
b = 1, 0.25, 2, – for u1…u4. Min–max 0–100: a → 0, 300/7, –, 100; −b → 400/7, 100, 0, –;
P = I = the mean of what is there: 200/7, 500/7, 0, 100.

- ``ranks``: 1 = best, a missing score has no rank (COINr's ``rank_df``).
- ``results``: COINr's ``get_results(tab_type = "Aggs")`` — unit, name, rank, then the
  aggregates from the index down to level 2 (no indicator), best first.
- ``long_scores``: one row per unit × code, with the code's level.
- ``tree``: weights as given and effective weights, the product down the tree of weights
  normalised within each parent (COINr's ``get_eff_weights``).
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from jiazhou.index import Aggregate, Framework, Normalise, Pipeline, Treat
from jiazhou.index.errors import IndexInputError
from jiazhou.index.pipeline import nominal_weights

I = [200 / 7, 500 / 7, 0.0, 100.0]  # noqa: E741 (the index code)


@pytest.fixture
def built(small: Framework, small_data: pl.DataFrame) -> Pipeline:
    return Pipeline([Normalise("minmax"), Aggregate()]).fit(small_data, small)


def test_the_last_step_must_aggregate(small: Framework, small_data: pl.DataFrame) -> None:
    for steps in ([], [Normalise("minmax")], [Aggregate(), Normalise("minmax")]):
        with pytest.raises(IndexInputError, match="the last pipeline step must be Aggregate"):
            Pipeline(steps).fit(small_data, small)


def test_ranks_per_indicator_leave_a_gap_unranked(built: Pipeline) -> None:
    r = built.ranks(1)
    assert r.columns == ["uCode", "uName", "a", "b"]
    assert r["a"].to_list() == [3, 2, None, 1]
    assert r["b"].to_list() == [2, 1, 3, None]
    assert built.ranks()["I"].to_list() == [3, 2, 4, 1]


def test_results_list_the_aggregates_best_first(built: Pipeline) -> None:
    res = built.results()
    assert res.columns == ["uCode", "uName", "Rank", "I", "P"]
    assert res["uCode"].to_list() == ["u4", "u2", "u1", "u3"]
    assert res["uName"].to_list() == ["u4", "u2", "u1", "u3"]  # no uName column: the code
    assert res["Rank"].to_list() == [1, 2, 3, 4]
    np.testing.assert_allclose(res["I"], [100.0, 500 / 7, 200 / 7, 0.0])


def test_a_unit_without_an_index_score_comes_last(
    small: Framework, small_data: pl.DataFrame
) -> None:
    """u4 with neither indicator has no score and no rank: listed after every ranked unit."""
    data = small_data.with_columns(
        pl.when(pl.col("uCode") == "u4").then(None).otherwise(pl.col("a")).alias("a")
    )
    res = Pipeline([Normalise("minmax"), Aggregate()]).fit(data, small).results()
    assert res["uCode"].to_list()[-1] == "u4"
    assert res["Rank"].to_list() == [1, 2, 3, None]


def test_long_scores_carry_each_code_s_level(built: Pipeline) -> None:
    long = built.long_scores()
    assert long.height == 4 * 4
    level = dict(long.select("iCode", "level").unique().rows())
    assert level == {"a": 1, "b": 1, "P": 2, "I": 3}
    u2 = {r["iCode"]: (r["score"], r["rank"]) for r in long.filter(uCode="u2").to_dicts()}
    assert u2["a"] == (pytest.approx(300 / 7), 2)
    assert u2["b"] == (pytest.approx(100.0), 1)
    assert u2["I"] == (pytest.approx(500 / 7), 2)


def test_scores_of_one_level(built: Pipeline) -> None:
    s = built.scores(2)
    assert s.columns == ["uCode", "uName", "P"]
    np.testing.assert_allclose(s["P"], I)


def test_tree_gives_weights_and_effective_weights(
    small: Framework, small_data: pl.DataFrame
) -> None:
    """a weighs 3, b 1 under P: effective weights 3/4 and 1/4; P and I 1."""
    steps = [Treat(), Normalise("minmax"), Aggregate(weights={"a": 3.0})]  # the last one counts
    p = Pipeline(steps).fit(small_data, small)
    tree = {r["iCode"]: r for r in p.tree().to_dicts()}
    assert set(tree) == {"a", "b", "P", "I"}  # the denominator and the group are no nodes
    assert {c: r["Weight"] for c, r in tree.items()} == {"a": 3.0, "b": 1.0, "P": 1.0, "I": 1.0}
    eff = {c: r["EffectiveWeight"] for c, r in tree.items()}
    assert eff == pytest.approx({"a": 0.75, "b": 0.25, "P": 1.0, "I": 1.0})
    assert dict(zip(p.steps_[-1].tree_.codes, nominal_weights(p), strict=True)) == {
        "a": 3.0,
        "b": 1.0,
        "P": 1.0,
        "I": 1.0,
    }


def test_upstream_stops_before_aggregation(small: Framework, small_data: pl.DataFrame) -> None:
    up = Pipeline([Normalise("minmax"), Aggregate()]).upstream(small_data, small)
    np.testing.assert_allclose(up.column("a"), [0.0, 300 / 7, np.nan, 100.0])
    np.testing.assert_allclose(up.column("b"), [400 / 7, 100.0, 0.0, np.nan])
    assert "P" not in up.codes


def test_codes_sorting_after_ucode_are_kept() -> None:
    """Any iCode names a column — ``x``, ``y`` and ``zz`` sort after ``uCode`` and still appear,
    with x = 1, 3 → 0, 100 and y = 2, 1 (higher-better) → 100, 0, so zz = 50, 50."""
    meta = pl.DataFrame(
        {"Level": [1, 1, 2], "iCode": ["x", "y", "zz"], "Parent": ["zz", "zz", None],
         "Direction": [1, 1, 1], "Weight": [1.0, 1.0, 1.0],
         "Type": ["Indicator", "Indicator", "Aggregate"]}
    )  # fmt: skip
    data = pl.DataFrame({"uCode": ["m", "n"], "x": [1.0, 3.0], "y": [2.0, 1.0]})
    p = Pipeline([Normalise("minmax"), Aggregate()]).fit(data, Framework.from_meta(meta))
    assert p.scores().columns == ["uCode", "uName", "x", "y", "zz"]
    assert p.scores(1).rows() == [("m", "m", 0.0, 100.0), ("n", "n", 100.0, 0.0)]
    assert p.ranks(2)["zz"].to_list() == [1, 1]
    assert p.results().columns == ["uCode", "uName", "Rank", "zz"]


def test_upstream_runs_every_step_before_the_last(
    small: Framework, small_data: pl.DataFrame
) -> None:
    """Min–max 0–100, then min–max again onto 0–1: a = 0, 3/7, –, 1."""
    steps = [Normalise("minmax"), Normalise("minmax", {"lo": 0, "hi": 1}), Aggregate()]
    up = Pipeline(steps).upstream(small_data, small)
    np.testing.assert_allclose(up.column("a"), [0.0, 3 / 7, np.nan, 1.0])
