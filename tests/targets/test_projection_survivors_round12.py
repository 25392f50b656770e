"""Trend projection rules the full mutation run left unpinned (issue 23, round 12).

评价规则说明 「趋势外推」 (module docstring of ``jiazhou.targets.projection``): linear and compound
(CAGR) trends are least squares on the values and on their logarithms; with three or more points
the trend with the smaller RMSE is shown, a tie keeps the kind's default; two points restate
序时进度. 31 December of Y sits at Y + 1 on the year axis, so yearly points at 31 December 2020,
2021, 2022 are x = 2021, 2022, 2023. No test reads today's date.
"""

from __future__ import annotations

import dataclasses
import math
from datetime import date

import pytest

from jiazhou.targets import TrendPoint
from jiazhou.targets.projection import FittedPoint, Projection, project


def _yearly(values: list[float]) -> list[TrendPoint]:
    return [TrendPoint(date(2020 + i, 12, 31), v, f"P{i}") for i, v in enumerate(values)]


@pytest.mark.parametrize("prefer", ["linear", "compound"])
def test_a_flat_series_is_a_tie_and_keeps_the_kinds_default(prefer: str) -> None:
    """5, 5, 5: both trends are flat at 5 and fit exactly (RMSE 0 each, up to rounding). Neither
    fits *better*, so the kind's default stays (「取均方根误差较小者」, a tie is not smaller)."""
    p = project(_yearly([5, 5, 5]), date(2023, 12, 31), prefer=prefer)  # type: ignore[arg-type]
    assert p is not None
    assert p.method == prefer
    assert p.value == pytest.approx(5.0)
    assert "均方根误差不大于另一种（0.0000 ≤ 0.0000）" in p.reason_zh


def test_a_negative_value_rules_out_the_compound_trend() -> None:
    """−4, 2, 8 (a net outflow turning into an inflow): a compound trend needs the logarithm of
    every value, so only the line is fitted: slope 6 a year, 14 at the end of 2023."""
    p = project(_yearly([-4, 2, 8]), date(2023, 12, 31))
    assert p is not None
    assert (p.method, p.alternative_method) == ("linear", None)
    assert p.value == pytest.approx(14.0)
    assert p.annual_change == pytest.approx(6.0)
    assert "存在非正值" in p.reason_zh


def test_values_below_one_still_allow_a_compound_trend() -> None:
    """0.25, 0.5, 1: positive values, doubling each year: the compound trend passes through all
    three (RMSE 0) and reaches 2 at the end of 2023 (+100 % a year). The line (slope 0.375 through
    the mean 7/12) misses by 1/24, −1/12, 1/24: RMSE √(1/288) ≈ 0.0589. The reason shows both
    RMSEs with four decimals."""
    p = project(_yearly([0.25, 0.5, 1.0]), date(2023, 12, 31))
    assert p is not None
    assert p.method == "compound"
    assert p.value == pytest.approx(2.0)
    assert p.annual_change == pytest.approx(100.0)
    assert p.reason_zh == "3 个数据点，复合增长（CAGR）趋势的均方根误差更小（0.0000 < 0.0589）"


def test_the_kept_default_shows_both_rmses_with_four_decimals() -> None:
    """10, 40, 10: the line is flat at 20 (RMSE √200 = 14.14214); the compound trend is flat at
    the geometric mean g = ∛4000 ≈ 15.87401, RMSE √((2(g − 10)² + (40 − g)²) / 3) ≈ 14.73173."""
    p = project(_yearly([10, 40, 10]), date(2023, 12, 31))
    assert p is not None
    assert p.reason_zh == "3 个数据点，线性趋势的均方根误差不大于另一种（14.1421 ≤ 14.7317）"


def test_four_points_are_judged_by_rmse_too() -> None:
    """10, 20, 30, 40: 「三个及以上」 includes four. The line fits exactly (slope 10, 50 at the end
    of 2024); the compound trend does not, so the default stays for the RMSE reason."""
    p = project(_yearly([10, 20, 30, 40]), date(2024, 12, 31))
    assert p is not None
    assert p.method == "linear"
    assert p.value == pytest.approx(50.0)
    assert p.reason_zh.startswith("4 个数据点，线性趋势的均方根误差不大于另一种（0.0000 ≤ ")
    assert p.is_trend


def test_a_huge_compound_growth_is_exact_while_representable() -> None:
    """1 at the end of 2020, e^354.25 a year later: ln grows 354.25 a year, so two years on the
    trend is e^708.5 ≈ 4.98e307, still a finite float (the largest is ≈ e^709.78)."""
    points = [TrendPoint(date(2020, 12, 31), 1.0), TrendPoint(date(2021, 12, 31), math.exp(354.25))]
    p = project(points, date(2022, 12, 31), prefer="compound", only=True)
    assert p is not None
    assert p.value == pytest.approx(math.exp(708.5), rel=1e-8)


def test_a_compound_growth_beyond_the_largest_float_saturates_to_infinity() -> None:
    """1, then e^354.95 a year later: two years on the trend is e^709.9, above the largest float
    (≈ e^709.78): the projection reads infinity instead of failing."""
    points = [TrendPoint(date(2020, 12, 31), 1.0), TrendPoint(date(2021, 12, 31), math.exp(354.95))]
    p = project(points, date(2022, 12, 31), prefer="compound", only=True)
    assert p is not None
    assert p.value == math.inf


def test_a_run_rate_is_never_a_trend_whatever_it_carries() -> None:
    """「年内进度折算」 restates 序时进度 (``is_trend``'s docstring), even with three points."""
    pts = tuple(FittedPoint(date(2025, m, 28), 1.0, 1.0, "", "", "stated") for m in (2, 4, 6))
    p = Projection("run_rate", date(2025, 12, 31), 3.0, None, None, pts, "", "")
    assert not p.is_trend


def test_points_and_projections_are_read_only() -> None:
    """The engine's records are values: a point or a projection cannot be changed in place."""
    p = project(_yearly([10, 20, 40]), date(2023, 12, 31))
    assert p is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.value = 0.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.points[0].fitted = 0.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        _yearly([1])[0].value = 0.0  # type: ignore[misc]
