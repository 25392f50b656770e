"""Normalisation functions: the one implementation of min-max, z-score, rank and friends.

Every function takes a NumPy array whose **first axis is the unit axis** (the population an
indicator is normalised over) and returns an array of the same shape; extra axes (indicators,
replications) are normalised independently. ``NaN`` means missing: it is ignored when the
population statistics are computed and stays ``NaN`` in the output.

``direction`` is ``+1`` (higher is better) or ``-1`` (lower is better); for ``-1`` the result is
mirrored so that a higher normalised value is always better.

The step :class:`Normalise` dispatches each indicator to one of these functions. Methods and
their parameters (``params``): ``minmax`` (``lo``, ``hi``), ``zscore`` (``mean``, ``sd``),
``scaled`` (``lower``, ``upper``, ``scale_factor``; COINr's ``n_scaled``), ``rank``,
``percentile_rank``, ``borda``, ``fraction_of_max``, ``distance_to_max``, ``distance_to_ref``
(``ref``: the reference unit's code, ``cap``; COINr's ``n_dist2ref``), ``distance_to_target``
(``cap``; target from iMeta ``Target``), ``goalposts`` (``scale``, ``trunc``; posts from iMeta
``goalpost_lower``/``goalpost_upper``, and ``goalpost_scale``/``goalpost_trunc2posts`` when
iMeta has them), ``standard_value`` (``cap``; 标准值 from iMeta ``Standard`` — the Chinese
regional evaluation's ``100 × x / s`` capped at 100, reverse indicators ``100 × s / x``), and
``none`` (values times direction, as COINr). ``use_imeta=True`` is COINr's ``f_n_para =
"use_iMeta"``: each indicator's parameters come from its iMeta row (:data:`IMETA_PARAMS`).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from typing import Any, Self

import numpy as np
import numpy.typing as npt

from jiazhou.index import ranking
from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.statistics import r_mean, r_sd
from jiazhou.index.step import Step

FloatArray = npt.NDArray[np.float64]

__all__ = [
    "METHODS",
    "Normalise",
    "normalise_columns",
    "benchmark_ratio",
    "borda",
    "distance_to_max",
    "distance_to_ref",
    "distance_to_target",
    "fraction_of_max",
    "goalposts",
    "minmax",
    "percentile_rank",
    "rank",
    "scaled",
    "standard_value_ratio",
    "winsorise_quantiles",
    "zscore",
]


def _as_float(x: npt.ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def _polarity(direction: float | npt.ArrayLike) -> FloatArray:
    """``direction`` (a number or one per column) checked to be 1 (higher is better) or −1
    (lower is better). Anything else is refused: each method used to read 0 its own way (min–
    max gave every unit 0.5, percentile rank 0, a benchmark ratio read it as 1)."""
    d = _as_float(direction)
    if not np.isin(d, (1.0, -1.0)).all():
        bad = sorted({float(v) for v in np.atleast_1d(d) if v not in (1.0, -1.0)}, key=str)
        raise ValueError(f"方向应为 1 或 -1，而非 {bad} / direction must be 1 or -1, got {bad}")
    return d


def _oriented(x: npt.ArrayLike, direction: float | npt.ArrayLike) -> FloatArray:
    return _as_float(x) * _polarity(direction)


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
    mean: float | npt.ArrayLike = 0.0,
    sd: float | npt.ArrayLike = 1.0,
    direction: float | npt.ArrayLike = 1,
) -> FloatArray:
    """COINr's ``n_zscore``: ``(x − mean(x)) / sd(x) · sd + mean``, with R's correctly rounded
    two-pass ``mean`` and ``sd`` (:func:`~jiazhou.index.statistics.r_mean`), so ties hold."""
    v = _oriented(x, direction)
    with np.errstate(invalid="ignore", divide="ignore"):
        mu = r_mean(v, axis=0)
        s = r_sd(v, axis=0)
        out: FloatArray = (v - mu) / np.where(s == 0, np.nan, s) * _as_float(sd) + _as_float(mean)
        return out


def scaled(
    x: npt.ArrayLike,
    lower: float | npt.ArrayLike = 0.0,
    upper: float | npt.ArrayLike = 100.0,
    scale_factor: float | npt.ArrayLike = 100.0,
    direction: float | npt.ArrayLike = 1,
) -> FloatArray:
    """COINr's ``n_scaled``: ``(x − lower) / (upper − lower) · scale_factor`` on the oriented
    values (a fixed linear rescaling, not min–max)."""
    v = _oriented(x, direction)
    lo, hi = _as_float(lower), _as_float(upper)
    with np.errstate(invalid="ignore", divide="ignore"):
        out: FloatArray = (v - lo) / (hi - lo) * _as_float(scale_factor)
    return out


def rank(x: npt.ArrayLike, direction: float | npt.ArrayLike = 1) -> FloatArray:
    """COINr's ``n_rank``: rank with ties given the minimum rank (1 = lowest oriented value),
    NaN kept, so the best unit gets the highest number and ranks aggregate like scores.
    Computed by :func:`jiazhou.index.ranking.rank`, the code base's one rank function."""
    return ranking.rank(_oriented(x, direction), axis=0, descending=False)


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
    """Share of the best value: ``x / max(x)``; for ``direction = -1``, ``min(x) / x``.

    Defined for non-negative data. The best unit(s) always score 1, so a lower-is-better
    indicator whose minimum is 0 gives 1 to the units at 0 and 0 to every other unit (the limit
    of ``min/x`` as the minimum falls to 0). This departs from COINr's ``n_fracmax``, which
    divides the direction-flipped values ``−x`` by their maximum, i.e. returns ``x / min(x)``:
    a score that grows as the unit gets worse, and ``±Inf``/``NaN`` when the minimum is 0.
    """
    v = _as_float(x)
    d = _polarity(direction)
    with np.errstate(invalid="ignore", divide="ignore"):
        vmax = np.nanmax(v, axis=0, keepdims=True)
        vmin = np.nanmin(v, axis=0, keepdims=True)
        up = np.where(v == vmax, 1.0, v / vmax)
        down = np.where(v == vmin, 1.0, vmin / v)
    out: FloatArray = np.where(np.isnan(v), np.nan, np.where(d < 0, down, up))
    return out


