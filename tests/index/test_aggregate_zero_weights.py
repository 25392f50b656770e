"""A child of weight 0 is left out of every mean (issue 23), as COINr's ``remove_elements``
means by setting a weight to 0 — also where its value is 0 or negative, which the geometric,
harmonic and power means cannot take.

Defect pinned here: the geometric, harmonic and generalised means computed ``log 0 · 0``,
``0 / 0`` and ``0^p · 0`` (NaN) for a zero child of weight 0, so ``remove_elements`` under
geometric aggregation gave no score to the units at 0 on the removed indicator — the worst unit
of a min–max indicator — and left them out of the mean absolute rank change.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl
import pytest

from jiazhou.index import aggregate as ag
from jiazhou.index.adjust import remove_elements
from jiazhou.index.aggregate import Aggregate, Tree, aggregate_tree
from jiazhou.index.framework import Framework
from jiazhou.index.normalise import Normalise
from jiazhou.index.pipeline import Pipeline


def test_each_mean_leaves_out_a_child_of_weight_zero() -> None:
    # weights (0, 1): the mean of the one weighted child, 4, whatever the other holds
    for left_out in (0.0, -1.0, 9.0):
        x = [[left_out, 4.0]]
        assert ag.geometric_mean(x, [0.0, 1.0])[0] == pytest.approx(4.0)
        assert ag.harmonic_mean(x, [0.0, 1.0])[0] == pytest.approx(4.0)
        assert ag.generalised_mean(x, [0.0, 1.0], p=-1.0)[0] == pytest.approx(4.0)
        assert ag.generalised_mean(x, [0.0, 1.0], p=2.0)[0] == pytest.approx(4.0)
    # with a weight the limits hold: a zero child gives 0, a negative one no geometric mean
    assert ag.geometric_mean([[0.0, 4.0]], [1.0, 1.0])[0] == 0.0
    assert ag.harmonic_mean([[0.0, 4.0]], [1.0, 1.0])[0] == 0.0
    assert np.isnan(ag.geometric_mean([[-1.0, 4.0]], [1.0, 1.0])[0])


def test_geometric_runs_leave_out_a_child_of_weight_zero_per_run() -> None:
    # units (0, 4) and (1, 4); run 0 weights (0, 1): 4 and 4; run 1 weights (1, 1): 0 and 2;
    # run 2 weights (1, 0): 0 and 1
    x = np.array([[0.0, 4.0], [1.0, 4.0]])
    w = np.array([[0.0, 1.0], [1.0, 1.0], [1.0, 0.0]])
    np.testing.assert_allclose(ag.geometric_mean_runs(x, w), [[4.0, 4.0], [0.0, 2.0], [0.0, 1.0]])
    negative = np.array([[-1.0, 4.0]])
    out = ag.geometric_mean_runs(negative, w)[:, 0]
    assert out[0] == pytest.approx(4.0) and np.isnan(out[1]) and np.isnan(out[2])


def test_remove_elements_under_geometric_aggregation_scores_the_units_at_zero(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    # min–max on [0, 100]: a = 1, 2, 3 → 0, 50, 100; b lower is better, 2, 1, 4 → 66⅔, 100, 0.
    # Geometric index: u1 0, u2 √(50·100) = 70.71, u3 0 → ranks 2, 1, 2 (ties share the minimum).
    # Without a: b alone, 66⅔, 100, 0 → ranks 2, 1, 3: changes 0, 0, +1, mean ⅓.
    # Without b: a alone, 0, 50, 100 → ranks 3, 2, 1: changes +1, +1, −1, mean 1.
    fw = Framework.from_meta(small_meta())
    data = pl.DataFrame(
        {"uCode": ["u1", "u2", "u3"], "pop": [1.0] * 3, "grp": ["x"] * 3,
         "a": [1.0, 2.0, 3.0], "b": [2.0, 1.0, 4.0]}
    )  # fmt: skip
    pipeline = Pipeline([Normalise("minmax"), Aggregate("geometric")]).fit(data, fw)
    np.testing.assert_allclose(pipeline.aggregated_.column("I"), [0.0, np.sqrt(5000.0), 0.0])
    out = remove_elements(pipeline, 1)
    units = out.filter(pl.col("uCode").is_not_null())
    without_a = units.filter(pl.col("removed") == "a")
    np.testing.assert_allclose(without_a["score"], [200 / 3, 100.0, 0.0])
    assert without_a["rank"].to_list() == [2.0, 1.0, 3.0]
    without_b = units.filter(pl.col("removed") == "b")
    np.testing.assert_allclose(without_b["score"], [0.0, 50.0, 100.0])
    summary = out.filter(pl.col("uCode").is_null())
    np.testing.assert_allclose(summary["rank_change"], [1 / 3, 1.0])


def _two_level_tree(small_meta: Callable[..., pl.DataFrame]) -> Tree:
    return Tree.from_framework(Framework.from_meta(small_meta()))


def test_one_product_root_agrees_with_level_by_level_at_zero_and_small_negatives(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    # The one-product shortcut must give what the level-by-level means give. Nodes a, b, P, I.
    tree = _two_level_tree(small_meta)
    root = tree.codes.index("I")
    geometric = {2: "geometric", 3: "geometric"}
    # a child in (−1, 0): its group has no geometric mean, so the index is missing there
    x = np.array([[-0.5, 4.0], [1.0, 4.0]])
    w = np.array([[1.0, 1.0, 1.0, 1.0], [1.0, 3.0, 1.0, 1.0]])
    fast = aggregate_tree(x, tree, w, geometric, nodes=[root])[..., 0]
    assert np.isnan(fast[:, 0]).all()
    np.testing.assert_allclose(fast[:, 1], [2.0, 4.0**0.75])
    # a zero child of weight 0 in one run: left out there (4), the limit 0 in the other
    x = np.array([[0.0, 4.0]])
    w = np.array([[0.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0]])
    fast = aggregate_tree(x, tree, w, geometric, nodes=[root])[..., 0]
    np.testing.assert_allclose(fast[:, 0], [4.0, 0.0])


def test_one_product_root_without_a_weighted_child_or_a_positive_value(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    tree = _two_level_tree(small_meta)
    root = tree.codes.index("I")
    geometric = {2: "geometric", 3: "geometric"}
    # the index's only child P weighted 0: no weighted child, no mean — also on all-zero data
    x = np.zeros((2, 2))
    w = np.array([[1.0, 1.0, 0.0, 1.0]])
    assert np.isnan(aggregate_tree(x, tree, w, geometric, nodes=[root])).all()
    # every value negative: no geometric mean anywhere
    x = np.array([[-0.5, -2.0]])
    w = np.array([[1.0, 1.0, 1.0, 1.0], [2.0, 1.0, 1.0, 1.0]])
    assert np.isnan(aggregate_tree(x, tree, w, geometric, nodes=[root])).all()
