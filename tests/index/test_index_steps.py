"""Hand-computed cases for each step (COINr definitions; index-methods.md §5 and §1.4)."""

from __future__ import annotations

from typing import Literal

import numpy as np
import polars as pl
import pytest
from scipy import stats

from jiazhou.index import aggregate as ag
from jiazhou.index import normalise as nm
from jiazhou.index.aggregate import Aggregate
from jiazhou.index.dataset import Dataset
from jiazhou.index.denominate import Denominate
from jiazhou.index.framework import Framework
from jiazhou.index.impute import Impute
from jiazhou.index.normalise import Normalise
from jiazhou.index.ranking import rank_descending
from jiazhou.index.screen import Screen
from jiazhou.index.statistics import cronbach_alpha, kurt, skew
from jiazhou.index.treat import Treat, second_treatment, winsorise


def _data(framework: Framework, frame: pl.DataFrame) -> Dataset:
    return Dataset.from_frame(frame, framework)


def test_denominate_divides_and_zero_denominator_is_missing(
    small: Framework, small_data: pl.DataFrame
) -> None:
    out = Denominate(scale=10).fit_transform(_data(small, small_data), small)
    # a / pop · 10: 1/1·10, 4/2·10, NaN stays, 8/0 → missing; b has no denominator
    np.testing.assert_allclose(out.column("a"), [10, 20, np.nan, np.nan])
    np.testing.assert_allclose(out.column("b"), [1, 0.25, 2, np.nan])


def test_screen_by_availability_and_forcing(small: Framework, small_data: pl.DataFrame) -> None:
    data = _data(small, small_data)
    step = Screen(dat_thresh=1.0).fit(data, small)
    assert step.kept_units_ == ("u1", "u2")
    step = Screen(dat_thresh=1.0, force_include=["u3"], force_exclude=["u1"]).fit(data, small)
    assert step.transform(data).units == ("u2", "u3")


def test_impute_column_and_group(small: Framework, small_data: pl.DataFrame) -> None:
    data = _data(small, small_data)
    mean = Impute("mean").fit_transform(data, small)
    assert mean.column("a")[2] == pytest.approx((1 + 4 + 8) / 3)
    assert mean.column("b")[3] == pytest.approx((1 + 0.25 + 2) / 3)
    median = Impute("median").fit_transform(data, small)
    assert median.column("a")[2] == 4.0
    grp = Impute("group_mean", group="grp").fit_transform(data, small)
    assert grp.column("a")[2] == 8.0  # only u4 in group y has a value
    assert grp.column("b")[3] == 2.0


def test_impute_row_mean_uses_scaled_siblings(small: Framework, small_data: pl.DataFrame) -> None:
    out = Impute("row_mean").fit_transform(_data(small, small_data), small)
    # u3: b = 2 is b's max → scaled 1 → a = min + 1·(max − min) = 8
    assert out.column("a")[2] == pytest.approx(8.0)
    # u4: a = 8 is a's max → b = 2
    assert out.column("b")[3] == pytest.approx(2.0)


@pytest.mark.parametrize("method", ["em", "regression"])
def test_model_imputation_recovers_a_linear_relation(
    asem: Framework, method: Literal["em", "regression"]
) -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=40)
    meta = pl.DataFrame(
        {"Level": [1, 1, 2], "iCode": ["x", "y", "I"], "Parent": ["I", "I", None],
         "Direction": [1, 1, 1], "Weight": [1.0, 1.0, 1.0],
         "Type": ["Indicator", "Indicator", "Aggregate"]}
    )  # fmt: skip
    fw = Framework.from_meta(meta)
    y = 2 * x + 1 + rng.normal(scale=1e-3, size=40)
    y_missing = y.copy()
    y_missing[[3, 17]] = np.nan
    frame = pl.DataFrame({"uCode": [f"u{i}" for i in range(40)], "x": x, "y": y_missing})
    out = Impute(method, ridge=1e-9).fit_transform(_data(fw, frame), fw)
    np.testing.assert_allclose(out.column("y")[[3, 17]], (2 * x + 1)[[3, 17]], atol=0.01)