def distance_to_max(x: npt.ArrayLike, direction: float | npt.ArrayLike = 1) -> FloatArray:
    """``1 - (max - x) / (max - min)`` on the oriented values: 1 for the best, 0 for the worst."""
    return minmax(x, 0.0, 1.0, direction)


def goalposts(
    x: npt.ArrayLike,
    low: float | npt.ArrayLike,
    high: float | npt.ArrayLike,
    direction: float | npt.ArrayLike = 1,
    scale: float | npt.ArrayLike = 100.0,
    trunc: bool | npt.ArrayLike = True,
) -> FloatArray:
    """COINr's ``n_goalposts`` with iMeta goalposts: ``(x − low)/(high − low)`` for
    ``direction = 1``; for ``-1`` the posts are mirrored with the data, ``(−x − (−high)) /
    (−low − (−high))``; truncated to ``[0, 1]`` when ``trunc``; times ``scale``."""
    d = _polarity(direction)
    v = _as_float(x) * d
    lo = np.where(d < 0, -_as_float(high), _as_float(low))
    hi = np.where(d < 0, -_as_float(low), _as_float(high))
    with np.errstate(invalid="ignore", divide="ignore"):
        y = (v - lo) / (hi - lo)
    t = np.asarray(trunc, dtype=bool)
    y = np.where(t & (y > 1), 1.0, np.where(t & (y < 0), 0.0, y))
    out: FloatArray = y * _as_float(scale)
    return out


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
    d = _polarity(direction)
    with np.errstate(invalid="ignore", divide="ignore"):
        up = 100.0 * v / s
        down = np.where(v <= 0, cap, 100.0 * s / v)
    out = np.where(d < 0, down, up)
    return np.where(np.isnan(v), np.nan, np.minimum(out, cap))


def distance_to_target(
    x: npt.ArrayLike,
    target: float | npt.ArrayLike,
    direction: float | npt.ArrayLike = 1,
    cap: bool | npt.ArrayLike = True,
) -> FloatArray:
    """COINr's ``n_dist2targ`` as called by ``Normalise`` with iMeta targets: values and target
    are multiplied by the direction, then ``(x − min)/(target − min)``; with ``cap`` a value
    beyond the target scores 1. For ``direction = -1`` this is ``(max − x)/(max − target)``."""
    v = _oriented(x, direction)
    t = _oriented(target, direction)
    with np.errstate(invalid="ignore", divide="ignore"):
        vmin = np.nanmin(v, axis=0, keepdims=True)
        out = (v - vmin) / (t - vmin)
    return np.where(np.asarray(cap, dtype=bool) & (out > 1), 1.0, out)


