"""The second treatments of COINr's ``Treat`` (issue 23), each by its formula, and the side
``log_CT_plus`` takes: ``log_CT`` for a positive skew, the mirrored ``−ln(max + 0.01·range − x)``
otherwise — decided on the skew of the data it transforms.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl

from jiazhou.index.dataset import Dataset
from jiazhou.index.framework import Framework
from jiazhou.index.treat import Treat, second_treatment

LN = np.log


def test_log_ct_orig_shifts_the_minimum_to_one() -> None:
    # ln(x − min + 1): min 1 → ln 1, ln 2, ln 5
    out = second_treatment(np.array([1.0, 2.0, 5.0]), "log_CT_orig", 1.0, 5.0)
    np.testing.assert_allclose(out, LN([1.0, 2.0, 5.0]))


def test_boxcox_with_and_without_lambda() -> None:
    x = np.array([1.0, 4.0, 10.0])  # x − min + 1 = 1, 4, 10
    # λ = ½: (s^½ − 1)/½ = 0, 2, 2(√10 − 1)
    np.testing.assert_allclose(
        second_treatment(x, "boxcox", 1.0, 10.0, lam=0.5), [0.0, 2.0, 2 * (np.sqrt(10) - 1)]
    )
    np.testing.assert_allclose(second_treatment(x, "boxcox", 1.0, 10.0, lam=0.0), LN([1, 4, 10]))


def test_log_gii_returns_the_transformed_values() -> None:
    # ln((max − 1)(x − min)/(max − min) + 1) with min 2, max 10: 9(x − 2)/8 + 1 = 1, 3.25, 10
    out = second_treatment(np.array([2.0, 4.0, 10.0]), "log_GII", 2.0, 10.0)
    np.testing.assert_allclose(out, LN([1.0, 3.25, 10.0]))


def test_log_ct_plus_mirrors_only_a_negative_skew(small_meta: Callable[..., pl.DataFrame]) -> None:
    # a = 0, 1, 2, 3, 5 leans right (skew +0.59), b = 0, 2, 3, 4, 5 is its mirror (−0.59).
    # With skew_thresh ½ and kurt_thresh −1 both fail, winmax 0 leaves them unclipped, and
    # log_CT_plus applies: range 5, so the offset 0.01 · 5 = 0.05.
    fw = Framework.from_meta(small_meta())
    frame = pl.DataFrame(
        {"uCode": [f"u{i}" for i in range(5)], "pop": [1.0] * 5, "grp": ["x"] * 5,
         "a": [0.0, 1.0, 2.0, 3.0, 5.0], "b": [0.0, 2.0, 3.0, 4.0, 5.0]}
    )  # fmt: skip
    data = Dataset.from_frame(frame, fw)
    step = Treat(winmax=0, skew_thresh=0.5, kurt_thresh=-1.0, f2="log_CT_plus").fit(data, fw)
    out = step.transform(data)
    # positive skew: ln(x − min + 0.05)
    np.testing.assert_allclose(out.column("a"), LN([0.05, 1.05, 2.05, 3.05, 5.05]))
    # negative skew: −ln(max + 0.05 − x)
    np.testing.assert_allclose(out.column("b"), -LN([5.05, 3.05, 2.05, 1.05, 0.05]))
    assert step.details_["treatment"].to_list() == ["log_CT_plus", "log_CT_plus"]


def test_treated_points_lists_only_the_points_changed(
    small_meta: Callable[..., pl.DataFrame],
) -> None:
    # a = 1 … 9, 100 fails (skew ≈ 3.2, kurtosis ≈ 10): COINr's winsorise gives the maximum the
    # next value, 9, and 1 … 9, 9 passes. b = 1 … 10 passes untouched. One point changed.
    fw = Framework.from_meta(small_meta())
    frame = pl.DataFrame(
        {"uCode": [f"u{i}" for i in range(1, 11)], "pop": [1.0] * 10, "grp": ["x"] * 10,
         "a": [*map(float, range(1, 10)), 100.0], "b": [*map(float, range(1, 11))]}
    )  # fmt: skip
    data = Dataset.from_frame(frame, fw)
    step = Treat().fit(data, fw)
    points = step.treated_points(data)
    assert points.rows() == [("u10", "a", 100.0, 9.0, "winhi")]
    assert step.details_["n_winsorised"].to_list() == [1, None]
