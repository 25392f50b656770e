"""Trend projections to the target date: linear, compound (CAGR) and year-to-date run rate.

Points sit on a continuous year axis (:func:`decimal_year`). Both trends are ordinary least
squares: the linear one on the values, the compound one on their logarithms (so its slope is
``ln(1 + annual growth)``). With three or more points the trend with the smaller root mean
square error in the indicator's unit is shown; with two points (both trends pass through them)
the kind's natural trend is shown.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from jiazhou import humanize
from jiazhou.targets.periods import decimal_year
from jiazhou.targets.records import PeriodBasis

__all__ = ["FittedPoint", "Projection", "ProjectionMethod", "TrendPoint", "project", "run_rate"]

ProjectionMethod = Literal["linear", "compound", "run_rate"]

_METHOD_ZH = {"linear": "线性趋势", "compound": "复合增长（CAGR）趋势", "run_rate": "年内进度折算"}


@dataclass(frozen=True)
class TrendPoint:
    """An input point: a value on a date, and where it came from."""

    on: date
    value: float
    source: str = ""  # obs_id, or "base" for the target's base value
    period: str = ""
    basis: PeriodBasis = "stated"


@dataclass(frozen=True)
class FittedPoint:
    """An input point with the trend's value at its date."""

    on: date
    value: float
    fitted: float
    source: str
    period: str
    basis: PeriodBasis


@dataclass(frozen=True)
class Projection:
    """The trend shown: its method, the value it reaches on ``on``, and the points it fits.

    ``annual_change`` is units per year (linear) or the annual growth rate in % (compound,
    run rate: None). ``alternative_value`` is the other trend's value on ``on`` when both
    could be fitted, so the UI can show how much the choice matters.
    """

    method: ProjectionMethod
    on: date
    value: float
    annual_change: float | None
    rmse: float | None
    points: tuple[FittedPoint, ...]
    reason_zh: str
    reason_en: str
    alternative_method: ProjectionMethod | None = None
    alternative_value: float | None = None

    @property
    def method_zh(self) -> str:
        return _METHOD_ZH[self.method]

    @property
    def is_trend(self) -> bool:
        """Three or more points: a trend of its own, not 序时进度 restated.

        Through two points (a base and one observation) the linear trend misses exactly when
        progress is behind 序时进度, and a run rate likewise; only a longer series adds
        information that may overrule the 序时进度 comparison.
        """
        return self.method != "run_rate" and len(self.points) >= 3


@dataclass(frozen=True)
class _Fit:
    method: ProjectionMethod
    slope: float
    intercept: float
    fitted: tuple[float, ...]
    rmse: float

    def at(self, x: float) -> float:
        y = self.intercept + self.slope * x
        return _exp(y) if self.method == "compound" else y


def _exp(y: float) -> float:
    """``exp`` that saturates to infinity (two points a day apart can imply huge growth)."""
    return math.exp(y) if y < 709.0 else math.inf


def _fit(method: ProjectionMethod, xs: list[float], ys: list[float]) -> _Fit | None:
    """Least squares line through (x, y), or through (x, ln y) for the compound trend."""
    if method == "compound":
        if any(y <= 0 for y in ys):
            return None
        target = [math.log(y) for y in ys]
    else:
        target = ys
    slope, intercept = statistics.linear_regression(xs, target)
    line = [intercept + slope * x for x in xs]
    fitted = [_exp(v) for v in line] if method == "compound" else line
    rmse = math.dist(fitted, ys) / math.sqrt(len(ys))  # scaled: no overflow on huge values
    return _Fit(method, slope, intercept, tuple(fitted), rmse)


def project(
    points: Sequence[TrendPoint],
    on: date,
    prefer: Literal["linear", "compound"] = "linear",
    only: bool = False,
) -> Projection | None:
    """Fit the points and project to ``on``; None with fewer than two distinct dates.

    ``only`` fits the preferred trend alone (a compound trend never reaches zero, so 消除
    targets project linearly only).
    """
    ordered = sorted(points, key=lambda p: p.on)
    xs = [decimal_year(p.on) for p in ordered]
    ys = [p.value for p in ordered]
    if len(set(xs)) < 2:
        return None
    methods: tuple[ProjectionMethod, ...] = (prefer,) if only else ("linear", "compound")
    fits = {m: f for m in methods if (f := _fit(m, xs, ys)) is not None}
    other: ProjectionMethod = "compound" if prefer == "linear" else "linear"
    n = len(ordered)
    if only and prefer in fits:
        chosen = fits[prefer]
        reason_zh = f"{n} 个数据点，该类目标只采用{_METHOD_ZH[prefer]}"
        reason_en = f"{n} points; this kind of target uses the {prefer} trend only"
    elif prefer not in fits or other not in fits:
        chosen = fits["linear"]
        reason_zh = f"{n} 个数据点；存在非正值，无法拟合复合增长，采用线性趋势"
        reason_en = f"{n} points; non-positive values rule out a compound trend, linear used"
    elif n >= 3 and fits[other].rmse < fits[prefer].rmse - 1e-12:
        chosen = fits[other]
        reason_zh = (
            f"{n} 个数据点，{_METHOD_ZH[other]}的均方根误差更小"
            f"（{humanize.number(fits[other].rmse, 4)} < {humanize.number(fits[prefer].rmse, 4)}）"
        )
        reason_en = (
            f"{n} points; the {other} trend fits better "
            f"(RMSE {fits[other].rmse:.4g} < {fits[prefer].rmse:.4g})"
        )
    elif n >= 3:
        chosen = fits[prefer]
        reason_zh = (
            f"{n} 个数据点，{_METHOD_ZH[prefer]}的均方根误差不大于另一种"
            f"（{humanize.number(fits[prefer].rmse, 4)} ≤ {humanize.number(fits[other].rmse, 4)}）"
        )
        reason_en = (
            f"{n} points; the {prefer} trend fits at least as well "
            f"(RMSE {fits[prefer].rmse:.4g} <= {fits[other].rmse:.4g})"
        )
    else:
        chosen = fits[prefer]
        reason_zh = f"仅 2 个数据点，采用该类目标的默认方法（{_METHOD_ZH[prefer]}）"
        reason_en = f"only 2 points; the default trend for this kind ({prefer}) is used"
    x_on = decimal_year(on)
    alternative = next((f for m, f in fits.items() if m != chosen.method), None)
    annual = (_exp(chosen.slope) - 1) * 100 if chosen.method == "compound" else chosen.slope
    return Projection(
        method=chosen.method,
        on=on,
        value=chosen.at(x_on),
        annual_change=annual,
        rmse=chosen.rmse,
        points=tuple(
            FittedPoint(p.on, p.value, f, p.source, p.period, p.basis)
            for p, f in zip(ordered, chosen.fitted, strict=True)
        ),
        reason_zh=reason_zh,
        reason_en=reason_en,
        alternative_method=alternative.method if alternative else None,
        alternative_value=alternative.at(x_on) if alternative else None,
    )


def run_rate(point: TrendPoint, year_share: float, on: date) -> Projection:
    """Full-year value of a year-to-date flow at its pace so far (1–8月 × 12/8)."""
    value = point.value / year_share
    return Projection(
        method="run_rate",
        on=on,
        value=value,
        annual_change=None,
        rmse=None,
        points=(
            FittedPoint(
                point.on, point.value, point.value, point.source, point.period, point.basis
            ),
        ),
        reason_zh=f"年内累计值按已过时间占全年 {year_share:.1%} 折算全年",
        reason_en=f"year-to-date value scaled to the full year ({year_share:.1%} of it elapsed)",
    )
