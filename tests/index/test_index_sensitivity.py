"""Uncertainty and sensitivity analysis: estimators on analytic functions (Saltelli 2010,
Jansen) and the vectorised runs against whole-pipeline rebuilds (index-methods.md §5.1, §5.3)."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from jiazhou.index.aggregate import Aggregate
from jiazhou.index.denominate import Denominate
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.impute import Impute
from jiazhou.index.normalise import Normalise
from jiazhou.index.pipeline import Pipeline
from jiazhou.index.sensitivity import (
    Choice,
    Factor,
    UncertaintyAnalysis,
    WeightNoise,
    sample_design,
    sobol_estimates,
)
from jiazhou.index.treat import Treat


def _ishigami(u: np.ndarray) -> np.ndarray:
    x = -np.pi + 2 * np.pi * u
    y: np.ndarray = (
        np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])
    )
    return y


def test_ishigami_indices() -> None:
    n = 2**14
    u = sample_design([1, 1, 1], n, "saltelli", "sobol", seed=3)
    est = sobol_estimates(_ishigami(u)[:, None], n, 3)
    # Analytic values for a = 7, b = 0.1 (Ishigami & Homma 1990; Sobol' 2007).
    np.testing.assert_allclose(est["S"][:, 0], [0.3139, 0.4424, 0.0], atol=0.02)
    np.testing.assert_allclose(est["ST"][:, 0], [0.5576, 0.4424, 0.2437], atol=0.02)


def test_linear_model_indices_with_bootstrap_bands() -> None:
    # y = Σ a_i x_i, x_i ~ U(0, 1): S_i = ST_i = a_i² / Σ a_j²; a group of 2 dims is one factor.
    a = np.array([1.0, 2.0, 3.0, 0.5])
    n = 4096
    u = sample_design([1, 1, 2], n, "saltelli", "random", seed=1)
    y = (u @ a)[:, None]
    est = sobol_estimates(y, n, 3, n_boot=100, seed=2)
    expected = np.array([1.0, 4.0, 9.25]) / 14.25
    np.testing.assert_allclose(est["S"][:, 0], expected, atol=0.03)
    np.testing.assert_allclose(est["ST"][:, 0], expected, atol=0.03)
    assert np.all(est["ST_lo"][:, 0] <= est["ST"][:, 0])
    assert np.all(est["ST"][:, 0] <= est["ST_hi"][:, 0])


def test_saltelli_design_layout() -> None:
    u = sample_design([1, 2], 8, "saltelli", "random", seed=0)
    a, b, ab1, ab2 = u[:8], u[8:16], u[16:24], u[24:32]
    np.testing.assert_array_equal(ab1[:, 0], b[:, 0])
    np.testing.assert_array_equal(ab1[:, 1:], a[:, 1:])
    np.testing.assert_array_equal(ab2[:, 1:], b[:, 1:])
    np.testing.assert_array_equal(ab2[:, 0], a[:, 0])


@pytest.fixture(scope="module")
def analysis(asem: Framework, asem_data: pl.DataFrame) -> UncertaintyAnalysis:
    pipeline = Pipeline(
        [Denominate(), Impute("mean"), Treat(), Normalise("minmax", {"lo": 1, "hi": 100}),
         Aggregate()]
    )  # fmt: skip
    factors: list[Factor] = [
        Choice.of("Imputation", "Impute", "method", ["mean", "median"]),
        Choice.of("Winmax", "Treat", "winmax", [1, 3, 5]),
        Choice(
            "Normalisation",
            "Normalise",
            (
                {"method": "minmax", "params": {"lo": 1, "hi": 100}},
                {"method": "zscore", "params": {"mean": 10, "sd": 2}},
            ),
        ),  # fmt: skip
        WeightNoise("Weights", 0.25),
        Choice.of("Aggregation", "Aggregate", "method", ["arithmetic", "geometric"]),
    ]
    return UncertaintyAnalysis(pipeline, factors, n=32, seed=5).fit(asem_data, asem)


def test_vectorised_runs_equal_whole_pipeline_rebuilds(
    analysis: UncertaintyAnalysis, asem: Framework, asem_data: pl.DataFrame
) -> None:
    assert analysis.scores_.shape == (32 * 7, 51)
    for run in (0, 33, 100, 223):
        np.testing.assert_allclose(
            analysis.rebuild_run(run, asem_data, asem), analysis.scores_[run], rtol=1e-12
        )


def test_rank_bands_and_per_unit_indices(analysis: UncertaintyAnalysis) -> None:
    bands = analysis.rank_bands()
    assert bands.height == 51
    assert (bands["rank_lo"] <= bands["median_rank"]).all()
    assert (bands["median_rank"] <= bands["rank_hi"]).all()
    si = analysis.sobol_indices(n_boot=20)
    assert set(si["output"]) == {"score", "rank", "mean_abs_rank_shift"}
    assert si.filter(pl.col("output") == "rank").height == 51 * 5
    runs = analysis.runs()
    assert runs.height == 32 * 7 and "Winmax" in runs.columns


def test_monte_carlo_design_and_errors(asem: Framework, asem_data: pl.DataFrame) -> None:
    pipeline = Pipeline([Normalise("minmax", {"lo": 1, "hi": 100}), Aggregate()])
    ua = UncertaintyAnalysis(pipeline, [WeightNoise(noise=0.25)], n=50, design="monte_carlo")
    ua.fit(asem_data, asem)
    assert ua.scores_.shape == (50, 51)
    with pytest.raises(IndexInputError, match="saltelli"):
        ua.sobol_indices()
    bad = UncertaintyAnalysis(pipeline, [Choice.of("W", "Treat", "winmax", [1])], n=4)
    with pytest.raises(IndexInputError, match="步骤「Treat」不在流水线中"):
        bad.fit(asem_data, asem)


def test_only_weights_varying_leaves_nominal_ranks_at_zero_noise(
    asem: Framework, asem_data: pl.DataFrame
) -> None:
    pipeline = Pipeline([Normalise("minmax"), Aggregate()])
    ua = UncertaintyAnalysis(pipeline, [WeightNoise(noise=0.0)], n=8).fit(asem_data, asem)
    np.testing.assert_allclose(ua.scores_, np.broadcast_to(ua.nominal_scores_, ua.scores_.shape))
    assert np.all(ua.mean_abs_rank_shift() == 0)
