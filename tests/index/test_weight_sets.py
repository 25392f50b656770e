"""Weight sets by their rules (issue 23): COINr's ``get_noisy_weights`` (``w + w·noise·U(−1, 1)``)
and ``get_PCA`` (first-component loadings of the standardised complete rows, signed to sum
positive, one child alone weighs 1), and weights by code.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl
import pytest

from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.weights import noisy_weight_sets, noisy_weights, pca_weights, weights_from

ROOT_HALF = 1 / np.sqrt(2)


def test_noisy_weights_spread_each_weight_by_its_own_share() -> None:
    # U = 0, ½, 1 map to −1, 0, +1: w·(1 − ¼), w, w·(1 + ¼)
    w = np.array([2.0, 4.0, 8.0])
    out = noisy_weights(w, 0.25, np.array([[0.0, 0.5, 1.0], [1.0, 0.0, 0.5]]))
    np.testing.assert_allclose(out, [[1.5, 4.0, 10.0], [2.5, 3.0, 8.0]])


def test_noisy_weight_sets_touch_only_the_levels_named(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    fw = Framework.from_meta(small_meta(a__Weight=2.0))
    sets = noisy_weight_sets(fw, {1: 0.5}, n=3, seed=1)
    assert len(sets) == 3
    for ws in sets:
        assert ws["P"] == 1.0 and ws["I"] == 1.0
        assert 1.0 <= ws["a"] <= 3.0 and 0.5 <= ws["b"] <= 1.5
    assert len({ws["a"] for ws in sets}) == 3  # each set draws again
    base = noisy_weight_sets(fw, {}, n=2, base={"a": 5.0, "b": 1.0, "P": 1.0, "I": 1.0})
    assert [ws["a"] for ws in base] == [5.0, 5.0]


def _pca_data(fw: Framework) -> Dataset:
    # b = 2a on the complete rows; the last row (a missing) is left out
    frame = pl.DataFrame(
        {"uCode": [f"u{i}" for i in range(5)], "pop": [1.0] * 5, "grp": ["x"] * 5,
         "a": [1.0, 2.0, 3.0, 4.0, None], "b": [2.0, 4.0, 6.0, 8.0, -50.0]}
    )  # fmt: skip
    return Dataset.from_frame(frame, fw)


def test_pca_weights_of_two_perfectly_correlated_indicators(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    # standardised, a and b are the same column: the first component loads both by 1/√2,
    # positive; the pillar P is its parent's only child and weighs 1
    fw = Framework.from_meta(small_meta(a__Weight=3.0))
    data = _pca_data(fw)
    for by_groups in (True, False):
        out = pca_weights(data, fw, level=1, by_groups=by_groups)
        assert out["a"] == pytest.approx(ROOT_HALF) and out["b"] == pytest.approx(ROOT_HALF)
        assert out["P"] == 1.0 and out["I"] == 1.0
    assert pca_weights(data, fw, level=2)["P"] == 1.0  # one child alone: weight 1
    with pytest.raises(IndexInputError, match="第 3 层没有上级"):
        pca_weights(data, fw, level=3)


def test_weights_by_code_are_checked(small_meta: Callable[..., pl.DataFrame]) -> None:
    fw = Framework.from_meta(small_meta())
    assert weights_from({"a": 2.0}, fw) == {"a": 2.0, "b": 1.0, "P": 1.0, "I": 1.0}
    with pytest.raises(IndexInputError, match=r"权重中有未知代码 \['z'\]"):
        weights_from({"z": 1.0}, fw)
