"""Adjustments at their edges (issue 23): COINr's ``remove_elements`` only below the index level,
and ``change_ind`` refusing codes the full iMeta does not hold.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pytest

from jiazhou.index.adjust import change_ind, remove_elements
from jiazhou.index.aggregate import Aggregate
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.normalise import Normalise
from jiazhou.index.pipeline import Pipeline


@pytest.fixture
def built(small_meta: Callable[..., pl.DataFrame], small_data: pl.DataFrame) -> Pipeline:
    fw = Framework.from_meta(small_meta())
    return Pipeline([Normalise("minmax"), Aggregate()]).fit(small_data, fw)


def test_only_levels_below_the_index_can_lose_an_element(built: Pipeline) -> None:
    # three levels: 1 (a, b) and 2 (P) have removable elements, 3 is the index itself
    assert set(remove_elements(built, 2)["removed"]) == {"P"}
    for level in (0, 3, 4):
        with pytest.raises(IndexInputError, match=r"第 \d 层不能移除（应在 1–2）") as refused:
            remove_elements(built, level)
        assert f"level {level} has no removable elements (1..2)" in str(refused.value)


def test_change_ind_refuses_unknown_codes_and_drops_known_ones(
    built: Pipeline, small_meta: Callable[..., pl.DataFrame], small_data: pl.DataFrame
) -> None:
    meta = small_meta()
    assert change_ind(built, small_data, meta, drop=["b"]).framework_.indicators == ("a",)
    with pytest.raises(IndexInputError, match=r"指标 \['z'\] 不在 iMeta 中"):
        change_ind(built, small_data, meta, add=["z"])
    with pytest.raises(IndexInputError, match=r"unknown indicators \['y'\]"):
        change_ind(built, small_data, meta, drop=["y"])
