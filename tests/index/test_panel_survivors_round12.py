"""Panel survivors, round 12 (issue 23), by hand from COINr's documented rules.

- ``fit_by_time``: an empty time is reported by its iData spreadsheet row (header = row 1, so
  the first data row is row 2).
- ``fit_global``: steps before ``Normalise`` run per year, normalisation is pooled over the
  years (min/max of the whole panel), steps after it run per year on the pooled scores.
- ``impute_panel``: ``latest`` looks back at most ``max_time`` time points (fewer also fill);
  a unit with no observation of a column does not stop the others.
- ``prc_change``: 0 when all values are equal (also when they are all 0); two points use the
  end points, three or more the least-squares line, ``per`` scales the rate.
- ``trends``: a code outside the indicators (an aggregate) has no direction (×1); a trend
  needs two observed points; ``t_first``/``t_latest`` are the observed end times.
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest

from jiazhou.index import Aggregate, Impute, Normalise, Pipeline
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.panel import fit_by_time, fit_global, impute_panel, prc_change, trends


def test_an_empty_time_in_the_first_data_row_is_row_2(
    small: Framework, small_data: pl.DataFrame
) -> None:
    pipe = Pipeline([Normalise("minmax"), Aggregate()])
    dated = small_data.with_columns(pl.Series("Time", [None, 2024, 2024, 2024]))
    with pytest.raises(IndexInputError, match=r"iData row 2: empty Time"):
        fit_by_time(pipe, dated, small)


def test_the_first_empty_time_is_the_one_reported(
    small: Framework, small_data: pl.DataFrame
) -> None:
    """Empty times in data rows 2 and 4 (spreadsheet rows 3 and 5): row 3 is reported."""
    pipe = Pipeline([Normalise("minmax"), Aggregate()])
    dated = small_data.with_columns(pl.Series("Time", [2024, None, 2024, None]))
    with pytest.raises(IndexInputError, match=r"iData row 3: empty Time"):
        fit_by_time(pipe, dated, small)


def test_fit_global_runs_the_earlier_steps_per_year_and_normalises_once() -> None:
    """x: 2024 = 0, 10, missing (imputed with the year's minimum 0); 2025 = 5, 20, 10.
    Pooled min-max over 0…20: 2024 → 0, 50, 0; 2025 → 25, 100, 50 (a per-year
    re-normalisation would give 0, 100, 0 in 2024)."""
    meta = pl.DataFrame(
        {"Level": [1, 2], "iCode": ["x", "I"], "Parent": ["I", None], "Direction": [1, 1],
         "Weight": [1.0, 1.0], "Type": ["Indicator", "Aggregate"]}
    )  # fmt: skip
    fw = Framework.from_meta(meta)
    panel = pl.DataFrame(
        {"uCode": ["a", "b", "c"] * 2, "Time": [2024] * 3 + [2025] * 3,
         "x": [0.0, 10.0, None, 5.0, 20.0, 10.0]}
    )  # fmt: skip
    pipe = Pipeline(
        [Impute(lambda x: np.where(np.isnan(x), np.nanmin(x), x)), Normalise("minmax"), Aggregate()]
    )
    fitted = fit_global(pipe, panel, fw)
    np.testing.assert_allclose(fitted[2024].aggregated_.column("I"), [0, 50, 0])
    np.testing.assert_allclose(fitted[2025].aggregated_.column("I"), [25, 100, 50])


def test_latest_fills_from_fewer_time_points_back_than_max_time() -> None:
    panel = pl.DataFrame({"uCode": ["u", "u"], "Time": [2020, 2021], "a": [5.0, None]})
    filled, years = impute_panel(panel, max_time=2)  # one time point back ≤ 2
    assert filled["a"].to_list() == [5.0, 5.0]
    assert years["a"].to_list() == [2020, 2020]


def test_a_unit_with_nothing_observed_does_not_stop_the_next_units() -> None:
    panel = pl.DataFrame(
        {"uCode": ["u", "u", "v", "v"], "Time": [2020, 2021, 2020, 2021],
         "a": [None, None, 1.0, None]}
    )  # fmt: skip
    filled, _ = impute_panel(panel)
    assert filled.filter(uCode="u")["a"].to_list() == [None, None]
    assert filled.filter(uCode="v")["a"].to_list() == [1.0, 1.0]


def test_percentage_change_of_equal_values_is_zero_even_at_zero() -> None:
    assert prc_change([0.0, 0.0], [2020, 2021]) == 0.0
    assert prc_change([0.0, 0.0, 0.0], [2020, 2021, 2022]) == 0.0


def test_percentage_change_of_a_falling_series() -> None:
    """100 → 50 in a year: −50 % (a falling series is not 'all equal')."""
    assert prc_change([100.0, 50.0], [2020, 2021]) == pytest.approx(-50.0)


def test_percentage_change_of_four_points_uses_the_fitted_line() -> None:
    """100, 120, 120, 140 in 2020–2023: centred t = −1.5, −0.5, 0.5, 1.5, Sxy = 60, Sxx = 5,
    slope 12; the line at 2020 is 120 − 12·1.5 = 102: 1200/102 % a year (the end points
    would give 40/3)."""
    assert prc_change([100.0, 120.0, 120.0, 140.0], [2020, 2021, 2022, 2023]) == pytest.approx(
        1200 / 102
    )


def test_percentage_change_of_a_fitted_line_per_two_years() -> None:
    """100, 130, 140: 6000/310 % a year (slope 20, line at 2020 = 310/3), so 12000/310 per
    two years."""
    assert prc_change([100.0, 130.0, 140.0], [2020, 2021, 2022], per=2.0) == pytest.approx(
        12000 / 310
    )


def test_an_aggregate_s_trend_has_no_direction(small: Framework) -> None:
    """P (an aggregate, not an indicator) = 1 → 4 over 2020–2022: CAGR √4 − 1 = 1."""
    panel = pl.DataFrame({"uCode": ["u"] * 3, "Time": [2020, 2021, 2022], "P": [1.0, 2.0, 4.0]})
    out = trends(panel, small, codes=["P"])
    assert out["CAGR"].to_list() == [pytest.approx(1.0)]


def test_a_trend_needs_two_observed_points(small: Framework) -> None:
    panel = pl.DataFrame({"uCode": ["u"] * 3, "Time": [2020, 2021, 2022], "a": [None, 3.0, None]})

    def seven(y: object, t: object) -> float:
        return 7.0

    assert trends(panel, small, codes=["a"], f_trend=seven)["seven"].to_list() == [None]


def test_first_and_latest_observed_times(small: Framework) -> None:
    """a observed in 2021 and 2023 only: t_first 2021, t_latest 2023; b never observed: none."""
    panel = pl.DataFrame(
        {"uCode": ["u"] * 4, "Time": [2020, 2021, 2022, 2023],
         "a": [None, 1.0, None, 4.0], "b": [None, None, None, None]}
    )  # fmt: skip
    out = trends(panel, small, codes=["a", "b"])
    a = out.filter(iCode="a").row(0, named=True)
    assert (a["t_first"], a["t_latest"], a["Avail"]) == (2021.0, 2023.0, 0.5)
    assert a["CAGR"] == pytest.approx(1.0)  # 4^(1/2) − 1
    b = out.filter(iCode="b").row(0, named=True)
    assert (b["t_first"], b["t_latest"], b["Avail"], b["CAGR"]) == (None, None, 0.0, None)
    assert not math.isnan(a["CAGR"])
