"""PCA weights of indicators whose first component sums to 0 (found by the tenth mutation round,
issue 23).

``pca_weights``: "signs are made to sum positive per group (a component's sign is arbitrary)".
For two negatively correlated indicators the correlation matrix is [[1, r], [r, 1]] with r < 0:
its first eigenvector is (1, −1)/√2, whose sum is exactly 0, so that rule cannot choose the sign.
It used to be left to the sign of the SVD's rounding noise in the sum (order 1e-17), which
changed with the order of the units: the same data set gave indicator ``a`` +1/√2 in one row
order and −1/√2 in another. The tie-break is the first non-zero loading (in the framework's
order) positive.
"""

from __future__ import annotations

import itertools

import numpy as np
import polars as pl
import pytest
from flat_frameworks import flat_framework

from jiazhou.index.dataset import Dataset
from jiazhou.index.weights import pca_weights

ROOT_HALF = 1 / np.sqrt(2)


def _weights_in_every_order(a: list[float], b: list[float]) -> set[tuple[float, float]]:
    """(weight of a, weight of b), rounded to 9 places, for every order of the same units."""
    fw = flat_framework(["a", "b"])
    seen = set()
    for order in itertools.permutations(range(len(a))):
        frame = pl.DataFrame(
            {"uCode": [f"u{i}" for i in order], "a": [a[i] for i in order],
             "b": [b[i] for i in order]}
        )  # fmt: skip
        out = pca_weights(Dataset.from_frame(frame, fw), fw, level=1)
        seen.add((round(out["a"], 9), round(out["b"], 9)))
    return seen


def test_pca_weights_of_a_negatively_correlated_pair_do_not_depend_on_the_unit_order() -> None:
    """a = 1, 2, 3, 4 and b = 4, 3, 2, 1 (r = −1), and a = 1, 2, 3, 4 with b = 4, 3, 1, 2
    (r = −0.8): the first eigenvector of [[1, r], [r, 1]] is (1, −1)/√2 up to its sign, so each
    indicator loads ±1/√2 with opposite signs — and the same units in any of the 24 orders must
    get the same pair of weights."""
    for b in ([4.0, 3.0, 2.0, 1.0], [4.0, 3.0, 1.0, 2.0]):
        seen = _weights_in_every_order([1.0, 2.0, 3.0, 4.0], b)
        for wa, wb in seen:
            assert abs(wa) == pytest.approx(ROOT_HALF) and wb == pytest.approx(-wa)
        assert seen == {(round(ROOT_HALF, 9), round(-ROOT_HALF, 9))}  # a first: a positive


def test_a_component_summing_positive_keeps_its_sign_rule() -> None:
    """Positively correlated a and b (r = 1): both load +1/√2, whatever the order (the sum rule,
    not the tie-break)."""
    seen = _weights_in_every_order([1.0, 2.0, 3.0, 4.0], [2.0, 4.0, 6.0, 8.0])
    assert seen == {(round(ROOT_HALF, 9), round(ROOT_HALF, 9))}
