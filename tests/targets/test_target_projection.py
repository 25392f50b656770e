"""Linear and compound trends, the method choice and the run rate."""

from __future__ import annotations

from datetime import date

import pytest

from jiazhou.targets import TrendPoint
from jiazhou.targets.projection import project, run_rate


def _points(values: list[float], first_year: int = 2020) -> list[TrendPoint]:
    return [TrendPoint(date(first_year + i, 12, 31), v, f"P{i}") for i, v in enumerate(values)]


def test_compound_wins_on_exponential_data() -> None:
    # 10, 20, 40, 80: doubling each year; compound fits exactly, linear does not.
    p = project(_points([10, 20, 40, 80]), date(2025, 12, 31))
    assert p is not None
    assert p.method == "compound"
    assert p.annual_change == pytest.approx(100.0)  # +100 % a year
    assert p.value == pytest.approx(320.0)
    assert p.rmse == pytest.approx(0.0, abs=1e-9)
    assert p.alternative_method == "linear"
    assert "均方根误差更小" in p.reason_zh


def test_linear_wins_on_linear_data() -> None:
    p = project(_points([10, 20, 30, 40]), date(2025, 12, 31), prefer="compound")
    assert p is not None
    assert p.method == "linear"
    assert p.value == pytest.approx(60.0)
    assert p.annual_change == pytest.approx(10.0)


def test_two_points_use_the_kinds_default() -> None:
    linear = project(_points([10, 20]), date(2023, 12, 31))
    compound = project(_points([10, 20]), date(2023, 12, 31), prefer="compound")
    assert linear is not None and compound is not None
    assert (linear.method, compound.method) == ("linear", "compound")
    assert linear.value == pytest.approx(40.0)
    assert compound.value == pytest.approx(80.0)
    assert "仅 2 个数据点" in linear.reason_zh
    assert not linear.is_trend


def test_fitted_points_are_reported() -> None:
    p = project(_points([10, 20, 30]), date(2023, 12, 31))
    assert p is not None
    assert [(q.source, q.value) for q in p.points] == [("P0", 10), ("P1", 20), ("P2", 30)]
    assert [q.fitted for q in p.points] == pytest.approx([10.0, 20.0, 30.0])
    assert p.is_trend


def test_too_few_points() -> None:
    assert project(_points([10]), date(2023, 12, 31)) is None
    same_day = [TrendPoint(date(2023, 1, 1), 1), TrendPoint(date(2023, 1, 1), 2)]
    assert project(same_day, date(2025, 12, 31)) is None


def test_only_fits_the_preferred_trend() -> None:
    p = project(_points([8, 4, 2]), date(2025, 12, 31), only=True)
    assert p is not None
    assert (p.method, p.alternative_method) == ("linear", None)


def test_run_rate() -> None:
    p = run_rate(TrendPoint(date(2025, 8, 31), 37.2, "O024"), 243 / 365, date(2025, 12, 31))
    assert p.method == "run_rate"
    assert p.value == pytest.approx(37.2 * 365 / 243)
    assert not p.is_trend