def test_skew_kurt_are_type_2_estimators() -> None:
    x = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100.0])
    assert skew(x) == pytest.approx(stats.skew(x, bias=False))
    assert kurt(x) == pytest.approx(stats.kurtosis(x, bias=False))


def test_winsorise_replaces_the_max_by_the_next_value() -> None:
    # COINr's example 1:10, 30, 100: skew 3.06, kurtosis 9.74 fail; 100 → 30 gives skew 1.71,
    # which passes, so one point is winsorised and the clip bound is 30.
    x = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100.0])
    assert (lo_hi_n := winsorise(x, winmax=5)) == (-np.inf, 30.0, 1)
    # Tied extremes move together and count as several points: 1:10 and four 50s → four
    # 10s (4 points); the skew is then negative, so the minimum 1 → 2 (5 points, the limit).
    y = np.r_[np.arange(1.0, 11.0), 50, 50, 50, 50]
    assert winsorise(y, winmax=5, skew_thresh=0.5, kurt_thresh=-10) == (2.0, 10.0, 5)
    assert lo_hi_n[0] == -np.inf


def test_treat_falls_back_to_log_ct_on_the_original_values(small: Framework) -> None:
    values = np.r_[np.ones(12), 2.0, 50.0, 1000.0]
    meta = pl.DataFrame(
        {"Level": [1, 2], "iCode": ["x", "I"], "Parent": ["I", None], "Direction": [1, 1],
         "Weight": [1.0, 1.0], "Type": ["Indicator", "Aggregate"]}
    )  # fmt: skip
    fw = Framework.from_meta(meta)
    frame = pl.DataFrame({"uCode": [f"u{i}" for i in range(15)], "x": values})
    step = Treat(winmax=1).fit(_data(fw, frame), fw)
    assert step.details_["treatment"][0] == "log_CT"
    expected = np.log(values - 1 + 0.01 * 999)
    np.testing.assert_allclose(step.transform(_data(fw, frame)).column("x"), expected)


def test_log_gii_returns_the_transformed_values() -> None:
    # COINr's log_GII returns x untransformed (index-methods.md §5.2 item 2).
    x = np.array([1.0, 2.0, 5.0])
    out = second_treatment(x, "log_GII", 1.0, 5.0)
    np.testing.assert_allclose(out, np.log((5 - 1) * (x - 1) / 4 + 1))
    assert not np.allclose(out, x)


def test_normalisations_by_hand(small: Framework) -> None:
    x = np.array([[1.0], [3.0], [5.0], [np.nan]])
    np.testing.assert_allclose(nm.minmax(x, 0, 100)[:3, 0], [0, 50, 100])
    np.testing.assert_allclose(nm.minmax(x, 0, 100, direction=-1)[:3, 0], [100, 50, 0])
    np.testing.assert_allclose(nm.zscore(x)[:3, 0], [-1, 0, 1])
    np.testing.assert_allclose(nm.rank(x)[:3, 0], [1, 2, 3])
    np.testing.assert_allclose(nm.borda(x)[:3, 0], [0, 1, 2])
    np.testing.assert_allclose(nm.percentile_rank(x)[:3, 0], [0, 0.5, 1])
    np.testing.assert_allclose(nm.fraction_of_max(x)[:3, 0], [0.2, 0.6, 1])
    np.testing.assert_allclose(nm.distance_to_max(x)[:3, 0], [0, 0.5, 1])
    np.testing.assert_allclose(nm.distance_to_target(x, 4.0)[:3, 0], [0, 2 / 3, 1])
    np.testing.assert_allclose(nm.goalposts(x, 2, 4)[:3, 0], [0, 50, 100])
    assert np.isnan(nm.minmax(x)[3, 0])


def test_standard_value_method_section_1_4(small: Framework) -> None:
    # d = min(100, 100·x/s); reverse (逆) indicators 100·s/x, capped.
    np.testing.assert_allclose(nm.standard_value_ratio([1.25, 2.5, 5.0], 2.5), [50, 100, 100])
    np.testing.assert_allclose(nm.standard_value_ratio([1.0, 0.25], 0.5, -1), [50, 100])
    frame = pl.DataFrame({"uCode": ["u1"], "pop": [1.0], "grp": ["x"], "a": [1.0], "b": [1.0]})
    out = Normalise("standard_value").fit_transform(_data(small, frame), small)
    np.testing.assert_allclose(out.values[0], [40.0, 50.0])


