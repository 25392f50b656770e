"""Normalisation functions: the one implementation of min-max, z-score, rank and friends.

Every function takes a NumPy array whose **first axis is the unit axis** (the population an
indicator is normalised over) and returns an array of the same shape; extra axes (indicators,
replications) are normalised independently. ``NaN`` means missing: it is ignored when the
population statistics are computed and stays ``NaN`` in the output.

``direction`` is ``+1`` (higher is better) or ``-1`` (lower is better); for ``-1`` the result is
mirrored so that a higher normalised value is always better.
"""

from __future__ import annotations

import warnings

import numpy as np
import numpy.typing as npt
from scipy import stats

FloatArray = npt.NDArray[np.float64]

__all__ = [
    "benchmark_ratio",
    "borda",
    "distance_to_max",
    "distance_to_target",
    "fraction_of_max",
    "goalposts",
    "minmax",
    "percentile_rank",
    "rank",
    "standard_value_ratio",
    "winsorise_quantiles",
    "zscore",
]


def _as_float(x: npt.ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def _oriented(x: npt.ArrayLike, direction: float | npt.ArrayLike) -> FloatArray:
    return _as_float(x) * np.sign(_as_float(direction))


def minmax(
    x: npt.ArrayLike,
    lo: float = 0.0,
    hi: float = 100.0,
    direction: float | npt.ArrayLike = 1,
) -> FloatArray:
    """Rescale to ``[lo, hi]``: ``lo + (x - min) / (max - min) * (hi - lo)``.

    A constant column (max == min) maps to the midpoint ``(lo + hi) / 2``, as COINr does not
    define it and a NaN there would silently drop the indicator.
    """
    v = _oriented(x, direction)
    with np.errstate(invalid="ignore", divide="ignore"):
        vmin = np.nanmin(v, axis=0, keepdims=True) if v.size else v
        vmax = np.nanmax(v, axis=0, keepdims=True) if v.size else v
        span = vmax - vmin
        out = lo + (v - vmin) / np.where(span == 0, np.nan, span) * (hi - lo)
    return np.where((span == 0) & ~np.isnan(v), (lo + hi) / 2, out)


def zscore(
    x: npt.ArrayLike,
    mean: float = 0.0,
    sd: float = 1.0,
    direction: float | npt.ArrayLike = 1,
) -> FloatArray:
    """Standardise to the given mean and standard deviation (sample SD, ``ddof=1``, as R)."""
    v = _oriented(x, direction)
    with np.errstate(invalid="ignore", divide="ignore"):
        mu = np.nanmean(v, axis=0, keepdims=True)
        s = np.nanstd(v, axis=0, ddof=1, keepdims=True)
        out: FloatArray = mean + (v - mu) / np.where(s == 0, np.nan, s) * sd
        return out


def rank(x: npt.ArrayLike, direction: float | npt.ArrayLike = 1) -> FloatArray:
    """Rank with ties given the minimum rank (1 = lowest oriented value), NaN kept.

    This is COINr's ``n_rank`` orientation: the best unit gets the highest number, so the
    result can be aggregated like any other score.
    """
    v = _oriented(x, direction)
    out = stats.rankdata(v, method="min", axis=0, nan_policy="omit")
    return np.where(np.isnan(v), np.nan, out)


def percentile_rank(x: npt.ArrayLike, direction: float | npt.ArrayLike = 1) -> FloatArray:
    """Percentile rank in ``[0, 1]``: ``(rank_min - 1) / (n - 1)`` over non-missing units."""
    v = _oriented(x, direction)
    r = rank(v)
    n = np.sum(~np.isnan(v), axis=0, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (r - 1) / np.where(n > 1, n - 1, np.nan)
    return np.where(np.isnan(v), np.nan, np.where(n == 1, 1.0, out))


def borda(x: npt.ArrayLike, direction: float | npt.ArrayLike = 1) -> FloatArray:
    """Borda score: the number of units this unit beats (``rank - 1``)."""
    return rank(x, direction) - 1


def fraction_of_max(x: npt.ArrayLike, direction: float | npt.ArrayLike = 1) -> FloatArray:
    """``x / max(x)`` (for ``direction = -1``: ``min(x) / x``), the 'percentage of max' method."""
    v = _as_float(x)
    d = np.sign(_as_float(direction))
    with np.errstate(invalid="ignore", divide="ignore"):
        up = v / np.nanmax(v, axis=0, keepdims=True)
        down = np.nanmin(v, axis=0, keepdims=True) / v
    out: FloatArray = np.where(d < 0, down, up)
    return out


def distance_to_max(x: npt.ArrayLike, direction: float | npt.ArrayLike = 1) -> FloatArray:
    """``1 - (max - x) / (max - min)`` on the oriented values: 1 for the best, 0 for the worst."""
    return minmax(x, 0.0, 1.0, direction)


def goalposts(
    x: npt.ArrayLike,
    low: float | npt.ArrayLike,
    high: float | npt.ArrayLike,
    direction: float | npt.ArrayLike = 1,
    scale: float = 100.0,
    trunc: bool = True,
) -> FloatArray:
    """Scale between fixed goalposts: ``(x - low) / (high - low) * scale``, clipped to
    ``[0, scale]`` when ``trunc``; reversed as ``(high - x) / (high - low)`` for ``direction = -1``.
    """
    v = _as_float(x)
    lo = _as_float(low)
    hi = _as_float(high)
    d = np.sign(_as_float(direction))
    with np.errstate(invalid="ignore", divide="ignore"):
        up = (v - lo) / (hi - lo)
        out = np.where(d < 0, 1 - up, up) * scale
    return np.clip(out, 0, scale) if trunc else out


def standard_value_ratio(
    x: npt.ArrayLike,
    standard: float | npt.ArrayLike,
    direction: float | npt.ArrayLike = 1,
    cap: float = 100.0,
) -> FloatArray:
    """The Chinese regional evaluation's 标准值 method (《中国区域科技创新评价报告》).

    Positive indicators: ``100 × x / standard``; reverse (逆向) indicators:
    ``100 × standard / x``; both capped at ``cap`` (a value beyond the standard earns no more).
    A reverse indicator with ``x <= 0`` has reached the standard and scores ``cap``.
    """
    v = _as_float(x)
    s = _as_float(standard)
    d = np.sign(_as_float(direction))
    with np.errstate(invalid="ignore", divide="ignore"):
        up = 100.0 * v / s
        down = np.where(v <= 0, cap, 100.0 * s / v)
    out = np.where(d < 0, down, up)
    return np.where(np.isnan(v), np.nan, np.minimum(out, cap))


def distance_to_target(
    x: npt.ArrayLike,
    target: float | npt.ArrayLike,
    direction: float | npt.ArrayLike = 1,
    cap: bool = True,
) -> FloatArray:
    """COINr's ``n_dist2targ``: ``1 - (target - x) / (target - min)`` on oriented values.

    For ``direction = -1`` both the values and the target are multiplied by -1 first, as COINr
    does for every method; with ``cap`` a value beyond the target scores 1.
    """
    v = _oriented(x, direction)
    t = _oriented(target, direction)
    with np.errstate(invalid="ignore", divide="ignore"):
        vmin = np.nanmin(v, axis=0, keepdims=True)
        out = 1 - (t - v) / (t - vmin)
    return np.where(cap & (out > 1), 1.0, out)


def winsorise_quantiles(x: npt.ArrayLike, lower: float = 0.05, upper: float = 0.95) -> FloatArray:
    """Clip each column to its ``lower`` and ``upper`` quantiles (linear interpolation, NaN kept).

    The 5th/95th-percentile winsorising of criteria.md §5.3, applied before :func:`minmax` so
    that one extreme unit does not squeeze everyone else into a corner of the scale.
    """
    v = _as_float(x)
    if not v.size or np.all(np.isnan(v)):
        return v.copy()
    with np.errstate(invalid="ignore"):
        lo = np.nanquantile(v, lower, axis=0, keepdims=True)
        hi = np.nanquantile(v, upper, axis=0, keepdims=True)
    return np.where(np.isnan(v), np.nan, np.clip(v, lo, hi))


def benchmark_ratio(
    x: npt.ArrayLike,
    benchmark: float | npt.ArrayLike | None = None,
    direction: float | npt.ArrayLike = 1,
    cap: float | None = None,
) -> FloatArray:
    """Ratio to a benchmark, the 亩均 scoring of criteria.md §6.1: ``x / benchmark``.

    ``benchmark`` defaults to each column's mean over non-missing units (the cohort average).
    Reverse indicators (``direction = -1``) score ``benchmark / x`` (``x <= 0`` has reached the
    best value and scores ``cap``). With ``cap`` the ratio is at most ``cap`` (e.g. 2.0: a unit
    earns at most twice the indicator's weight). A benchmark ``<= 0`` gives NaN (no scale).
    """
    v = _as_float(x)
    if benchmark is None:
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # an all-missing column
            b = np.nanmean(v, axis=0, keepdims=True) if v.size else v
    else:
        b = _as_float(benchmark)
    d = np.sign(_as_float(direction))
    top = np.inf if cap is None else cap
    with np.errstate(invalid="ignore", divide="ignore"):
        b_ok = np.where(b > 0, b, np.nan)
        up = v / b_ok
        down = np.where(v <= 0, top, b_ok / v)
    out = np.where(d < 0, down, up)
    out = np.where(np.isnan(v) | np.isnan(b_ok), np.nan, out)
    return out if cap is None else np.minimum(out, cap)
