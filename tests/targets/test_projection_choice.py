"""The trend choice at exactly three points, and the RMSE it is judged by.

评价规则说明 「趋势外推」: 三个及以上数据点时，线性趋势与复合增长（CAGR）趋势取均方根误差较小者；
两个数据点时趋势只是序时进度的重述。RMSE = √(Σ residual² ÷ n), in the indicator's unit.
Points at 31 December of 2020, 2021, 2022 sit at 2021.0, 2022.0, 2023.0 on the year axis.
"""

from __future__ import annotations

import math
from datetime import date

import pytest

from jiazhou.targets import TrendPoint
from jiazhou.targets.projection import project


def _yearly(values: list[float]) -> list[TrendPoint]:
    return [TrendPoint(date(2020 + i, 12, 31), v, f"P{i}") for i, v in enumerate(values)]


def test_three_points_already_let_the_better_trend_overrule_the_default() -> None:
    """10, 20, 40: the compound trend (doubling) passes through all three (RMSE 0); the line
    y = 23⅓ + 15 (x − 2022) misses by 5/3, −10/3, 5/3 (RMSE √(50/9) ≈ 2.357). Three points are
    「三个及以上」, so the compound trend is shown although linear is the kind's default."""
    p = project(_yearly([10, 20, 40]), date(2023, 12, 31))
    assert p is not None
    assert p.method == "compound"
    assert p.value == pytest.approx(80.0)
    assert p.annual_change == pytest.approx(100.0)
    assert p.alternative_method == "linear"
    assert p.alternative_value == pytest.approx(23 + 1 / 3 + 15 * 2)
    assert p.reason_zh.startswith("3 个数据点，复合增长（CAGR）趋势的均方根误差更小")
    assert p.is_trend


def test_three_points_keep_the_default_when_it_fits_as_well_and_say_why() -> None:
    """10, 40, 10: the line is flat at 20, residuals −10, 20, −10, RMSE √(600/3) = √200; the
    compound trend is flat at the geometric mean ∛4000 ≈ 15.874, RMSE ≈ 14.73 > √200. The linear
    default stays, and the reason is the RMSE comparison of three points, not the two-point rule."""
    p = project(_yearly([10, 40, 10]), date(2023, 12, 31))
    assert p is not None
    assert p.method == "linear"
    assert p.rmse == pytest.approx(math.sqrt(200))
    assert p.value == pytest.approx(20.0)
    assert p.annual_change == pytest.approx(0.0, abs=1e-9)
    assert p.alternative_method == "compound"
    assert p.alternative_value == pytest.approx(4000 ** (1 / 3))
    assert p.reason_zh.startswith("3 个数据点，线性趋势的均方根误差不大于另一种")
    assert "仅 2 个数据点" not in p.reason_zh
    assert p.reason_en.startswith("3 points; the linear trend fits at least as well")
    assert p.is_trend


def test_the_rmse_is_in_the_indicators_unit() -> None:
    """0, 3, 0 (a zero rules out the compound trend): the line is flat at 1, residuals −1, 2,
    −1, so RMSE = √(6/3) = √2 — not the residuals' total length √6."""
    p = project(_yearly([0, 3, 0]), date(2023, 12, 31))
    assert p is not None
    assert (p.method, p.alternative_method) == ("linear", None)
    assert p.rmse == pytest.approx(math.sqrt(2))
    assert [q.fitted for q in p.points] == pytest.approx([1.0, 1.0, 1.0])
    assert "存在非正值" in p.reason_zh
