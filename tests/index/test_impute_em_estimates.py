"""EM imputation reaches the maximum-likelihood estimates (issue 23).

With one column complete and the other missing in some rows (a monotone pattern), the
multivariate-normal ML estimates have a closed form (Anderson 1957; Little & Rubin,
*Statistical Analysis with Missing Data*, §7.2): the regression of y on x is the least-squares
line of the complete rows, the mean and variance of x use every row (divisor n, not n − 1), and

    μ_y = a + b·μ_x,   σ_xy = b·σ_xx,   σ_yy = s²_res + b²·σ_xx,

with s²_res the complete rows' residual sum of squares over their number. EM converges to them,
and the value it imputes is the conditional mean a + b·x — the complete-case prediction.
Without a ridge (``ridge=0``) the step's fitted ``mean_`` and ``cov_`` must be exactly these.
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


def _data(fw: Framework) -> Dataset:
    frame = pl.DataFrame(
        {"uCode": [f"u{i}" for i in range(5)], "x": [1.0, 2.0, 3.0, 4.0, 5.0],
         "y": [2.0, 3.0, 5.0, 6.0, None]}
    )  # fmt: skip
    return Dataset.from_frame(frame, fw)


def test_em_converges_to_the_closed_form_ml_estimates() -> None:
    # Complete rows x = 1…4, y = 2, 3, 5, 6: x̄ = 2.5, ȳ = 4, Sxx = 5, Sxy = 7, so
    # b = 7/5 = 1.4 and a = 4 − 1.4·2.5 = 0.5; residuals 0.1, −0.3, 0.3, −0.1: RSS 0.2,
    # s²_res = 0.2/4 = 0.05.
    # All five x: μ_x = 3, σ_xx = (4 + 1 + 0 + 1 + 4)/5 = 2.
    # μ_y = 0.5 + 1.4·3 = 4.7; σ_xy = 1.4·2 = 2.8; σ_yy = 0.05 + 1.96·2 = 3.97.
    fw = _framework()
    step = Impute("em", ridge=0.0, tol=1e-13, max_iter=5000).fit(_data(fw), fw)
    np.testing.assert_allclose(step.mean_, [3.0, 4.7], rtol=1e-7)
    np.testing.assert_allclose(step.cov_, [[2.0, 2.8], [2.8, 3.97]], rtol=1e-6)
    # the imputed y of x = 5 is the conditional mean 0.5 + 1.4·5 = 7.5
    out = step.transform(_data(fw))
    assert out.column("y")[4] == pytest.approx(7.5, rel=1e-7)
    np.testing.assert_array_equal(out.column("y")[:4], [2.0, 3.0, 5.0, 6.0])


def test_em_on_complete_data_gives_the_ml_mean_and_covariance() -> None:
    # Nothing missing: one EM step gives the sample means and the covariance with divisor n.
    # x = 1, 2, 3, 4; y = 1, 3, 2, 6: means 2.5, 3; deviations (−1.5, −0.5, 0.5, 1.5) and
    # (−2, 0, −1, 3): σ_xx = 5/4, σ_xy = (3 + 0 − 0.5 + 4.5)/4 = 7/4, σ_yy = (4 + 0 + 1 + 9)/4 = 7/2.
    fw = _framework()
    frame = pl.DataFrame(
        {"uCode": [f"u{i}" for i in range(4)], "x": [1.0, 2.0, 3.0, 4.0], "y": [1.0, 3.0, 2.0, 6.0]}
    )
    step = Impute("em", ridge=0.0).fit(Dataset.from_frame(frame, fw), fw)
    np.testing.assert_allclose(step.mean_, [2.5, 3.0])
    np.testing.assert_allclose(step.cov_, [[1.25, 1.75], [1.75, 3.5]])


def test_the_ridge_inflates_the_diagonal_by_its_share() -> None:
    # "a ridge on the correlation diagonal keeps it invertible": each variance × (1 + ridge),
    # the covariances unchanged (complete data, as above).
    fw = _framework()
    frame = pl.DataFrame(
        {"uCode": [f"u{i}" for i in range(4)], "x": [1.0, 2.0, 3.0, 4.0], "y": [1.0, 3.0, 2.0, 6.0]}
    )
    step = Impute("em", ridge=0.5).fit(Dataset.from_frame(frame, fw), fw)
    np.testing.assert_allclose(step.cov_, [[1.25 * 1.5, 1.75], [1.75, 3.5 * 1.5]])