def test_normalise_reads_goalposts_from_meta_and_reports_missing(
    small_meta: object, small: Framework
) -> None:
    frame = pl.DataFrame({"uCode": ["u1"], "pop": [1.0], "grp": ["x"], "a": [1.0], "b": [1.0]})
    with pytest.raises(ValueError, match="参数在 iMeta 中为空：a.goalpost_lower, a.goalpost_upper"):
        Normalise("goalposts").fit(_data(small, frame), small)


def test_aggregations_by_hand_and_missing_rule() -> None:
    x = np.array([[1.0, 4.0, np.nan]])
    w = np.array([1.0, 3.0, 1.0])
    assert ag.weighted_arithmetic(x, w)[0] == pytest.approx((1 + 12) / 4)
    assert ag.geometric_mean(x, w)[0] == pytest.approx(np.exp((0 + 3 * np.log(4)) / 4))
    assert ag.harmonic_mean(x, w)[0] == pytest.approx(4 / (1 + 3 / 4))
    # §5.2 item 3: a NaN does not turn the generalised mean into NaN.
    assert ag.generalised_mean(x, w, p=2)[0] == pytest.approx(np.sqrt((1 + 48) / 4))
    # §5.2 item 4: zeros are allowed in the geometric mean (limit 0).
    assert ag.geometric_mean([[0.0, 5.0]])[0] == 0.0
    assert np.isnan(ag.weighted_arithmetic(x, w, min_share=0.9)[0])


def test_copeland_by_hand() -> None:
    # Units A, B, C on two equally weighted indicators.
    x = np.array([[3.0, 1.0], [2.0, 2.0], [1.0, 0.0]])
    # O[A,B] = 0.5 (tie) → 0; A beats C on both → +1; B beats C → +1; so A = 1, B = 1, C = −2.
    np.testing.assert_allclose(ag.copeland(x), [1, 1, -2])
    np.testing.assert_allclose(ag.copeland(x, [3.0, 1.0]), [2, 0, -2])


def test_copeland_through_the_aggregate_step(asem: Framework, asem_data: pl.DataFrame) -> None:
    # §5.2 item 1: COINr's Aggregate cannot call a_copeland; here it is a normal method.
    data = Normalise("minmax").fit_transform(_data(asem, asem_data), asem)
    out = Aggregate("copeland").fit_transform(data, asem)
    index = out.column("Index")
    assert np.all(np.abs(index) <= 50)  # at most n − 1 = 50 pairwise wins among 51 units


def test_ranks_ties_get_the_minimum() -> None:
    np.testing.assert_array_equal(
        rank_descending([3.0, 5.0, 5.0, np.nan, 1.0]), [3, 1, 1, np.nan, 4]
    )


def test_cronbach_alpha_by_hand() -> None:
    x = np.array([[1.0, 2.0], [2.0, 3.0], [3.0, 5.0]])
    # k = 2; var = 1, 7/3; total var = var([3, 5, 8]) = 19/3 → 2·(1 − (10/3)/(19/3)) = 18/19
    assert cronbach_alpha(x) == pytest.approx(18 / 19)


def test_screen_by_zeros_counts_among_present_values(small: Framework) -> None:
    frame = pl.DataFrame(
        {"uCode": ["u1", "u2"], "pop": [1.0, 1.0], "grp": ["x", "x"],
         "a": [0.0, 0.0], "b": [None, 3.0]}
    )  # fmt: skip
    step = Screen("byzeros", nonzero_thresh=0.5).fit(_data(small, frame), small)
    # u1: one present value, a zero → 0 % non-zero; u2: 1 of 2 → 50 %
    np.testing.assert_allclose(step.nonzero_, [0.0, 0.5])
    assert step.kept_units_ == ("u2",)
