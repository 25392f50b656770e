"""How ``index.sensitivity`` turns uniforms into choices, and its small summaries, by hand.

- a :class:`Choice` of k options takes option ⌊u·k⌋ (u = 1 still the last);
- a :class:`Continuous` factor is low + u·(high − low), rounded when ``integer``;
- :class:`WeightNoise` multiplies each weight of its levels by 1 + noise·(2u − 1) (COINr's
  ``get_noisy_weights``), the others by 1;
- a user-given sample: an empty cell or an option number outside 0…k−1 names its file row (the
  header is row 1); a Saltelli sample has n(d + 2) rows;
- the mean absolute rank shift of a run is the mean over units of |rank − nominal rank|.

The small framework of conftest: min–max then arithmetic means give I = 200/7, 500/7, 0, 100.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from jiazhou.index import Aggregate, Framework, Normalise, Pipeline
from jiazhou.index.aggregate import Aggregate as AggregateStep
from jiazhou.index.errors import IndexInputError
from jiazhou.index.sensitivity import (
    Choice,
    Continuous,
    UncertaintyAnalysis,
    WeightNoise,
    _nanquantile,
    sample_design,
    sobol_estimates,
)


def test_a_choice_takes_the_option_of_its_share_of_the_unit_interval() -> None:
    c = Choice.of("m", "Normalise", "method", ["minmax", "rank", "zscore"])
    u = np.array([[0.0], [0.33], [0.34], [0.67], [0.999], [1.0]])
    assert c.indices(u).tolist() == [0, 0, 1, 2, 2, 2]


def test_a_continuous_factor_spans_low_to_high() -> None:
    u = np.array([[0.0], [0.2], [0.3], [0.5], [1.0]])
    f = Continuous("p", "Aggregate", "p", 1.0, 3.0)
    np.testing.assert_allclose(f.values(u), [1.0, 1.4, 1.6, 2.0, 3.0])
    whole = Continuous("p", "Aggregate", "p", 1.0, 3.0, integer=True)
    np.testing.assert_allclose(whole.values(u), [1.0, 1.0, 2.0, 2.0, 3.0])


def test_weight_noise_touches_only_its_levels(small: Framework, small_data: pl.DataFrame) -> None:
    tree = AggregateStep().fit(Pipeline([Normalise("minmax"), Aggregate()]).upstream(
        small_data, small), small).tree_  # fmt: skip
    noise = WeightNoise(noise=0.5, levels=(1,))
    level_one = [tree.codes.index(c) for c in ("a", "b")]
    assert sorted(noise.nodes(tree).tolist()) == sorted(level_one)
    assert noise.n_dims(tree) == 2
    u = np.array([[0.0, 1.0], [0.5, 0.75]])
    m = noise.multipliers(u, tree)
    by_code = {c: m[:, i].tolist() for i, c in enumerate(tree.codes)}
    a, b = (tree.codes[i] for i in noise.nodes(tree))
    assert by_code[a] == [0.5, 1.0] and by_code[b] == [1.5, 1.25]
    assert by_code["P"] == by_code["I"] == [1.0, 1.0]
    assert WeightNoise().n_dims(tree) == 4  # all levels


def test_monte_carlo_design_has_one_row_per_run() -> None:
    u = sample_design([1, 2], 5, "monte_carlo", "random", seed=0)
    assert u.shape == (5, 3)
    assert sample_design([1, 2], 4, "saltelli", "sobol", seed=0).shape == (4 * 4, 3)


def test_nanquantile_interpolates_over_the_values_present() -> None:
    x = np.array([[1.0, np.nan], [3.0, np.nan], [np.nan, np.nan], [2.0, 5.0], [4.0, np.nan]])
    for q in (0.0, 0.05, 0.5, 0.95, 1.0):
        got = _nanquantile(x, q)
        assert got[0] == pytest.approx(np.nanquantile(x[:, 0], q))
        assert got[1] == 5.0
    assert _nanquantile(x, 0.5)[0] == 2.5  # 1, 2, 3, 4: halfway between 2 and 3
    assert np.isnan(_nanquantile(np.full((3, 1), np.nan), 0.5)[0])


def _analysis(sample: pl.DataFrame, design: str = "monte_carlo") -> UncertaintyAnalysis:
    factors = [Choice.of("Norm", "Normalise", "method", ["minmax", "rank"])]
    pipe = Pipeline([Normalise("minmax"), Aggregate()])
    return UncertaintyAnalysis(pipe, factors, design=design, sample=sample)  # type: ignore[arg-type]


def test_a_sample_names_the_row_of_a_bad_cell(small: Framework, small_data: pl.DataFrame) -> None:
    with pytest.raises(IndexInputError, match=r"sample row 3: 'Norm' is empty"):
        _analysis(pl.DataFrame({"Norm": [0.0, None, 1.0]})).fit(small_data, small)
    with pytest.raises(
        IndexInputError, match=r"sample row 4: 'Norm' must be an option number 0..1"
    ):
        _analysis(pl.DataFrame({"Norm": [0.0, 1.0, -1.0]})).fit(small_data, small)
    with pytest.raises(IndexInputError, match="样本第 3 行「Norm」应为 0–1 的选项序号"):
        _analysis(pl.DataFrame({"Norm": [0.0, 2.0]})).fit(small_data, small)
    with pytest.raises(IndexInputError, match=r"sample row 2: 'Norm' must be an option number"):
        _analysis(pl.DataFrame({"Norm": [0.5, 1.0]})).fit(small_data, small)
    with pytest.raises(IndexInputError, match="the sample lacks the column 'Norm'"):
        _analysis(pl.DataFrame({"Other": [0]})).fit(small_data, small)


def test_a_saltelli_sample_has_n_times_d_plus_two_rows(
    small: Framework, small_data: pl.DataFrame
) -> None:
    """One factor: blocks A, B, AB₁ of n rows each."""
    with pytest.raises(IndexInputError, match="needs n\\(d\\+2\\) rows; got 4 rows for 1 factors"):
        _analysis(pl.DataFrame({"Norm": [0, 1, 0, 1]}), "saltelli").fit(small_data, small)
    empty = pl.DataFrame({"Norm": []}, schema={"Norm": pl.Int64})
    with pytest.raises(IndexInputError, match="needs n\\(d\\+2\\) rows; got 0 rows"):
        _analysis(empty, "saltelli").fit(small_data, small)
    ua = _analysis(pl.DataFrame({"Norm": [0, 1, 1, 1, 0, 0]}), "saltelli").fit(small_data, small)
    assert ua.n == 2 and ua.scores_.shape == (6, 4)


def test_mean_absolute_rank_shift_and_bands(small: Framework, small_data: pl.DataFrame) -> None:
    """Nominal ranks u1…u4 = 3, 2, 4, 1. Rank normalisation: a ranks 1, 2, –, 3 and −b 2, 3,
    1, –, so I = 1.5, 2.5, 1, 3 and ranks 3, 2, 4, 1 again: no shift. Weight on b only
    (multipliers a 0, b 2): I = −b normalised = 400/7, 100, 0, – → ranks 2, 1, 3, –: each of the
    three ranked units moves by 1, a mean shift of 1."""
    ua = _analysis(pl.DataFrame({"Norm": [0, 1]})).fit(small_data, small)
    assert ua.nominal_ranks_.tolist() == [3, 2, 4, 1]
    assert ua.mean_abs_rank_shift().tolist() == [0.0, 0.0]
    factors = [WeightNoise("W", 1.0, (1,))]
    pipe = Pipeline([Normalise("minmax"), Aggregate()])
    sample = pl.DataFrame({"W:a": [0.0, 1.0], "W:b": [2.0, 1.0]})
    shifted = UncertaintyAnalysis(pipe, factors, design="monte_carlo", sample=sample)
    shifted.fit(small_data, small)
    np.testing.assert_allclose(shifted.scores_[0], [400 / 7, 100.0, 0.0, np.nan])
    assert shifted.mean_abs_rank_shift().tolist() == [1.0, 0.0]
    bands = shifted.rank_bands(0.0, 1.0)
    assert bands["uCode"].to_list() == ["u4", "u2", "u1", "u3"]  # by nominal rank
    u1 = bands.filter(uCode="u1").row(0, named=True)
    assert (u1["rank_lo"], u1["median_rank"], u1["rank_hi"], u1["mean_rank"]) == (2, 2.5, 3, 2.5)


def test_bootstrap_bands_only_when_asked() -> None:
    """y = x₁ on a one-factor Saltelli design: no band without replicates, one replicate gives
    bands (its own estimate at both ends)."""
    n = 8
    y = sample_design([1], n, "saltelli", "random", seed=4)[:, :1]
    assert set(sobol_estimates(y, n, 1)) == {"S", "ST"}
    one = sobol_estimates(y, n, 1, n_boot=1, seed=2)
    assert set(one) == {"S", "ST", "S_lo", "S_hi", "ST_lo", "ST_hi"}
    assert one["S_lo"] == pytest.approx(one["S_hi"])


def test_weight_noise_always_acts_on_the_aggregation() -> None:
    """Weights belong to the Aggregate step: a weight factor takes no step of its own."""
    assert WeightNoise("W", 0.1, (1,)).step == "Aggregate"
    with pytest.raises(TypeError):
        WeightNoise("W", 0.1, (1,), "Treat")  # type: ignore[call-arg]
