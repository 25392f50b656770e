"""``UncertaintyAnalysis.sobol_indices``: each factor's estimates at each output, their bands,
and which choices run as weight vectors — by hand on the small framework of conftest.

- A factor that moves nothing (weight noise of 0) leaves ``y_ABi = y_A`` in every run, so its
  first-order ``S_i = mean(y_B (y_ABi − y_A)) / V`` and total ``ST_i = mean((y_A − y_ABi)²) / 2V``
  are exactly 0 wherever the output varies (Saltelli 2010; Jansen 1999).
- The normalisation method (min–max or rank) changes every unit's score: its ``ST`` is above 0.
- The bands are the ``(1 − conf)/2`` and ``1 − (1 − conf)/2`` quantiles of the bootstrap: at
  ``conf = 0`` both are the median, so the band has no width.
- A choice among whole weight sets of the last step runs as per-run weight vectors
  (``run_weights_``); any other choice runs as pipeline groups.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from jiazhou.index import Aggregate, Framework, Normalise, Pipeline
from jiazhou.index.errors import IndexInputError
from jiazhou.index.sensitivity import Choice, UncertaintyAnalysis, WeightNoise


@pytest.fixture
def analysis(small: Framework, small_data: pl.DataFrame) -> UncertaintyAnalysis:
    pipe = Pipeline([Normalise("minmax"), Aggregate()])
    factors = [
        Choice.of("Norm", "Normalise", "method", ["minmax", "rank"]),
        WeightNoise("Still", 0.0, (1,)),
    ]
    ua = UncertaintyAnalysis(pipe, factors, n=16, design="saltelli", seed=3)  # type: ignore[arg-type]
    return ua.fit(small_data, small)


def test_each_factor_has_its_own_estimates_at_each_output(analysis: UncertaintyAnalysis) -> None:
    si = analysis.sobol_indices(n_boot=20)
    keys = set(si.select("output", "uCode", "factor").iter_rows())
    units = ["u1", "u2", "u3", "u4"]
    expected = {
        (kind, u, f) for kind in ("score", "rank") for u in units for f in ("Norm", "Still")
    }
    assert keys == expected | {("mean_abs_rank_shift", None, f) for f in ("Norm", "Still")}
    scores = si.filter(pl.col("output") == "score")
    still = scores.filter(pl.col("factor") == "Still")
    assert still["S"].to_list() == [0.0] * 4 and still["ST"].to_list() == [0.0] * 4
    norm = scores.filter(pl.col("factor") == "Norm")
    assert norm.height == 4 and (norm["ST"] > 0).all()
    for column in ("S_lo", "S_hi", "ST_lo", "ST_hi"):
        assert still[column].to_list() == [0.0] * 4  # every resample of zeros is zero


def test_a_band_of_confidence_zero_has_no_width(analysis: UncertaintyAnalysis) -> None:
    si = analysis.sobol_indices(n_boot=30, conf=0.0).filter(pl.col("factor") == "Norm")
    si = si.filter(pl.col("output") == "score")
    np.testing.assert_allclose(si["S_lo"].to_numpy(), si["S_hi"].to_numpy())
    np.testing.assert_allclose(si["ST_lo"].to_numpy(), si["ST_hi"].to_numpy())
    wide = analysis.sobol_indices(n_boot=30, conf=0.9).filter(pl.col("factor") == "Norm")
    wide = wide.filter(pl.col("output") == "score")
    assert (wide["ST_lo"] <= si["ST_lo"]).all() and (si["ST_hi"] <= wide["ST_hi"]).all()


def test_by_default_200_resamples_and_90_percent_bands(analysis: UncertaintyAnalysis) -> None:
    assert analysis.sobol_indices().equals(analysis.sobol_indices(n_boot=200, conf=0.9))
    assert not analysis.sobol_indices().equals(analysis.sobol_indices(n_boot=199, conf=0.9))


def _runs_as_weights(options: tuple[dict[str, object], ...], step: str, small: Framework,
                     small_data: pl.DataFrame) -> bool:  # fmt: skip
    fw = small.with_weight_set("b_only", {"a": 0.0})
    pipe = Pipeline([Normalise("minmax"), Aggregate()])
    factors = [Choice("Weights", step, options)]
    sample = pl.DataFrame({"Weights": [0, 1]})
    ua = UncertaintyAnalysis(pipe, factors, design="monte_carlo", sample=sample)
    return ua.fit(small_data, fw).run_weights_ is not None


def test_only_a_choice_among_whole_weight_sets_of_the_last_step_runs_as_weights(
    small: Framework, small_data: pl.DataFrame
) -> None:
    sets = ({"weights": "Original"}, {"weights": "b_only"})
    assert _runs_as_weights(sets, "Aggregate", small, small_data)
    # weights and another parameter in the options: a pipeline group per option
    mixed = tuple({**o, "method": "arithmetic"} for o in sets)
    assert not _runs_as_weights(mixed, "Aggregate", small, small_data)
    methods = ({"method": "minmax"}, {"method": "rank"})
    assert not _runs_as_weights(methods, "Normalise", small, small_data)


def test_a_sample_names_the_first_bad_row(small: Framework, small_data: pl.DataFrame) -> None:
    """File rows count the header as row 1: the third and fourth values are rows 4 and 5."""
    pipe = Pipeline([Normalise("minmax"), Aggregate()])
    factors = [Choice.of("Norm", "Normalise", "method", ["minmax", "rank"])]
    sample = pl.DataFrame({"Norm": [0.0, 1.0, 7.0, -1.0]})
    ua = UncertaintyAnalysis(pipe, factors, design="monte_carlo", sample=sample)
    with pytest.raises(IndexInputError, match="sample row 4: 'Norm' must be an option number"):
        ua.fit(small_data, small)


def test_the_chunk_size_only_batches_the_runs(small: Framework, small_data: pl.DataFrame) -> None:
    """The memory budget picks how many runs are evaluated at once; the scores are the same
    one run at a time, seven at a time or all at once."""
    pipe = Pipeline([Normalise("minmax"), Aggregate()])
    factors = [
        WeightNoise("W", 0.5, (1,)),
        Choice.of("Agg", "Aggregate", "method", ["arithmetic", "geometric"]),
    ]

    def scores(chunk: int) -> np.ndarray:
        ua = UncertaintyAnalysis(pipe, factors, n=10, design="saltelli", seed=5, chunk=chunk)  # type: ignore[arg-type]
        return ua.fit(small_data, small).scores_

    whole = scores(2000)
    assert whole.shape == (10 * 4, 4)
    for chunk in (1, 7):
        np.testing.assert_allclose(scores(chunk), whole, rtol=1e-12, equal_nan=True)


def test_the_last_step_decides_whether_weight_sets_run_as_weights(
    small: Framework, small_data: pl.DataFrame
) -> None:
    """With a third step before the normalisation, the weight sets still belong to the last
    step (Aggregate) and still run as weight vectors."""
    from jiazhou.index import Treat

    fw = small.with_weight_set("b_only", {"a": 0.0})
    pipe = Pipeline([Treat(), Normalise("minmax"), Aggregate()])
    sets = ({"weights": "Original"}, {"weights": "b_only"})
    ua = UncertaintyAnalysis(
        pipe, [Choice("Weights", "Aggregate", sets)], design="monte_carlo",
        sample=pl.DataFrame({"Weights": [0, 1]}),
    )  # fmt: skip
    assert ua.fit(small_data, fw).run_weights_ is not None


def test_factors_are_read_only_values() -> None:
    from dataclasses import FrozenInstanceError

    from jiazhou.index.sensitivity import Continuous

    factors = [
        Choice.of("Norm", "Normalise", "method", ["minmax", "rank"]),
        WeightNoise("W", 0.1),
        Continuous("p", "Aggregate", "p", 1.0, 3.0),
    ]
    for factor in factors:
        with pytest.raises(FrozenInstanceError):
            factor.label = "Other"  # type: ignore[misc]


def test_weight_noise_is_a_quarter_by_default(small: Framework) -> None:
    """COINr's ``get_noisy_weights`` default: ±25 % (u = 1 → ×1.25, u = 0 → ×0.75)."""
    from jiazhou.index.aggregate import Tree

    tree = Tree.from_framework(small)
    m = WeightNoise(levels=(1,)).multipliers(np.array([[1.0, 0.0]]), tree)
    assert sorted(m[0].tolist()) == [0.75, 1.0, 1.0, 1.25]


