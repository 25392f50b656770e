"""Property tests (hypothesis) for the aggregation and ranking rules."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from jiazhou.index import aggregate as ag
from jiazhou.index.framework import Framework
from jiazhou.index.ranking import rank_descending
from jiazhou.index.sensitivity import sobol_estimates

scores = arrays(np.float64, st.tuples(st.integers(2, 8), st.integers(1, 5)),
                elements=st.floats(0.1, 100))  # fmt: skip


@given(scores, st.data())
@settings(max_examples=60, deadline=None)
def test_means_lie_between_the_children(x: np.ndarray, data: st.DataObject) -> None:
    w = np.array(data.draw(st.lists(st.floats(0.1, 5), min_size=x.shape[1], max_size=x.shape[1])))
    lo, hi = x.min(axis=1) - 1e-9, x.max(axis=1) + 1e-9
    for f in (ag.weighted_arithmetic, ag.geometric_mean, ag.harmonic_mean, ag.weighted_median):
        out = f(x, w)
        assert np.all((out >= lo) & (out <= hi))
    # harmonic ≤ geometric ≤ arithmetic
    assert np.all(ag.harmonic_mean(x, w) <= ag.geometric_mean(x, w) + 1e-9)
    assert np.all(ag.geometric_mean(x, w) <= ag.weighted_arithmetic(x, w) + 1e-9)


@given(scores)
@settings(max_examples=60, deadline=None)
def test_copeland_scores_sum_to_zero_and_respect_dominance(x: np.ndarray) -> None:
    c = ag.copeland(x)
    assert abs(c.sum()) < 1e-9
    n = x.shape[0]
    assert np.all(np.abs(c) <= n - 1)


@given(arrays(np.float64, st.integers(1, 30), elements=st.integers(0, 5).map(float)))
@settings(max_examples=60, deadline=None)
def test_ranks_follow_scores(x: np.ndarray) -> None:
    r = rank_descending(x)
    assert r.min() == 1
    order = np.argsort(-x, kind="stable")
    assert np.all(np.diff(r[order]) >= 0)
    assert np.all((x[:, None] == x[None, :]) <= (r[:, None] == r[None, :]))


@given(st.integers(0, 10_000))
@settings(max_examples=10, deadline=None)
def test_a_factor_that_does_nothing_has_zero_indices(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 64
    x = rng.random((n * 4, 2))  # two factors, Saltelli layout A, B, AB1, AB2
    x[2 * n : 3 * n, 1] = x[:n, 1]
    x[2 * n : 3 * n, 0] = x[n : 2 * n, 0]
    x[3 * n :, 0] = x[:n, 0]
    x[3 * n :, 1] = x[n : 2 * n, 1]
    y = x[:, :1] * 3.0  # only factor 1 matters
    est = sobol_estimates(y, n, 2)
    assert est["ST"][1, 0] == 0 and est["S"][1, 0] == 0
    assert est["ST"][0, 0] > 0.5


@given(
    arrays(
        np.float64,
        st.tuples(st.integers(2, 6), st.integers(1, 4)),
        elements=st.one_of(st.floats(0.0, 100), st.just(np.nan)),
    ),  # fmt: skip
    st.integers(1, 5),
    st.floats(0.0, 1.0),
)
@settings(max_examples=60, deadline=None)
def test_stacked_weight_runs_equal_one_call_per_run(
    x: np.ndarray, runs: int, min_share: float
) -> None:
    w = np.random.default_rng(runs).uniform(0.5, 2.0, (runs, x.shape[1]))
    for stacked, single in (
        (ag.weighted_arithmetic_runs, ag.weighted_arithmetic),
        (ag.geometric_mean_runs, ag.geometric_mean),
    ):
        expected = np.stack([single(x, w[r], min_share) for r in range(runs)])
        # (atol: subnormal results such as 5e-324 carry no relative precision)
        np.testing.assert_allclose(stacked(x, w, min_share), expected, rtol=1e-10, atol=1e-300)


@pytest.mark.parametrize("method", ["arithmetic", "geometric"])
@pytest.mark.parametrize("offset", [0.0, 1.0, -60.0])  # zeros; positive; negatives (geometric)
def test_one_product_root_equals_level_by_level(
    asem: Framework, asem_data: pl.DataFrame, method: str, offset: float
) -> None:
    from jiazhou.index import Impute, Normalise, Pipeline
    from jiazhou.index.aggregate import Aggregate, aggregate_tree

    p = Pipeline([Impute("mean"), Normalise("minmax"), Aggregate()]).fit(asem_data, asem)
    agg = p.steps_[-1]
    assert isinstance(agg, Aggregate)
    tree = agg.tree_
    x = p.datasets_["Normalised"].take(tree.codes[: tree.n_indicators]) + offset
    rng = np.random.default_rng(0)
    w = agg.weights_ * (1 + 0.25 * (2 * rng.random((5, len(tree.codes))) - 1))
    root = tree.codes.index(asem.root)
    levels = dict.fromkeys(range(2, 5), method)
    fast = aggregate_tree(x, tree, w, levels, nodes=[root])[..., 0]
    slow = aggregate_tree(x, tree, w, levels)[..., root]
    np.testing.assert_allclose(fast, slow, rtol=1e-12, atol=1e-12)