def distance_to_ref(
    x: npt.ArrayLike,
    ref: int,
    direction: float | npt.ArrayLike = 1,
    cap: bool = False,
) -> FloatArray:
    """COINr's ``n_dist2ref``: ``1 − (x_ref − x)/(x_ref − min)`` on the oriented values, where
    ``x_ref`` is the value of the unit at row ``ref``; with ``cap`` values beyond it score 1.
    A missing reference value gives a missing column, as in COINr."""
    v = _oriented(x, direction)
    with np.errstate(invalid="ignore", divide="ignore"):
        vmin = np.nanmin(v, axis=0, keepdims=True)
        xref = v[ref : ref + 1]
        out = 1 - (xref - v) / (xref - vmin)
    return np.where(cap & (out > 1), 1.0, out)


METHODS = (
    "minmax",
    "zscore",
    "scaled",
    "rank",
    "percentile_rank",
    "borda",
    "fraction_of_max",
    "distance_to_max",
    "distance_to_ref",
    "distance_to_target",
    "goalposts",
    "standard_value",
    "none",
)
# iMeta columns a method always needs, whatever ``use_imeta`` says
META_COLUMN = {
    "distance_to_target": ("Target",),
    "goalposts": ("goalpost_lower", "goalpost_upper"),
    "standard_value": ("Standard",),
}
# COINr's get_iMeta_norm_paras: method parameter ← iMeta column (with use_imeta=True)
IMETA_PARAMS: dict[str, dict[str, str]] = {
    "minmax": {"lo": "minmax_lower", "hi": "minmax_upper"},
    "scaled": {"lower": "scaled_lower", "upper": "scaled_upper", "scale_factor": "scale_factor"},
    "zscore": {"mean": "zscore_mean", "sd": "zscore_sd"},
    "distance_to_target": {"cap": "dist2targ_cap_max"},
    "goalposts": {"scale": "goalpost_scale", "trunc": "goalpost_trunc2posts"},
}
# optional iMeta columns read even without use_imeta (issue 13 defect 4: goalpost_scale)
OPTIONAL_META = {"goalposts": {"scale": "goalpost_scale", "trunc": "goalpost_trunc2posts"}}
DEFAULTS: dict[str, dict[str, Any]] = {
    "minmax": {"lo": 0.0, "hi": 100.0},
    "zscore": {"mean": 0.0, "sd": 1.0},
    "scaled": {"lower": 0.0, "upper": 100.0, "scale_factor": 100.0},
    "distance_to_ref": {"ref": None, "cap": False},
    "distance_to_target": {"cap": True},
    "goalposts": {"scale": 100.0, "trunc": True},
    "standard_value": {"cap": 100.0},
}
META_COLUMNS = (
    "Target",
    "Standard",
    "goalpost_lower",
    "goalpost_upper",
    *sorted({c for m in IMETA_PARAMS.values() for c in m.values()}),
)


def normalise_columns(
    x: FloatArray,
    method: str,
    direction: FloatArray,
    params: Mapping[str, Any],
    meta: Mapping[str, FloatArray],
) -> FloatArray:
    """Normalise every column of ``x`` (units on axis 0) with one method; ``params`` values may
    be scalars or one value per column."""
    p = {**DEFAULTS.get(method, {}), **params}
    calls: dict[str, Callable[[], FloatArray]] = {
        "minmax": lambda: minmax(x, p["lo"], p["hi"], direction),
        "zscore": lambda: zscore(x, p["mean"], p["sd"], direction),
        "scaled": lambda: scaled(x, p["lower"], p["upper"], p["scale_factor"], direction),
        "rank": lambda: rank(x, direction),
        "percentile_rank": lambda: percentile_rank(x, direction),
        "borda": lambda: borda(x, direction),
        "fraction_of_max": lambda: fraction_of_max(x, direction),
        "distance_to_max": lambda: distance_to_max(x, direction),
        "distance_to_ref": lambda: distance_to_ref(x, int(p["ref"]), direction, bool(p["cap"])),
        "distance_to_target": lambda: distance_to_target(x, meta["Target"], direction, p["cap"]),
        "goalposts": lambda: goalposts(
            x, meta["goalpost_lower"], meta["goalpost_upper"], direction, p["scale"], p["trunc"]
        ),
        "standard_value": lambda: standard_value_ratio(x, meta["Standard"], direction, p["cap"]),
        "none": lambda: x * direction,
    }
    return calls[method]()


