"""PCA weights do not depend on the indicators' units (issue 23): COINr's ``get_PCA`` runs
``prcomp(scale = TRUE)``, the first component of the *correlation* matrix of the complete rows.

For two positively correlated indicators that matrix is [[1, r], [r, 1]], whose first
eigenvector is (1, 1)/√2 whatever r and whatever the scales or means of the two columns. A
column that does not vary has no correlation with anything: it is left unscaled (a column of
zeros once centred) and loads 0 (``prcomp`` would refuse it). A component's sign is arbitrary:
the loadings are signed to sum positive.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from flat_frameworks import flat_framework

from jiazhou.index.dataset import Dataset
from jiazhou.index.weights import pca_weights

ROOT_HALF = 1 / np.sqrt(2)


def _loadings(columns: dict[str, list[float]]) -> dict[str, float]:
    fw = flat_framework(list(columns))
    n = len(next(iter(columns.values())))
    frame = pl.DataFrame({"uCode": [f"u{i}" for i in range(n)], **columns})
    out = pca_weights(Dataset.from_frame(frame, fw), fw, level=1)
    return {c: out[c] for c in columns}


def test_two_indicators_on_very_different_scales_load_equally() -> None:
    # a is a share around 0.03 (sd < 1), b a count in the hundreds with a large mean;
    # r(a, b) > 0 (a ranks 1, 2, 4, 3; b ranks 2, 1, 4, 3)
    out = _loadings({"a": [0.01, 0.02, 0.04, 0.03], "b": [310.0, 300.0, 390.0, 330.0]})
    assert out == {"a": pytest.approx(ROOT_HALF), "b": pytest.approx(ROOT_HALF)}


def test_a_constant_indicator_loads_zero() -> None:
    out = _loadings({"a": [1.0, 2.0, 4.0, 3.0], "b": [2.0, 1.0, 4.0, 3.0], "c": [5.0] * 4})
    assert out["a"] == pytest.approx(ROOT_HALF) and out["b"] == pytest.approx(ROOT_HALF)
    assert out["c"] == pytest.approx(0.0, abs=1e-12)


def test_two_complete_rows_are_enough() -> None:
    # the last row is incomplete; two rows standardise to ±1/√2 in each column: (1, 1)/√2
    out = _loadings({"a": [1.0, 2.0, np.nan], "b": [3.0, 5.0, 4.0]})
    assert out == {"a": pytest.approx(ROOT_HALF), "b": pytest.approx(ROOT_HALF)}


def test_signs_are_chosen_to_sum_positive_and_a_loading_may_be_negative() -> None:
    # A component's sign is arbitrary (this pair comes out of the SVD as (−1, −1)/√2 with
    # reference LAPACK); r = 3/5 > 0, so the loadings are (1, 1)/√2 once signed to sum positive.
    out = _loadings({"a": [3.0, 1.0, 2.0, 4.0], "b": [4.0, 2.0, 1.0, 3.0]})
    assert out == {"a": pytest.approx(ROOT_HALF), "b": pytest.approx(ROOT_HALF)}
    # a = (1, 2, 4, 3), b = (2, 1, 4, 3), c = 5 − a: r(a, b) = 0.8, r(a, c) = −1, r(b, c) = −0.8.
    # By symmetry the first eigenvector is (p, q, −p); R·v = λ·v gives 2p + 0.8q = λp and
    # 1.6p + q = λq, so t = q/p solves 0.8t² + t − 1.6 = 0: t = (−1 + √6.12)/1.6, and
    # p = 1/√(2 + t²). The sum, q, is positive but under 1; c loads negatively (COINr's PCA
    # weights can be negative).
    t = (-1 + np.sqrt(6.12)) / 1.6
    p = 1 / np.sqrt(2 + t * t)
    out = _loadings(
        {"a": [1.0, 2.0, 4.0, 3.0], "b": [2.0, 1.0, 4.0, 3.0], "c": [4.0, 3.0, 1.0, 2.0]}
    )
    assert out == {"a": pytest.approx(p), "b": pytest.approx(p * t), "c": pytest.approx(-p)}
    # the same units in another order: the same correlations and loadings (the SVD returns this
    # one as (−p, −q, p), whose sum is negative but above −1)
    out = _loadings(
        {"a": [4.0, 1.0, 2.0, 3.0], "b": [4.0, 2.0, 1.0, 3.0], "c": [1.0, 4.0, 3.0, 2.0]}
    )
    assert out == {"a": pytest.approx(p), "b": pytest.approx(p * t), "c": pytest.approx(-p)}
