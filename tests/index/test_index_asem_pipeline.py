"""The ASEM example through the whole pipeline, with invariants (COINr's build_example_coin)."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from jiazhou.index.aggregate import Aggregate
from jiazhou.index.correlation import correlations, correlations_with_parents
from jiazhou.index.denominate import Denominate
from jiazhou.index.framework import Framework
from jiazhou.index.impute import Impute
from jiazhou.index.normalise import Normalise
from jiazhou.index.pipeline import Pipeline
from jiazhou.index.screen import Screen
from jiazhou.index.statistics import indicator_stats
from jiazhou.index.treat import Treat
from jiazhou.index.weights import equal_weights, optimised_weights, pca_weights


@pytest.fixture(scope="module")
def built(asem: Framework, asem_data: pl.DataFrame) -> Pipeline:
    steps = [
        Denominate(),
        Screen(dat_thresh=0.9),
        Impute("group_mean", group="GDP_group"),
        Treat(),
        Normalise("minmax", {"lo": 0, "hi": 100}),
        Aggregate("arithmetic"),
    ]
    return Pipeline(steps).fit(asem_data, asem)


def test_every_intermediate_data_set_is_recorded(built: Pipeline) -> None:
    assert list(built.datasets_) == [
        "Raw", "Denominated", "Screened", "Imputed", "Treated", "Normalised", "Aggregated",
    ]  # fmt: skip
    assert not np.isnan(built.datasets_["Imputed"].values).any()


def test_bounds_and_directions(built: Pipeline, asem: Framework) -> None:
    norm = built.datasets_["Normalised"]
    assert np.nanmin(norm.values) == 0 and np.nanmax(norm.values) == 100
    treated = built.datasets_["Treated"]
    for code in ("CO2", "Tariff", "LPI"):  # two negative indicators, one positive
        direction = asem.directions[asem.indicators.index(code)]
        best = np.nanargmax(treated.column(code) * direction)
        assert norm.column(code)[best] == 100
    scores = built.aggregated_.values
    assert np.all((scores >= 0) & (scores <= 100))


def test_arithmetic_index_equals_effective_weights_times_scores(
    built: Pipeline, asem: Framework
) -> None:
    eff = asem.effective_weights()
    w = np.array([eff[c] for c in asem.indicators])
    assert w.sum() == pytest.approx(1.0)
    x = built.aggregated_.take(asem.indicators)
    np.testing.assert_allclose(x @ w, built.aggregated_.column("Index"))


def test_ranks_and_results(built: Pipeline) -> None:
    res = built.results()
    assert res["Rank"].to_list() == sorted(res["Rank"].to_list())
    assert res["Rank"][0] == 1 and res["Index"][0] == res["Index"].max()
    ranks = built.ranks(4)["Index"].to_numpy()
    assert sorted(ranks.tolist()) == list(range(1, len(ranks) + 1))  # no ties here
    long = built.long_scores()
    assert set(long.columns) == {"uCode", "uName", "iCode", "score", "rank", "level"}
    tree = built.tree()
    assert tree.filter(pl.col("Level") == 1)["EffectiveWeight"].sum() == pytest.approx(1.0)


def test_statistics(built: Pipeline, asem: Framework) -> None:
    stats = indicator_stats(built.datasets_["Raw"])
    assert stats.filter(pl.col("iCode") == "ConSpeed")["N.Avail"][0] == 43
    corr = correlations_with_parents(built.aggregated_, asem)
    assert corr.filter(pl.col("Child") == "Conn")["Parent"][0] == "Index"
    assert corr["Correlation"].drop_nulls().is_between(-1, 1).all()


def test_weighting(built: Pipeline, asem: Framework, asem_data: pl.DataFrame) -> None:
    assert set(equal_weights(asem).values()) == {1.0}
    pca = pca_weights(built.datasets_["Normalised"], asem, level=1)
    assert set(pca) == set(asem.weights)
    opt = optimised_weights(built, level=2, max_iter=200)
    assert sum(opt.values()) == pytest.approx(1.0) and set(opt) == set(asem.levels[2])

    def imbalance(p: Pipeline) -> float:
        corr = correlations(p.aggregated_, asem.levels[2], [asem.root], pval=0)
        c = corr["Correlation"].to_numpy()
        return float(np.sum((c / c.sum() - 1 / len(c)) ** 2))

    reweighted = Pipeline([*built.steps[:-1], Aggregate(weights=opt)]).fit(asem_data, asem)
    assert imbalance(reweighted) < imbalance(built)
