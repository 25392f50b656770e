"""COINr's panel tools in ``index.panel``, by hand.

- ``cagr``: (y_last / y_first)^(1 / (t_last − t_first)) − 1 over the first and latest observed
  points (in time order, whatever the row order), 0 when they are equal, NaN with fewer than two.
- ``prc_change``: two points → (y₁ − y₀)·100 / y₀ · per / (t₁ − t₀); three or more → the
  least-squares line, slope·per / (fitted value at the first time)·100; 0 when all are equal.
- ``impute_panel``: ``latest`` carries the latest earlier value forward, at most ``max_time`` time
  points of the panel back; ``linear`` interpolates between observed years only;
  ``linear-constant`` also holds the first and last values outwards.
- ``trends``: ``use_latest`` = the latest n time points up to the last observation; ``Avail`` the
  share of observed years.
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest

from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.panel import cagr, fit_by_time, impute_panel, prc_change, trends


def test_cagr_over_the_first_and_latest_points_in_time_order() -> None:
    assert cagr([50.0, 200.0], [2020, 2022]) == pytest.approx(1.0)  # 4^(1/2) − 1
    assert cagr([200.0, 50.0], [2022, 2020]) == pytest.approx(1.0)
    assert cagr([100.0, 500.0, 121.0], [2020, 2021, 2022]) == pytest.approx(0.1)
    assert cagr([121.0, 130.0, 121.0], [2020, 2021, 2022]) == 0.0
    assert cagr([100.0, 100.0, 121.0], [2020, 2021, 2022]) == pytest.approx(0.1)
    assert cagr([100.0, 25.0], [2020, 2022]) == pytest.approx(-0.5)  # a quarter: halved a year
    assert math.isnan(cagr([100.0, np.nan], [2020, 2021]))


def test_percentage_change_from_two_points() -> None:
    # +50 % in one year, per two years: 100 %
    assert prc_change([100.0, 150.0], [2020, 2021], per=2.0) == pytest.approx(100.0)
    assert prc_change([150.0, 100.0], [2021, 2020]) == pytest.approx(50.0)
    assert prc_change([80.0, 80.0], [2020, 2024]) == 0.0
    assert math.isnan(prc_change([80.0], [2020]))


def test_percentage_change_from_a_fitted_line() -> None:
    """100, 130, 140 in 2020–2022: slope 20, line at 2020 = 370/3 − 20 = 310/3, so
    20 / (310/3) · 100 = 6000/310 % a year."""
    assert prc_change([100.0, 130.0, 140.0], [2020, 2021, 2022]) == pytest.approx(6000 / 310)
    assert prc_change([140.0, 100.0, 130.0], [2022, 2020, 2021]) == pytest.approx(6000 / 310)


def test_latest_looks_back_over_the_panel_s_time_points() -> None:
    """u has 2020 and a gap in 2023; v fills 2021 and 2022, so 2020 is three time points back."""
    panel = pl.DataFrame(
        {"uCode": ["u", "u", "v", "v"], "Time": [2020, 2023, 2021, 2022],
         "a": [5.0, None, 1.0, 2.0]}
    )  # fmt: skip
    filled, years = impute_panel(panel, max_time=3)
    assert filled.filter(uCode="u")["a"].to_list() == [5.0, 5.0]
    assert years.filter(uCode="u")["a"].to_list() == [2020, 2020]
    short, _ = impute_panel(panel, max_time=2)
    assert short.filter(uCode="u")["a"].to_list() == [5.0, None]


def test_latest_never_fills_from_a_later_year() -> None:
    panel = pl.DataFrame({"uCode": ["u"] * 3, "Time": [2020, 2021, 2022], "a": [None, 4.0, None]})
    filled, years = impute_panel(panel)
    assert filled["a"].to_list() == [None, 4.0, 4.0]
    assert years["a"].to_list() == [None, 2021, 2021]


def test_linear_inside_and_constant_outside() -> None:
    panel = pl.DataFrame(
        {"uCode": ["u"] * 5, "Time": [2019, 2020, 2021, 2022, 2023],
         "a": [None, 2.0, None, 8.0, None], "label": ["p", "q", "r", "s", "t"]}
    )  # fmt: skip
    linear, years = impute_panel(panel, method="linear")
    assert linear["a"].to_list() == [None, 2.0, 5.0, 8.0, None]
    assert years["a"].to_list() == [None, 2020, 2021, 2022, None]  # interpolated: its own year
    held, _ = impute_panel(panel, method="linear-constant")
    assert held["a"].to_list() == [2.0, 2.0, 5.0, 8.0, 8.0]
    assert held["label"].to_list() == ["p", "q", "r", "s", "t"]  # text is left alone
    with pytest.raises(IndexInputError, match="iData lacks the column 'Time'"):
        impute_panel(panel.drop("Time"))


def test_trends_over_the_latest_points(small: Framework) -> None:
    """a = 1, 2, 4, 16 in 2020–2023 (a is higher-better): over the latest three points
    (2, 4, 16) the CAGR is 8^(1/2) − 1; over five there are not enough points."""
    panel = pl.DataFrame(
        {"uCode": ["u"] * 4, "Time": [2023, 2020, 2022, 2021], "a": [16.0, 1.0, 4.0, 2.0],
         "b": [None, 1.0, None, None]}
    )  # fmt: skip
    out = trends(panel, small, use_latest=3)
    row = out.filter(iCode="a").row(0, named=True)
    assert row["CAGR"] == pytest.approx(math.sqrt(8) - 1)
    assert (row["Avail"], row["t_first"], row["t_latest"]) == (1.0, 2020.0, 2023.0)
    b = out.filter(iCode="b").row(0, named=True)
    assert (b["CAGR"], b["Avail"]) == (None, 0.25)
    whole = trends(panel, small, codes=["a"])
    assert whole["CAGR"][0] == pytest.approx(16 ** (1 / 3) - 1)
    assert trends(panel, small, codes=["a"], use_latest=5)["CAGR"].to_list() == [None]


def test_fit_by_time_needs_every_row_s_year(small: Framework, small_data: pl.DataFrame) -> None:
    from jiazhou.index import Aggregate, Normalise, Pipeline

    pipe = Pipeline([Normalise("minmax"), Aggregate()])
    with pytest.raises(IndexInputError, match="iData lacks the time column 'Time'"):
        fit_by_time(pipe, small_data, small)
    dated = small_data.with_columns(pl.Series("Time", [2024, 2024, None, 2024]))
    with pytest.raises(IndexInputError, match="iData row 4: empty Time"):
        fit_by_time(pipe, dated, small)


def test_a_trend_function_gets_the_latest_points_up_to_the_last_observation(
    small: Framework,
) -> None:
    """``use_latest = 3`` with 2024 missing: the function (any callable, COINr's ``f_trend``)
    receives 2021, 2022 and 2023 — three years and three values, nothing after the last
    observation."""
    panel = pl.DataFrame(
        {"uCode": ["u"] * 5, "Time": [2020, 2021, 2022, 2023, 2024],
         "a": [1.0, 2.0, 4.0, 16.0, None]}
    )  # fmt: skip

    def shape(y: object, t: object) -> float:
        return float(len(y) + 10 * len(t))  # type: ignore[arg-type]

    assert trends(panel, small, codes=["a"], f_trend=shape, use_latest=3)["shape"].to_list() == [
        33.0
    ]


def test_use_latest_of_exactly_the_observed_points(small: Framework) -> None:
    """Four observed years and ``use_latest = 4``: the whole series, 16^(1/3) − 1."""
    panel = pl.DataFrame(
        {"uCode": ["u"] * 4, "Time": [2020, 2021, 2022, 2023], "a": [1.0, 2.0, 4.0, 16.0]}
    )
    out = trends(panel, small, codes=["a"], use_latest=4)
    assert out["CAGR"][0] == pytest.approx(16 ** (1 / 3) - 1)


def test_trend_rows_follow_the_table_s_units(small: Framework) -> None:
    """One row per unit × code, units in the order the table lists them (here Z…A)."""
    units = [f"U{k:02d}" for k in range(40, 0, -1)]
    panel = pl.DataFrame(
        {"uCode": units * 2, "Time": [2020] * 40 + [2021] * 40, "a": [1.0] * 40 + [2.0] * 40}
    )
    assert trends(panel, small, codes=["a"])["uCode"].to_list() == units
