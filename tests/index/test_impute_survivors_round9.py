"""Imputation survivors, round nine (issue 23): the rules of ``impute.py`` that the sampled
mutation run left unpinned.

- EM works on the correlation scale: each column centred on its observed mean and divided by
  its observed standard deviation (divisor n − 1), or by 1 when that is 0 (a column that does
  not vary), starting from mean 0 and the identity; one EM step fills a missing value with the
  column's observed mean and adds its variance (that scale², once per missing value, over n).
- EM stops at the first step whose change — largest move of the means plus largest move of the
  (correlation-scale) covariance — is under ``tol``.
- The chained regressions of ``fit`` stop at the first pass in which no imputed value moves by
  ``tol`` or more; the ridge is added to the slopes times the number of observed rows.
- Only a column with more than two observed values is regressed.
- A user function must return one value per unit; a longer result is refused too.
- ``row_mean`` scales a column that does not vary by 1 (its values scale to 0, and count).
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from flat_frameworks import flat_framework

from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.impute import Impute, ImputeMethod

Columns = dict[str, list[float | None]]


def _data(fw: Framework, columns: Columns) -> Dataset:
    n = len(next(iter(columns.values())))
    frame = pl.DataFrame(
        {"uCode": [f"u{i}" for i in range(n)], **columns},
        schema={"uCode": pl.String, **dict.fromkeys(columns, pl.Float64)},
    )
    return Dataset.from_frame(frame, fw)


# x = 1…5 complete, y = 2, 3, 5, 6 and one missing
XY: Columns = {"x": [1.0, 2.0, 3.0, 4.0, 5.0], "y": [2.0, 3.0, 5.0, 6.0, None]}


def test_one_em_step_adds_the_observed_variance_with_divisor_n_minus_1() -> None:
    """First EM step from mean 0 and the identity (correlation scale): the missing y is filled
    with 0 there, i.e. its observed mean 4, and adds 1 there, i.e. s²_y, to its sum of squares.

    y observed 2, 3, 5, 6: mean 4, deviations −2, −1, 1, 2, sum of squares 10, so
    s²_y = 10/3 (divisor n − 1; 10/4 with divisor n).
    σ_yy = (10 + 0² + 10/3) / 5 = 8/3   (with divisor n: (10 + 2.5)/5 = 2.5)
    σ_xx = (4 + 1 + 0 + 1 + 4)/5 = 2;  σ_xy = (−2·−2 + −1·−1 + 0·1 + 1·2 + 2·0)/5 = 7/5
    """
    fw = flat_framework(["x", "y"])
    step = Impute("em", ridge=0.0, max_iter=1).fit(_data(fw, XY), fw)
    np.testing.assert_allclose(step.mean_, [3.0, 4.0], rtol=1e-12)
    np.testing.assert_allclose(step.cov_, [[2.0, 1.4], [1.4, 8 / 3]], rtol=1e-12)


def test_em_scales_a_column_that_does_not_vary_by_one() -> None:
    """c = 7, 7, 7, 7 and one missing: its standard deviation is 0, so it is scaled by 1 (not
    by 0, which would make every value NaN, nor by any other number).

    One EM step: the missing c is filled with 0 on that scale (7), and adds 1 × 1² to its sum
    of squares, the observed ones adding 0: σ_cc = 1/5 = 0.2 (scale 2 would give 4/5; no
    scale at all, every c missing, 0). c does not covary with x: σ_xc = 0; mean of c = 7.
    """
    fw = flat_framework(["x", "c"])
    data = _data(fw, {"x": [1.0, 2.0, 3.0, 4.0, 5.0], "c": [7.0, 7.0, 7.0, 7.0, None]})
    step = Impute("em", ridge=0.0, max_iter=1).fit(data, fw)
    np.testing.assert_allclose(step.mean_, [3.0, 7.0], rtol=1e-12)
    np.testing.assert_allclose(step.cov_, [[2.0, 0.0], [0.0, 0.2]], rtol=1e-12, atol=1e-15)


def test_em_stops_at_the_first_step_whose_change_is_under_the_tolerance() -> None:
    """First step (as above), on the correlation scale: the means stay 0 (each column is centred
    on its observed mean and the missing y is filled with 0); the covariance moves from the
    identity to σ_xx = 2/2.5 = 0.8, σ_yy = (8/3)/(10/3) = 0.8, σ_xy = 1.4/√(2.5·10/3) = 0.28·√3
    ≈ 0.485. Change = 0 + max(|0.8 − 1|, |0.485 − 0|) ≈ 0.485.

    tol = 0.6: the change is under it, EM stops after that one step (mean of y 4, σ_yy 8/3).
    tol = 0.4: it is not, EM goes on towards the ML estimates (mean of y 4.7, see
    test_impute_em_estimates.py), so the estimate differs.
    """
    fw = flat_framework(["x", "y"])
    assert 0.28 * np.sqrt(3) == pytest.approx(1.4 / np.sqrt(2.5 * 10 / 3))
    one = Impute("em", ridge=0.0, max_iter=1).fit(_data(fw, XY), fw)
    loose = Impute("em", ridge=0.0, tol=0.6).fit(_data(fw, XY), fw)
    np.testing.assert_allclose(loose.mean_, [3.0, 4.0], rtol=1e-12)
    np.testing.assert_allclose(loose.cov_, one.cov_, rtol=1e-12)
    tighter = Impute("em", ridge=0.0, tol=0.4).fit(_data(fw, XY), fw)
    assert tighter.mean_[1] > 4.01


# values near 100 (test_impute_tolerance.py): both x and y miss one value
NEAR_100: Columns = {
    "x": [100.0, 102.0, 104.0, 106.0, 108.0, None],
    "y": [101.0, 102.0, 104.0, 103.0, None, 105.0],
}


def test_a_loose_tolerance_stops_the_fit_after_one_pass() -> None:
    """First pass of ``fit`` from the column means (μ_x = 104, μ_y = 103):

    x on y over u0…u4, y = 101, 102, 104, 103, 103 (mean-filled): ȳ = 102.6, deviations −1.6,
    −0.6, 1.4, 0.4, 0.4; x − 104 = −4, −2, 0, 2, 4: Sxy = 6.4 + 1.2 + 0 + 0.8 + 1.6 = 10,
    Syy = 2.56 + 0.36 + 1.96 + 0.16 + 0.16 = 5.2; slope 10/5.2, intercept 104 − 102.6·10/5.2.
    x̂(u5) = 104 + (105 − 102.6)·10/5.2 ≈ 108.615: moved by ≈ 4.615 from 104.
    y on x over u0…u3, u5 (x̂ included): ŷ(u4) moves by ≈ 1.65 from 103 (computed below).
    Both under tol = 5: the fit stops; its coefficients are those of this one pass, not of the
    fixed point a strict tolerance reaches.
    """
    fw = flat_framework(["x", "y"])
    data = _data(fw, NEAR_100)
    step = Impute("regression", ridge=0.0, tol=5.0).fit(data, fw)
    b_x = 10 / 5.2
    np.testing.assert_allclose(step.coef_[0], [104 - 102.6 * b_x, b_x], rtol=1e-9)
    x_hat = 104 + (105 - 102.6) * b_x
    assert abs(x_hat - 104) < 5
    xs = np.array([100.0, 102.0, 104.0, 106.0, x_hat])
    ys = np.array([101.0, 102.0, 104.0, 103.0, 105.0])
    b_y = np.sum((xs - xs.mean()) * (ys - ys.mean())) / np.sum((xs - xs.mean()) ** 2)
    a_y = ys.mean() - b_y * xs.mean()
    assert abs(a_y + b_y * 108.0 - 103.0) < 5
    np.testing.assert_allclose(step.coef_[1], [a_y, b_y], rtol=1e-9)
    strict = Impute("regression", ridge=0.0, tol=1e-12).fit(data, fw)
    assert abs(strict.coef_[0][1] - b_x) > 0.01


def test_the_regression_ridge_is_scaled_by_the_number_of_observed_rows() -> None:
    """x = 1…5 complete, y observed on u0…u3 (2, 3, 5, 6): one regression, y on x, over 4 rows.

    Centred (the intercept is not penalised): Sxx = 2.25 + 0.25 + 0.25 + 2.25 = 5, Sxy = 7.
    Slope = Sxy / (Sxx + ridge·rows) = 7 / (5 + 1·4) = 7/9 (ridge divided by the rows instead:
    7/5.25 = 4/3); intercept = ȳ − slope·x̄ = 4 − 2.5·7/9 = 37/18.
    ŷ(x = 5) = 37/18 + 35/9 = 107/18.
    """
    fw = flat_framework(["x", "y"])
    data = _data(fw, XY)
    step = Impute("regression", ridge=1.0).fit(data, fw)
    np.testing.assert_allclose(step.coef_[1], [37 / 18, 7 / 9], rtol=1e-12)
    assert step.transform(data).column("y")[4] == pytest.approx(107 / 18, rel=1e-12)


def test_a_column_without_observed_values_is_not_regressed() -> None:
    """y is missing everywhere: it has 0 observed values (not more than two), so no regression
    is fitted for it (there are no rows to fit on) and it stays NaN; x is complete and kept.
    """
    fw = flat_framework(["x", "y"])
    data = _data(fw, {"x": [1.0, 2.0, 3.0, 4.0, 5.0], "y": [None] * 5})
    step = Impute("regression").fit(data, fw)
    assert step.coef_ == {}
    out = step.transform(data)
    np.testing.assert_array_equal(out.column("x"), [1.0, 2.0, 3.0, 4.0, 5.0])
    assert np.isnan(out.column("y")).all()


def test_a_function_returning_too_many_values_is_refused() -> None:
    """Three units, the function returns four values: a wrong length, refused with the
    bilingual message (a longer result as well as a shorter one), not a NumPy broadcast error.
    """
    fw = flat_framework(["x", "y"])
    data = _data(fw, {"x": [1.0, None, 3.0], "y": [1.0, 2.0, 3.0]})
    with pytest.raises(IndexInputError, match="wrong length for 'x'"):
        Impute(lambda x: np.zeros(len(x) + 1)).fit_transform(data, fw)


def test_row_mean_scales_a_column_that_does_not_vary_by_one() -> None:
    """Siblings x, c, y; c = 5 everywhere (min = max): its span is taken as 1, so its values
    scale to (5 − 5)/1 = 0 and count in the unit's mean.

    x: min 0, max 10; y observed 0 and 20: min 0, max 20. Unit u2 misses y:
    scaled x = 4/10 = 0.4, scaled c = 0; mean 0.2; y = 0 + 0.2·20 = 4.
    (Were c scaled to NaN and skipped, the mean would be 0.4 and y = 8.)
    """
    fw = flat_framework(["x", "c", "y"])
    data = _data(fw, {"x": [0.0, 10.0, 4.0], "c": [5.0, 5.0, 5.0], "y": [0.0, 20.0, None]})
    out = Impute("row_mean").fit_transform(data, fw)
    np.testing.assert_allclose(out.column("y"), [0.0, 20.0, 4.0], rtol=1e-12)


@pytest.mark.parametrize("method", ["em", "regression"])
def test_an_indicator_with_no_observed_value_stays_missing_and_out_of_the_model(
    method: ImputeMethod,
) -> None:
    """The class's rule: values no method can fill (an all-missing column) stay NaN. An
    all-missing z used to turn every regression coefficient into NaN (its column, mean-filled
    with NaN, sat in every design matrix), so x and y were left unfilled too; EM filled z with
    0 (its centring constant, nan_to_num of an empty mean). Now z stays NaN and x, y are filled
    exactly as they are when z is not in the data at all."""
    xy: Columns = {"x": [1.0, 2.0, 3.0, 4.0, None], "y": [2.0, None, 5.0, 6.0, 7.0]}
    with_z: Columns = {**xy, "z": [None] * 5}
    fw3, fw2 = flat_framework(["x", "y", "z"]), flat_framework(["x", "y"])
    out = Impute(method).fit_transform(_data(fw3, with_z), fw3).values
    alone = Impute(method).fit_transform(_data(fw2, xy), fw2).values
    assert np.isnan(out[:, 2]).all()
    assert np.isfinite(out[:, :2]).all()
    np.testing.assert_allclose(out[:, :2], alone)


@pytest.mark.parametrize("method", ["em", "regression"])
def test_data_with_no_observed_value_at_all_stays_missing(method: ImputeMethod) -> None:
    """Nothing observed, nothing to model: both columns stay NaN (no error from an empty
    model)."""
    fw = flat_framework(["x", "y"])
    data = _data(fw, {"x": [None] * 4, "y": [None] * 4})
    assert np.isnan(Impute(method).fit_transform(data, fw).values).all()
