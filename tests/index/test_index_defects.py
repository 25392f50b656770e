"""Issue 13's defects, each pinned by a hand-computed case (these failed before the fixes)."""

from __future__ import annotations

import numpy as np
import polars as pl

from jiazhou.index import normalise as nm
from jiazhou.index.dataset import Dataset
from jiazhou.index.framework import Framework
from jiazhou.index.normalise import Normalise
from jiazhou.index.statistics import r_mean
from jiazhou.index.treat import Treat, winsorise

# 1..20 then four escalating outliers. With |skew| < 1 OR kurtosis < 0 as the pass rule:
#   replace 90 → 80: skew 1.786, kurt 1.839   (1 distinct point)  fail
#   replace 80 → 70: skew 1.694, kurt 1.446   (2 points)          fail
#   replace 70 → 60: skew 1.595, kurt 1.154   (3 points)          fail
#   replace 60 → 20: skew −0.218, kurt −1.337 (4 points)          pass
FOUR = np.r_[np.arange(1.0, 21.0), 60.0, 70.0, 80.0, 90.0]


def _one_indicator(values: np.ndarray) -> tuple[Framework, Dataset]:
    meta = pl.DataFrame(
        {"Level": [1, 2], "iCode": ["x", "I"], "Parent": ["I", None], "Direction": [1, 1],
         "Weight": [1.0, 1.0], "Type": ["Indicator", "Aggregate"]}
    )  # fmt: skip
    fw = Framework.from_meta(meta)
    frame = pl.DataFrame({"uCode": [f"u{i}" for i in range(values.size)], "x": values})
    return fw, Dataset.from_frame(frame, fw)


def test_winsorisation_counts_one_more_distinct_point_per_iteration() -> None:
    # COINr's winsorise: nwin = number of points at the current extreme, i.e. 1, 2, 3, 4 —
    # not 1, 3, 6 (which stopped after three points with winmax = 5).
    assert winsorise(FOUR, winmax=5, skew_thresh=1.0, kurt_thresh=0.0) == (-np.inf, 20.0, 4)
    # winmax = 3 stops after the third point, still failing
    assert winsorise(FOUR, winmax=3, skew_thresh=1.0, kurt_thresh=0.0) == (-np.inf, 60.0, 3)


def test_treat_reports_distinct_winsorised_points_and_does_not_fall_back() -> None:
    fw, data = _one_indicator(FOUR)
    step = Treat(winmax=5, skew_thresh=1.0, kurt_thresh=0.0).fit(data, fw)
    row = step.details_.row(0, named=True)
    assert row["treatment"] == "winsorise" and row["n_winsorised"] == 4
    out = step.transform(data).column("x")
    np.testing.assert_array_equal(out, np.minimum(FOUR, 20.0))


def test_zscore_uses_the_correctly_rounded_mean() -> None:
    # The doubles 0.1, 0.2, 0.3 sum to 0.6000000000000001 in naive double arithmetic, so a
    # naive mean is 0.20000000000000004; R's two-pass mean gives 0.2 (mean(c(.1,.2,.3)) == .2
    # is TRUE in R). The unit at the mean must score exactly the target mean, and two units
    # tied in a COINr z-score must stay tied here.
    z = nm.zscore(np.array([[0.1], [0.2], [0.3]]))[:, 0]
    assert z[1] == 0.0
    assert r_mean(np.array([0.1, 0.2, 0.3])) == 0.2


def test_fraction_of_max_with_a_zero_minimum_is_defined() -> None:
    # Lower is better, best value 0: the units at 0 are the best (1), all others 0 = 0/x.
    # Before: 0/0 = NaN for the best units (18 units of CostImpEx on V2 data lost a value).
    out = nm.fraction_of_max(np.array([[0.0], [2.0], [4.0], [0.0], [np.nan]]), direction=-1)
    np.testing.assert_array_equal(out[:, 0], [1.0, 0.0, 0.0, 1.0, np.nan])
    # a positive minimum: min/x
    np.testing.assert_allclose(nm.fraction_of_max([[1.0], [2.0], [4.0]], -1)[:, 0], [1, 0.5, 0.25])
    np.testing.assert_allclose(nm.fraction_of_max([[1.0], [2.0], [4.0]])[:, 0], [0.25, 0.5, 1])


def _goalpost_framework(direction: int, scale: float | None) -> Framework:
    meta = pl.DataFrame(
        {"Level": [1, 2], "iCode": ["x", "I"], "Parent": ["I", None],
         "Direction": [direction, 1], "Weight": [1.0, 1.0], "Type": ["Indicator", "Aggregate"],
         "goalpost_lower": [0.0, None], "goalpost_upper": [10.0, None],
         "goalpost_scale": [scale, None]}
    )  # fmt: skip
    return Framework.from_meta(meta)


def test_goalpost_scale_in_imeta_is_honoured() -> None:
    # COINr's n_goalposts(1, gposts = c(0, 10, 1)) = 0.1; direction −1 gives 0.9.
    frame = pl.DataFrame({"uCode": ["a", "b", "c"], "x": [1.0, 5.0, 12.0]})
    fw = _goalpost_framework(1, 1.0)
    out = Normalise("goalposts").fit_transform(Dataset.from_frame(frame, fw), fw).column("x")
    np.testing.assert_allclose(out, [0.1, 0.5, 1.0])  # 12 is truncated to the upper post
    fw = _goalpost_framework(-1, 1.0)
    out = Normalise("goalposts").fit_transform(Dataset.from_frame(frame, fw), fw).column("x")
    np.testing.assert_allclose(out, [0.9, 0.5, 0.0])
    fw = _goalpost_framework(1, None)  # no scale column value: the step's default 100
    out = Normalise("goalposts").fit_transform(Dataset.from_frame(frame, fw), fw).column("x")
    np.testing.assert_allclose(out, [10.0, 50.0, 100.0])
