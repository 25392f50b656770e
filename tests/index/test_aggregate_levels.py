"""Aggregation across levels and stacks (issue 23): the weighted median of a stack of weight
runs, a method checked for every level when the step is fitted, not when it first meets that
level's data, and Copeland comparisons with missing values.

Defect pinned here: Copeland counted a comparison with a missing value as a loss for *both*
units (``O[p, q]`` and ``O[q, p]`` both under ½), so one missing value cost every other unit a
point and the scores no longer summed to 0.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl
import pytest

from jiazhou.index import aggregate as ag
from jiazhou.index.aggregate import Aggregate
from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework


def test_weighted_median_of_a_stack_takes_each_runs_own_order() -> None:
    # The smallest child whose cumulative weight reaches half the total, per run:
    # run 0, (1, 2, 3) weighted 1, 1, 1: cumulative 1, 2, 3 ≥ 1.5 first at 2.
    # run 1, (3, 1, 2) weighted 5, 1, 1: sorted 1, 2, 3 with 1, 1, 5 → 1, 2, 7 ≥ 3.5 at 3.
    x = np.array([[[1.0, 2.0, 3.0]], [[3.0, 1.0, 2.0]]])
    w = np.array([[[1.0, 1.0, 1.0]], [[5.0, 1.0, 1.0]]])
    np.testing.assert_array_equal(ag.weighted_median(x, w), [[2.0], [3.0]])


def _data(fw: Framework) -> Dataset:
    frame = pl.DataFrame(
        {"uCode": ["u1", "u2"], "pop": [1.0, 1.0], "grp": ["x", "x"], "a": [1.0, 2.0],
         "b": [3.0, 4.0]}
    )  # fmt: skip
    return Dataset.from_frame(frame, fw)


def test_every_levels_method_is_checked_when_fitting(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    fw = Framework.from_meta(small_meta())  # levels 2 (P) and 3 (I)
    with pytest.raises(IndexInputError, match="第 2 层的聚合方法「mode」无效"):
        Aggregate("mode").fit(_data(fw), fw)
    # a mapping that leaves out level 3 is refused too, naming it
    with pytest.raises(IndexInputError, match="第 3 层的聚合方法「None」无效"):
        Aggregate({2: "arithmetic"}).fit(_data(fw), fw)
    with pytest.raises(IndexInputError, match="level 3: aggregation 'median2'"):
        Aggregate({2: "arithmetic", 3: "median2"}).fit(_data(fw), fw)


def test_a_unit_without_any_child_has_no_score_whatever_the_method() -> None:
    # units on axis −2: u2 has no value at all. Copeland would score it −2 (every comparison
    # lost), a custom function 0; a node with no present child is missing under every method.
    x = np.array([[1.0, 2.0], [np.nan, np.nan], [3.0, 1.0]])
    out = ag.copeland(x)
    assert np.isnan(out[1]) and out[0] == 0.0 and out[2] == 0.0
    total = ag.aggregate_node(x, np.ones(2), lambda v, w: np.nansum(v * w, axis=-1))
    np.testing.assert_array_equal(total, [3.0, np.nan, 4.0])


def test_several_nodes_under_many_weight_runs_are_each_returned(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    # nodes a, b, P, I; arithmetic: P = (w_a·a + w_b·b)/(w_a + w_b), I = P
    tree = ag.Tree.from_framework(Framework.from_meta(small_meta()))
    x = np.array([[2.0, 4.0], [0.0, 8.0]])
    w = np.array([[1.0, 1.0, 1.0, 1.0], [3.0, 1.0, 1.0, 1.0]])
    methods = {2: "arithmetic", 3: "arithmetic"}
    out = ag.aggregate_tree(x, tree, w, methods, nodes=[3, 2])
    assert out.shape == (2, 2, 2)
    np.testing.assert_allclose(out[0], [[3.0, 3.0], [4.0, 4.0]])
    np.testing.assert_allclose(out[1], [[2.5, 2.5], [2.0, 2.0]])


def test_copeland_compares_two_units_over_the_children_both_have() -> None:
    # u1 (1, 2), u2 (3, –), u3 (0, 0), equal weights. u1–u2 share child 1 only: 1 < 3, u2
    # outranks u1. u1–u3: u1 wins both. u2–u3: on child 1, 3 > 0. Scores 0, +2, −2 (sum 0).
    x = np.array([[1.0, 2.0], [3.0, np.nan], [0.0, 0.0]])
    np.testing.assert_array_equal(ag.copeland(x), [0.0, 2.0, -2.0])
    # a pair with no child in common is a draw: u1 (1, –), u2 (–, 5), u3 (0, 9)
    x = np.array([[1.0, np.nan], [np.nan, 5.0], [0.0, 9.0]])
    np.testing.assert_array_equal(ag.copeland(x), [1.0, -1.0, 0.0])


def test_a_stack_of_tables_under_a_stack_of_weights_runs_pair_by_pair(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    # run 0: (2, 4) weighted 1, 1 → 3; run 1: (0, 8) weighted 3, 1 → 2
    tree = ag.Tree.from_framework(Framework.from_meta(small_meta()))
    x = np.array([[[2.0, 4.0]], [[0.0, 8.0]]])
    w = np.array([[1.0, 1.0, 1.0, 1.0], [3.0, 1.0, 1.0, 1.0]])
    out = ag.aggregate_tree(x, tree, w, {2: "arithmetic", 3: "arithmetic"}, nodes=[3])
    np.testing.assert_allclose(out[..., 0], [[3.0], [2.0]])


def test_the_generalised_means_default_exponent_is_one(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    # p = 1 is the arithmetic mean: (2 + 4)/2 = 3 (p = 2 would give √10, p = 0 √8)
    x = np.array([[2.0, 4.0]])
    assert ag.generalised_mean(x)[0] == pytest.approx(3.0)
    assert ag.aggregate_node(x, np.ones(2), "generalised")[0] == pytest.approx(3.0)
    fw = Framework.from_meta(small_meta())
    tree = ag.Tree.from_framework(fw)
    out = ag.aggregate_tree(x, tree, np.ones(4), {2: "generalised", 3: "generalised"})
    np.testing.assert_allclose(out[0], [2.0, 4.0, 3.0, 3.0])
    step = Aggregate("generalised").fit(_data(fw), fw)
    np.testing.assert_allclose(step.transform(_data(fw)).column("I"), [2.0, 3.0])


def test_one_node_with_an_unknown_method_is_refused() -> None:
    with pytest.raises(IndexInputError, match="聚合方法「mode」无效"):
        ag.aggregate_node(np.array([[1.0, 2.0]]), np.ones(2), "mode")