def test_the_default_design_and_estimates_are_seed_zero_without_bands() -> None:
    from jiazhou.index.sensitivity import sample_design, sobol_estimates

    design = sample_design([1, 1], 8, "saltelli", "random")
    np.testing.assert_array_equal(design, sample_design([1, 1], 8, "saltelli", "random", seed=0))
    rng = np.random.default_rng(0)
    y = rng.normal(size=(8 * 4, 3))
    assert set(sobol_estimates(y, 8, 2)) == {"S", "ST"}  # no resampling unless asked
    banded = sobol_estimates(y, 8, 2, n_boot=40)
    same = sobol_estimates(y, 8, 2, n_boot=40, seed=0, conf=0.9)
    for key in ("S_lo", "S_hi", "ST_lo", "ST_hi"):
        np.testing.assert_array_equal(banded[key], same[key])


def test_the_bootstrap_draws_from_every_row() -> None:
    """d = 1, n = 4: A, B and AB₁ differ only in row 0, so a resample without row 0 gives
    ST = 0 and one with it ST > 0 — the upper band is above 0 only if row 0 is ever drawn."""
    from jiazhou.index.sensitivity import sobol_estimates

    a = np.array([1.0, 2.0, 3.0, 4.0])
    b = np.array([2.0, 1.0, 4.0, 3.0])
    ab = a.copy()
    ab[0] = 10.0
    y = np.concatenate([a, b, ab])[:, None]
    est = sobol_estimates(y, 4, 1, n_boot=60, seed=1, conf=0.9)
    assert est["ST"][0, 0] > 0 and est["ST_hi"][0, 0] > 0
