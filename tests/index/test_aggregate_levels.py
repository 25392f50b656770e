"""Aggregation across levels and stacks (issue 23): the weighted median of a stack of weight
runs, and a method checked for every level when the step is fitted, not when it first meets
that level's data.
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
