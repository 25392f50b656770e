"""Panel data (units × years), as COINr's "purse": one fitted pipeline per time point.

The web layer feeds observations by region and year in one iData table with a ``Time`` column;
each year is built on its own (so relative methods compare units within a year, and absolute
ones — 标准值, goalposts — are unaffected), and the long results carry the year. Also COINr's
panel tools: ``fit_global`` (normalising across years), ``impute_panel`` (fill from the unit's other years), ``get_trends`` with ``CAGR``
and ``prc_change``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt
import polars as pl

from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.pipeline import Pipeline

__all__ = [
    "cagr",
    "fit_by_time",
    "fit_global",
    "impute_panel",
    "long_scores_by_time",
    "prc_change",
    "trends",
]


def fit_by_time(
    pipeline: Pipeline, data: pl.DataFrame, framework: Framework, time: str = "Time"
) -> dict[object, Pipeline]:
    """A fitted copy of ``pipeline`` for every value of the ``time`` column, in order."""
    if time not in data.columns:
        raise IndexInputError(
            f"iData 缺少时间列「{time}」", f"iData lacks the time column '{time}'"
        )
    if data[time].null_count():
        row = int(data[time].is_null().arg_true()[0]) + 2
        raise IndexInputError(f"iData 第 {row} 行时间为空", f"iData row {row}: empty {time}")
    return {
        t: Pipeline(pipeline.steps).fit(data.filter(pl.col(time) == t), framework)
        for t in sorted(data[time].unique().to_list())
    }


def fit_global(
    pipeline: Pipeline, data: pl.DataFrame, framework: Framework, time: str = "Time"
) -> dict[object, Pipeline]:
    """COINr's ``Normalise(purse, global = TRUE)``: every year is built on its own up to the
    normalisation, which is then fitted on all years together (min and max over the whole
    panel), so scores are comparable over time; aggregation follows per year. Returns a fitted
    pipeline per year whose ``Normalised`` step is the shared one."""
    from jiazhou.index.dataset import Dataset
    from jiazhou.index.normalise import Normalise
    from jiazhou.index.pipeline import clone_step

    names = [type(s).__name__ for s in pipeline.steps]
    if "Normalise" not in names:
        raise IndexInputError("流水线中没有 Normalise 步骤", "the pipeline has no Normalise step")
    cut = names.index("Normalise")
    years = sorted(data[time].unique().to_list())
    before: dict[object, Dataset] = {}
    fitted: dict[object, Pipeline] = {}
    for t in years:
        p = Pipeline(pipeline.steps)
        part = data.filter(pl.col(time) == t)
        current = Dataset.from_frame(part, framework)
        p.framework_ = framework
        p.datasets_ = {"Raw": current}
        p.steps_ = []
        for step in pipeline.steps[:cut]:
            f = clone_step(step)
            current = f.fit_transform(current, framework)
            p.steps_.append(f)
            p.datasets_[f.name] = current
        before[t] = current
        fitted[t] = p
    pooled = Dataset(
        tuple(f"{t}:{u}" for t in years for u in before[t].units),
        before[years[0]].codes,
        np.vstack([before[t].values for t in years]),
        pl.concat([before[t].aux for t in years], how="vertical_relaxed"),
    )
    norm = clone_step(pipeline.steps[cut]).fit(pooled, framework)
    assert isinstance(norm, Normalise)
    normalised = norm.transform(pooled).values
    start = 0
    for t in years:
        p = fitted[t]
        rows = len(before[t].units)
        current = before[t].with_values(normalised[start : start + rows])
        start += rows
        p.steps_.append(norm)
        p.datasets_["Normalised"] = current
        for step in pipeline.steps[cut + 1 :]:
            f = clone_step(step)
            current = f.fit_transform(current, framework)
            p.steps_.append(f)
            p.datasets_[f.name] = current
    return fitted


def long_scores_by_time(fitted: dict[object, Pipeline], time: str = "Time") -> pl.DataFrame:
    """Unit, year, code, level, score and rank for every year."""
    return pl.concat(
        [p.long_scores().with_columns(pl.lit(t).alias(time)) for t, p in fitted.items()],
        how="vertical_relaxed",
    )


def impute_panel(
    data: pl.DataFrame,
    time: str = "Time",
    unit: str = "uCode",
    columns: Sequence[str] | None = None,
    method: Literal["latest", "linear", "linear-constant"] = "latest",
    max_time: int | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """COINr's ``impute_panel``: fill a unit's missing values from its own other years.

    ``latest`` carries the most recent earlier observation forward, looking back at most
    ``max_time`` time points (all when None); ``linear`` interpolates linearly between the
    unit's observed years (no extrapolation); ``linear-constant`` also holds the first/last
    observation constant before/after. Returns the imputed table and a table of the same shape
    giving, for every value, the year it came from (``None`` where still missing)."""
    for col in (time, unit):
        if col not in data.columns:
            raise IndexInputError(f"iData 缺少列「{col}」", f"iData lacks the column '{col}'")
    cols = [c for c in (columns or data.columns) if c not in (time, unit)]
    numeric = [c for c in cols if data[c].dtype.is_numeric()]
    frame = data.sort(unit, time)
    years = frame[time].cast(pl.Float64).to_numpy()
    units = frame[unit].to_numpy()
    all_years = np.unique(years)
    out: dict[str, np.ndarray] = {}
    source: dict[str, np.ndarray] = {}
    for c in numeric:
        v = frame[c].cast(pl.Float64).fill_null(np.nan).to_numpy().copy()
        src = np.where(np.isnan(v), np.nan, years)
        for u in np.unique(units):
            rows = np.flatnonzero(units == u)
            t, y = years[rows], v[rows]
            seen = ~np.isnan(y)
            if not seen.any():
                continue
            filled, origin = y.copy(), src[rows].copy()
            for k in np.flatnonzero(~seen):
                if method == "latest":
                    earlier = np.flatnonzero(seen & (t < t[k]))
                    if earlier.size:
                        j = earlier[-1]
                        steps = np.searchsorted(all_years, t[k]) - np.searchsorted(all_years, t[j])
                        if max_time is None or steps <= max_time:
                            filled[k], origin[k] = y[j], t[j]
                else:
                    lo, hi = t[seen].min(), t[seen].max()
                    if lo <= t[k] <= hi or method == "linear-constant":
                        filled[k] = np.interp(t[k], t[seen], y[seen])
                        origin[k] = t[k]
            v[rows], src[rows] = filled, origin
        out[c], source[c] = v, src
    imputed = frame.with_columns(pl.Series(c, out[c]).fill_nan(None) for c in numeric)
    years_used = frame.select(unit, time).with_columns(
        pl.Series(c, source[c]).fill_nan(None) for c in numeric
    )
    return imputed, years_used


def cagr(y: npt.ArrayLike, t: npt.ArrayLike) -> float:
    """COINr's ``CAGR``: ``(y_last / y_first)^(1/(t_last − t_first)) − 1`` over the first and
    latest observed points; 0 when they are equal; NaN with fewer than two points."""
    yy, tt = np.asarray(y, dtype=np.float64), np.asarray(t, dtype=np.float64)
    ok = ~np.isnan(yy)
    if ok.sum() < 2:
        return float("nan")
    order = np.argsort(tt[ok])
    ys, ts = yy[ok][order], tt[ok][order]
    if ys[-1] == ys[0]:
        return 0.0
    return float((ys[-1] / ys[0]) ** (1.0 / (ts[-1] - ts[0])) - 1.0)


def prc_change(y: npt.ArrayLike, t: npt.ArrayLike, per: float = 1.0) -> float:
    """COINr's ``prc_change``: percentage change per ``per`` time units — from the first and last
    points when there are two, else from a least-squares line ``(slope·per)/(a + slope·t₀)·100``;
    0 when every value is equal."""
    yy, tt = np.asarray(y, dtype=np.float64), np.asarray(t, dtype=np.float64)
    ok = ~np.isnan(yy)
    if ok.sum() < 2:
        return float("nan")
    order = np.argsort(tt[ok])
    ys, ts = yy[ok][order], tt[ok][order]
    if np.all(ys == ys[0]):
        return 0.0
    if ys.size < 3:
        return float((ys[-1] - ys[0]) * 100 / ys[0] * (per / (ts[-1] - ts[0])))
    slope, intercept = np.polyfit(ts, ys, 1)
    return float(slope * per / (intercept + slope * ts[0]) * 100)


TREND_FUNCTIONS: dict[str, Callable[[npt.ArrayLike, npt.ArrayLike], float]] = {
    "CAGR": cagr,
    "prc_change": prc_change,
}


def trends(
    data: pl.DataFrame,
    framework: Framework,
    codes: Sequence[str] | None = None,
    f_trend: str | Callable[[npt.ArrayLike, npt.ArrayLike], float] = "CAGR",
    use_latest: int | None = None,
    time: str = "Time",
) -> pl.DataFrame:
    """COINr's ``get_trends``: one trend metric per unit × code over the ``time`` column of a
    panel table (e.g. iData, or :func:`long_scores_by_time` pivoted), multiplied by the
    indicator's direction; ``use_latest`` keeps only the latest ``n`` time points of each series
    (NaN when the series is shorter). Also reports availability and first/last observed times."""
    f = TREND_FUNCTIONS[f_trend] if isinstance(f_trend, str) else f_trend
    name = f_trend if isinstance(f_trend, str) else getattr(f_trend, "__name__", "trend")
    chosen = list(codes or [c for c in framework.indicators if c in data.columns])
    direction = dict(zip(framework.indicators, framework.directions.tolist(), strict=True))
    rows = []
    for (u,), part in data.sort(time).group_by(["uCode"], maintain_order=True):
        t = part[time].cast(pl.Float64).to_numpy()
        for c in chosen:
            y = part[c].cast(pl.Float64).fill_null(np.nan).to_numpy()
            seen = ~np.isnan(y)
            value = float("nan")
            tt, yy = t, y
            if use_latest is not None and seen.any():
                last = int(np.flatnonzero(seen)[-1])
                first = last - use_latest + 1
                tt, yy = (
                    (t[first : last + 1], y[first : last + 1]) if first >= 0 else (t[:0], y[:0])
                )
            if np.sum(~np.isnan(yy)) >= 2:
                value = f(yy, tt) * direction.get(c, 1.0)
            rows.append(
                {
                    "uCode": u,
                    "iCode": c,
                    name: value,
                    "Avail": float(seen.mean()) if seen.size else 0.0,
                    "t_first": float(t[seen][0]) if seen.sum() > 1 else None,
                    "t_latest": float(t[seen][-1]) if seen.sum() > 1 else None,
                }
            )
    return pl.DataFrame(rows).with_columns(pl.col(name).fill_nan(None))
