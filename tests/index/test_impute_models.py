"""Model imputation at its edges (issue 23): the regression's ridge shrinks the slopes, never the
intercept — a column that does not vary is imputed by its own value, whatever the ridge.
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


@pytest.mark.parametrize("ridge", [1e-3, 1.0, 10.0])
def test_regression_ridge_leaves_the_intercept_alone(ridge: float) -> None:
    # y is 10 wherever observed: its slope on x is 0 (no covariance) and its intercept is its
    # mean, 10, so the missing y is 10. A ridge on the intercept would pull it towards 0
    # (10 / (1 + ridge) with this design).
    fw = _framework()
    frame = pl.DataFrame(
        {"uCode": [f"u{i}" for i in range(5)], "x": [1.0, 2.0, 3.0, 4.0, 5.0],
         "y": [10.0, 10.0, 10.0, 10.0, None]}
    )  # fmt: skip
    out = Impute("regression", ridge=ridge).fit_transform(Dataset.from_frame(frame, fw), fw)
    assert out.column("y")[4] == pytest.approx(10.0)
    np.testing.assert_array_equal(out.column("x"), [1.0, 2.0, 3.0, 4.0, 5.0])


def test_em_stops_once_the_change_is_under_the_tolerance() -> None:
    # any change is under an infinite tolerance: EM stops after its first iteration, exactly
    # as with max_iter = 1
    fw = _framework()
    frame = pl.DataFrame(
        {"uCode": [f"u{i}" for i in range(6)], "x": [1.0, 2.0, 3.0, 4.0, None, 6.0],
         "y": [2.0, 4.1, None, 8.2, 9.9, 12.0]}
    )  # fmt: skip
    data = Dataset.from_frame(frame, fw)
    loose = Impute("em", tol=np.inf).fit_transform(data, fw)
    once = Impute("em", max_iter=1).fit_transform(data, fw)
    np.testing.assert_array_equal(loose.values, once.values)
    assert not np.array_equal(once.values, Impute("em").fit_transform(data, fw).values)


def test_regression_imputation_is_a_fixed_point_of_its_chained_equations() -> None:
    # Chained equations run to convergence: refitting each column by least squares on its
    # observed rows, against the others as imputed, predicts exactly the values imputed.
    meta = pl.DataFrame(
        {"Level": [1, 1, 1, 2], "iCode": ["x", "y", "z", "I"], "Parent": ["I", "I", "I", None],
         "Direction": [1, 1, 1, 1], "Weight": [1.0] * 4,
         "Type": ["Indicator", "Indicator", "Indicator", "Aggregate"]}
    )  # fmt: skip
    fw = Framework.from_meta(meta)
    frame = pl.DataFrame(
        {"uCode": [f"u{i}" for i in range(8)],
         "x": [1.0, 2.0, None, 4.0, 5.0, 6.0, 7.0, 9.0],
         "y": [2.1, None, 5.8, 8.3, 9.7, None, 14.2, 17.5],
         "z": [0.5, 1.5, 1.0, None, 3.0, 2.0, 4.5, 4.0]}
    )  # fmt: skip
    data = Dataset.from_frame(frame, fw)
    out = Impute("regression", ridge=1e-12, tol=1e-12).fit_transform(data, fw).values
    miss = np.isnan(data.values)
    for j in range(3):
        design = np.column_stack([np.ones(8), np.delete(out, j, axis=1)])
        coef, *_ = np.linalg.lstsq(design[~miss[:, j]], data.values[~miss[:, j], j], rcond=None)
        np.testing.assert_allclose(out[miss[:, j], j], design[miss[:, j]] @ coef, rtol=1e-6)
