"""PCA weights do not depend on the indicators' units (issue 23): COINr's ``get_PCA`` runs
``prcomp(scale = TRUE)``, the first component of the *correlation* matrix of the complete rows.

For two positively correlated indicators that matrix is [[1, r], [r, 1]], whose first
eigenvector is (1, 1)/√2 whatever r and whatever the scales or means of the two columns. A
column that does not vary has no correlation with anything: it is left unscaled (a column of
zeros once centred) and loads 0 (``prcomp`` would refuse it).
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from jiazhou.index.dataset import Dataset
from jiazhou.index.framework import Framework
from jiazhou.index.weights import pca_weights

ROOT_HALF = 1 / np.sqrt(2)


def _framework(codes: list[str]) -> Framework:
    n = len(codes)
    meta = pl.DataFrame(
        {"Level": [1] * n + [2], "iCode": [*codes, "I"], "Parent": ["I"] * n + [None],
         "Direction": [1] * (n + 1), "Weight": [1.0] * (n + 1),
         "Type": ["Indicator"] * n + ["Aggregate"]}
    )  # fmt: skip
    return Framework.from_meta(meta)


def _loadings(columns: dict[str, list[float]]) -> dict[str, float]:
    fw = _framework(list(columns))
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
