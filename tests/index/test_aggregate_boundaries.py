"""Edges of ``index.aggregate`` the seventh mutation round found unpinned (issue 23), by hand.

- Copeland (COINr's ``a_copeland``): unit p outranks q when the weight of the children where
  p is higher, plus half the ties, is above half the weight they share. p = (3, 0, 0) against
  q = (1, 1, 1): p is higher on the first child only — with weights 3, 1, 1 that is 3/5 > ½
  (p outranks q), with equal weights 1/3 < ½ (q outranks p).
- Without weights every child weighs the same, whatever the shape of the stack of tables.
- The many-runs products keep a score whose share of children present is exactly
  ``min_share`` (COINr's ``dat_thresh``: at least that share).
- A level a ``min_share`` mapping leaves out needs no share (0: one child is enough).
- A stack of tables under a stack of weight runs, asked for the root only, gives each table's
  own root (the one-product shortcut is for one table).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl

from jiazhou.index import aggregate as ag
from jiazhou.index.framework import Framework

NAN = np.nan


def test_copeland_weighs_the_children_a_unit_wins() -> None:
    x = np.array([[3.0, 0.0, 0.0], [1.0, 1.0, 1.0]])
    np.testing.assert_array_equal(ag.copeland(x, [3.0, 1.0, 1.0]), [1.0, -1.0])
    np.testing.assert_array_equal(ag.copeland(x, [1.0, 1.0, 1.0]), [-1.0, 1.0])
    np.testing.assert_array_equal(ag.copeland(x), [-1.0, 1.0])


def test_copeland_without_weights_on_a_stack_of_tables() -> None:
    """Two tables of three units and two children: each as if alone."""
    stack = np.array([[[1.0, 2.0], [2.0, 3.0], [0.0, 0.0]], [[5.0, 1.0], [1.0, 5.0], [3.0, 3.0]]])
    out = ag.copeland(stack)
    assert out.shape == (2, 3)
    for k in range(2):
        np.testing.assert_array_equal(out[k], ag.copeland(stack[k]))
    np.testing.assert_array_equal(out[0], [0.0, 2.0, -2.0])  # u2 beats both, u1 beats u3
    np.testing.assert_array_equal(out[1], [0.0, 0.0, 0.0])  # one child each way: draws


def test_the_runs_keep_a_score_at_exactly_the_share_asked() -> None:
    """u1 has one of two children (a share of 0.5), u2 both; two weight runs."""
    x = np.array([[4.0, NAN], [1.0, 9.0]])
    w = np.array([[1.0, 1.0], [1.0, 3.0]])
    for runs in (ag.weighted_arithmetic_runs, ag.geometric_mean_runs):
        kept = runs(x, w, 0.5)
        assert not np.isnan(kept).any(), runs.__name__
        np.testing.assert_allclose(kept[:, 0], [4.0, 4.0])  # the one child present
        assert np.isnan(runs(x, w, 0.51)[:, 0]).all()
    np.testing.assert_allclose(ag.weighted_arithmetic_runs(x, w, 0.5)[:, 1], [5.0, 7.0])


def test_a_level_left_out_of_the_shares_needs_one_child(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    """Nodes a, b, P (level 2), I (level 3). u1 lacks a: with a share asked at level 3 only,
    P is b alone (6) and I is P; u2 = (2, 4) → P = I = 3."""
    tree = ag.Tree.from_framework(Framework.from_meta(small_meta()))
    x = np.array([[NAN, 6.0], [2.0, 4.0]])
    w = np.ones(len(tree.codes))
    out = ag.aggregate_tree(x, tree, w, {2: "arithmetic", 3: "arithmetic"}, min_share={3: 0.5})
    np.testing.assert_allclose(out[:, 2:], [[6.0, 6.0], [3.0, 3.0]])


def test_a_stack_of_tables_under_weight_runs_asked_for_the_root(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    """Table k under run k. Table 1: u1 = (2, 4), u2 = (0, 8) under weights (1, 1) for a and b
    → I = 3, 4; table 2 (every value doubled) under (3, 1) → (12 + 8)/4 = 5 and 16/4 = 4."""
    tree = ag.Tree.from_framework(Framework.from_meta(small_meta()))
    table = np.array([[2.0, 4.0], [0.0, 8.0]])
    x = np.stack([table, 2.0 * table])
    w = np.array([[1.0, 1.0, 1.0, 1.0], [3.0, 1.0, 1.0, 1.0]])
    root = tree.codes.index("I")
    out = ag.aggregate_tree(x, tree, w, {2: "arithmetic", 3: "arithmetic"}, nodes=[root])
    np.testing.assert_allclose(out[..., 0], [[3.0, 4.0], [5.0, 4.0]])
