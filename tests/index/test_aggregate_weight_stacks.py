"""One table under a stack of weight runs (issue 23): ``aggregate_tree`` takes weights of shape
``(..., nodes)`` against a ``units × indicators`` table, so a 2 × 2 grid of weight vectors gives
a 2 × 2 grid of results, each the table aggregated under its own weights.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl

from jiazhou.index import aggregate as ag
from jiazhou.index.framework import Framework


def test_a_table_under_a_grid_of_weight_vectors(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    # nodes a, b, P, I; arithmetic: P = (w_a·a + w_b·b)/(w_a + w_b), I = P.
    # u1 = (2, 4), u2 = (0, 8):
    #   (1, 1) → 3, 4;  (3, 1) → 10/4, 8/4;  (1, 3) → 14/4, 24/4;  (1, 0) → 2, 0
    tree = ag.Tree.from_framework(Framework.from_meta(small_meta()))
    x = np.array([[2.0, 4.0], [0.0, 8.0]])
    w = np.array(
        [[[1.0, 1.0, 1.0, 1.0], [3.0, 1.0, 1.0, 1.0]], [[1.0, 3.0, 1.0, 1.0], [1.0, 0.0, 1.0, 1.0]]]
    )
    for method in ("arithmetic", "geometric"):
        out = ag.aggregate_tree(x + 1.0, tree, w, {2: method, 3: method})
        assert out.shape == (2, 2, 2, 4)
        for i in range(2):
            for j in range(2):
                one = ag.aggregate_tree(x + 1.0, tree, w[i, j], {2: method, 3: method})
                np.testing.assert_allclose(out[i, j], one, rtol=1e-12)
    out = ag.aggregate_tree(x, tree, w, {2: "arithmetic", 3: "arithmetic"})
    expected_p = [[[3.0, 4.0], [2.5, 2.0]], [[3.5, 6.0], [2.0, 0.0]]]
    np.testing.assert_allclose(out[..., 2], expected_p)
    np.testing.assert_allclose(out[..., 3], expected_p)
    np.testing.assert_array_equal(out[..., :2], np.broadcast_to(x, (2, 2, 2, 2)))


def test_geometric_runs_skip_a_missing_child_as_the_geometric_mean_does() -> None:
    # u1 = (4, –, 1): under weights (1, 1, 1) the present children 4 and 1 give √4 = 2; under
    # (1, 5, 3), 4^(1/4)·1^(3/4) = √2. u2 = (2, 8, 0): a zero child of weight > 0 gives 0.
    x = np.array([[4.0, np.nan, 1.0], [2.0, 8.0, 0.0]])
    w = np.array([[1.0, 1.0, 1.0], [1.0, 5.0, 3.0]])
    out = ag.geometric_mean_runs(x, w)
    np.testing.assert_allclose(out, [[2.0, 0.0], [np.sqrt(2.0), 0.0]])
    for r in range(2):
        np.testing.assert_allclose(out[r], ag.geometric_mean(x, w[r]))


def test_effective_weights_of_one_vector_or_a_stack() -> None:
    # a, b under P; c under Q; P, Q under I. Weights a 1, b 3, c 2, P 1, Q 3:
    # a = 1/4 · 1/4 = 1/16, b = 3/4 · 1/4 = 3/16, c = 1 · 3/4 = 3/4 (they sum to 1)
    meta = pl.DataFrame(
        {"Level": [1, 1, 1, 2, 2, 3], "iCode": ["a", "b", "c", "P", "Q", "I"],
         "Parent": ["P", "P", "Q", "I", "I", None], "Direction": [1] * 6, "Weight": [1.0] * 6,
         "Type": ["Indicator"] * 3 + ["Aggregate"] * 3}
    )  # fmt: skip
    tree = ag.Tree.from_framework(Framework.from_meta(meta))
    one = np.array([1.0, 3.0, 2.0, 1.0, 3.0, 1.0])
    np.testing.assert_allclose(ag.effective_weight_runs(tree, one), [1 / 16, 3 / 16, 3 / 4])
    equal = np.ones(6)  # a, b = ½ · ½; c = 1 · ½
    stack = np.array([[one, equal], [equal, one]])  # 2 × 2 vectors
    np.testing.assert_allclose(
        ag.effective_weight_runs(tree, stack),
        [[[1 / 16, 3 / 16, 3 / 4], [1 / 4, 1 / 4, 1 / 2]],
         [[1 / 4, 1 / 4, 1 / 2], [1 / 16, 3 / 16, 3 / 4]]],
    )  # fmt: skip
