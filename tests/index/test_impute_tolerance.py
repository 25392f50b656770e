"""The tolerance of regression imputation (issue 23): passes of the chained equations stop once
no imputed value moves by ``tol`` or more — in ``transform`` as in ``fit``.

A unit missing both x and y is imputed from the column means of the fitted data, one column
after the other with the fitted coefficients (``x̂ = a + b·μ_y``, then ``ŷ = c + d·x̂``), and
again from those values until the change is under the tolerance; run to convergence it is the
fixed point of ``x = a + b·y``, ``y = c + d·x``: ``x* = (a + b·c) / (1 − b·d)``.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from jiazhou.index.dataset import Dataset
from jiazhou.index.framework import Framework
from jiazhou.index.impute import Impute


def _framework() -> Framework:
    meta = pl.DataFrame(
        {"Level": [1, 1, 2], "iCode": ["x", "y", "I"], "Parent": ["I", "I", None],
         "Direction": [1, 1, 1], "Weight": [1.0, 1.0, 1.0],
         "Type": ["Indicator", "Indicator", "Aggregate"]}
    )  # fmt: skip
    return Framework.from_meta(meta)


# values near 100 move by less than 1 from one pass to the next, so a tolerance of 5 is met
# after the first pass (a change measured as a product of values, ~10⁴, never would be)
FIT = pl.DataFrame(
    {"uCode": [f"u{i}" for i in range(6)], "x": [100.0, 102.0, 104.0, 106.0, 108.0, None],
     "y": [101.0, 102.0, 104.0, 103.0, None, 105.0]}
)  # fmt: skip
NEW = pl.DataFrame(
    {"uCode": ["n"], "x": [None], "y": [None]},
    schema={"uCode": pl.String, "x": pl.Float64, "y": pl.Float64},
)


def test_a_loose_tolerance_stops_the_transform_after_one_pass() -> None:
    fw = _framework()
    step = Impute("regression", ridge=0.0, tol=5.0).fit(Dataset.from_frame(FIT, fw), fw)
    (a, b), (c, d) = step.coef_[0], step.coef_[1]
    mu_x, mu_y = step.mean_
    assert (mu_x, mu_y) == (104.0, 103.0)  # (100 + … + 108)/5, (101 + 102 + 104 + 103 + 105)/5
    x_hat = a + b * mu_y
    y_hat = c + d * x_hat
    assert abs(x_hat - mu_x) < 5 and abs(y_hat - mu_y) < 5  # the first pass's change
    out = step.transform(Dataset.from_frame(NEW, fw)).values[0]
    np.testing.assert_allclose(out, [x_hat, y_hat], rtol=1e-12)
    # …which is not yet the fixed point
    assert abs(out[0] - (a + b * c) / (1 - b * d)) > 0.01


def test_a_strict_tolerance_runs_the_transform_to_its_fixed_point() -> None:
    fw = _framework()
    step = Impute("regression", ridge=0.0, tol=1e-12).fit(Dataset.from_frame(FIT, fw), fw)
    (a, b), (c, d) = step.coef_[0], step.coef_[1]
    x_star = (a + b * c) / (1 - b * d)
    out = step.transform(Dataset.from_frame(NEW, fw)).values[0]
    assert out[0] == pytest.approx(x_star, rel=1e-9)
    assert out[1] == pytest.approx(c + d * x_star, rel=1e-9)


def test_the_fit_runs_its_chained_equations_to_their_fixed_point() -> None:
    # Converged, refitting each column by least squares on its observed rows against the other
    # column as imputed gives back the fitted coefficients (and so the imputed values).
    fw = _framework()
    data = Dataset.from_frame(FIT, fw)
    step = Impute("regression", ridge=0.0, tol=1e-12).fit(data, fw)
    out = step.transform(data).values
    miss = np.isnan(data.values)
    for j in (0, 1):
        design = np.column_stack([np.ones(6), out[:, 1 - j]])
        coef, *_ = np.linalg.lstsq(design[~miss[:, j]], data.values[~miss[:, j], j], rcond=None)
        np.testing.assert_allclose(step.coef_[j], coef, rtol=1e-9)


def test_max_iter_caps_the_passes_of_the_transform() -> None:
    # one pass at most, however strict the tolerance: x̂ = a + b·μ_y, ŷ = c + d·x̂
    fw = _framework()
    step = Impute("regression", ridge=0.0, tol=0.0, max_iter=1).fit(Dataset.from_frame(FIT, fw), fw)
    (a, b), (c, d) = step.coef_[0], step.coef_[1]
    x_hat = a + b * 103.0
    out = step.transform(Dataset.from_frame(NEW, fw)).values[0]
    np.testing.assert_allclose(out, [x_hat, c + d * x_hat], rtol=1e-12)