class Normalise(Step):
    """Normalise all indicators with ``method`` (``individual`` overrides per indicator code:
    ``{"code": {"method": ..., **params}}``); ``use_imeta`` reads each indicator's parameters
    from its iMeta columns, as COINr's ``f_n_para = "use_iMeta"``."""

    name = "Normalised"

    def __init__(
        self,
        method: str = "minmax",
        params: Mapping[str, Any] | None = None,
        individual: Mapping[str, Mapping[str, Any]] | None = None,
        use_imeta: bool = False,
    ) -> None:
        self.method = method
        self.params = params
        self.individual = individual
        self.use_imeta = use_imeta

    def fit(self, data: Dataset, framework: Framework) -> Self:
        """Resolve each indicator's method, parameters, direction and metadata constants."""
        order = {c: j for j, c in enumerate(framework.indicators)}
        columns = {col: framework.column(col) for col in META_COLUMNS}
        idx = [order[c] for c in data.codes]
        self.directions_ = framework.directions[idx]
        groups: dict[tuple[str, tuple[tuple[str, Any], ...]], list[int]] = {}
        missing: list[tuple[str, str]] = []
        self.from_meta_: dict[str, dict[str, str]] = {}
        for j, code in enumerate(data.codes):
            spec = {"method": self.method, **(self.params or {})}
            spec.update((self.individual or {}).get(code, {}))
            method = str(spec.pop("method"))
            if method not in METHODS:
                raise IndexInputError(
                    f"指标「{code}」的标准化方法「{method}」无效，应为 {METHODS} 之一",
                    f"indicator '{code}': normalisation '{method}' is not one of {METHODS}",
                )
            if method == "distance_to_ref":
                ref = spec.get("ref")
                if ref not in data.units:
                    raise IndexInputError(
                        f"指标「{code}」的参照单位「{ref}」不在数据中",
                        f"indicator '{code}': reference unit {ref!r} is not in the data",
                    )
                spec["ref"] = data.units.index(str(ref))
            required = list(META_COLUMN.get(method, ()))
            linked = dict(OPTIONAL_META.get(method, {}))
            if self.use_imeta:
                imeta = IMETA_PARAMS.get(method)
                if imeta is None:
                    raise IndexInputError(
                        f"标准化方法「{method}」不支持从 iMeta 读取参数",
                        f"normalisation '{method}' takes no parameters from iMeta",
                    )
                linked.update(imeta)
                optional = {"dist2targ_cap_max"}  # COINr: assumed FALSE when absent
                required += [c for c in imeta.values() if c not in optional]
            missing += [
                (code, col) for col in required if not np.isfinite(columns[col][order[code]])
            ]
            for param, col in linked.items():
                if np.isfinite(columns[col][order[code]]):
                    spec.pop(param, None)
                    self.from_meta_.setdefault(code, {})[param] = col
                elif param == "cap" and self.use_imeta:
                    spec[param] = False
            key = (
                method,
                tuple(sorted(spec.items())),
                tuple(sorted(self.from_meta_.get(code, {}))),
            )
            groups.setdefault((key[0], key[1] + tuple((p, "<iMeta>") for p in key[2])), []).append(
                j
            )
        if missing:
            listed = ", ".join(f"{code}.{col}" for code, col in missing)
            raise IndexInputError(
                f"以下指标的标准化参数在 iMeta 中为空：{listed}",
                f"these indicators lack their normalisation parameter in iMeta: {listed}",
            )
        self.groups_ = groups
        self.meta_ = {col: values[idx] for col, values in columns.items()}
        return self

    def transform(self, data: Dataset) -> Dataset:
        """Normalised values, one vectorised call per (method, parameters) group."""
        out = np.full_like(data.values, np.nan)
        for (method, params), cols in self.groups_.items():
            meta = {k: v[cols] for k, v in self.meta_.items()}
            out[:, cols] = normalise_columns(
                data.values[:, cols],
                method,
                self.directions_[cols],
                self.group_params(method, params, cols),
                meta,
            )
        return data.with_values(out)

    def group_params(
        self, method: str, params: tuple[tuple[str, Any], ...], cols: list[int]
    ) -> dict[str, Any]:
        """A group's parameters with those read from iMeta (``"<iMeta>"`` in :attr:`groups_`)
        replaced by one value per column of ``cols``."""
        resolved: dict[str, Any] = {}
        for name, value in params:
            if value == "<iMeta>":
                column = IMETA_PARAMS.get(method, OPTIONAL_META.get(method, {})).get(name)
                column = column or OPTIONAL_META[method][name]
                resolved[name] = self.meta_[column][cols]
            else:
                resolved[name] = value
        return resolved


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
    d = _polarity(direction)
    top = np.inf if cap is None else cap
    with np.errstate(invalid="ignore", divide="ignore"):
        b_ok = np.where(b > 0, b, np.nan)
        up = v / b_ok
        down = np.where(v <= 0, top, b_ok / v)
    out = np.where(d < 0, down, up)
    out = np.where(np.isnan(v) | np.isnan(b_ok), np.nan, out)
    return out if cap is None else np.minimum(out, cap)
