"""A rule of ``index/normalise.py`` that the eighth mutation round found unpinned, by hand."""

from __future__ import annotations

import math

import numpy as np

from jiazhou.index.normalise import zscore


def test_a_standard_deviation_that_rounds_to_zero_gives_no_z_scores() -> None:
    """Column 1: x = 0, 1e-200. Mean 5e-201, deviations ±5e-201, variance 2 · (5e-201)² / 1 =
    5e-401 — below the smallest double (4.9e-324), so the sd (R's ``sd``: the variance is a
    double before its root) is 0 although the values differ. A column without scale has no
    z-scores: NaN, the module's "missing" — not the ±inf of a plain division by 0, which
    would swamp every aggregate the indicator enters. A constant column (column 2: 0/0) gives
    NaN too. Column 3 (0, 2): mean 1, sd √2, z = ∓1/√2 — each column on its own."""
    x = np.array([[0.0, 3.0, 0.0], [1e-200, 3.0, 2.0]])
    z = zscore(x)
    assert np.isnan(z[:, :2]).all()
    np.testing.assert_allclose(z[:, 2], [-1 / math.sqrt(2), 1 / math.sqrt(2)])
