"""Indicator statistics, correlations with parents and reliability (COINr's ``get_stats``,
``get_corr(withparent=TRUE)``, ``get_cronbach``).

``skew`` and ``kurt`` are the sample-adjusted (e1071 type 2, Excel) estimators COINr uses; kurtosis
is excess kurtosis. Both work column-wise on a units × indicators array, ignoring ``NaN``.
"""

from __future__ import annotations

import warnings

import numpy as np
import numpy.typing as npt
import polars as pl

from jiazhou.index.dataset import Dataset
from jiazhou.index.framework import Framework

FloatArray = npt.NDArray[np.float64]

__all__ = [
    "correlation_with_parents",
    "cronbach_alpha",
    "indicator_stats",
    "kurt",
    "r_mean",
    "r_sd",
    "skew",
]


def r_mean(x: npt.ArrayLike, axis: int = 0) -> FloatArray:
    """R's ``mean(x, na.rm = TRUE)``: the sum accumulated in extended precision, divided by
    ``n``, then refined by the mean residual ``Σ(x − m)/n`` (R's ``summary.c``); the result is
    the correctly rounded mean in practice, so ties between units survive as in R."""
    v = np.asarray(x, dtype=np.float64)
    present = ~np.isnan(v)
    n = np.sum(present, axis=axis)
    ld = np.where(present, v, 0.0).astype(np.longdouble)
    with np.errstate(invalid="ignore", divide="ignore"):
        s = np.sum(ld, axis=axis) / n
        t = np.sum(np.where(present, ld - np.expand_dims(s, axis), 0.0), axis=axis)
        out = (s + t / n).astype(np.float64)
    return np.asarray(out, dtype=np.float64)


def r_sd(x: npt.ArrayLike, axis: int = 0) -> FloatArray:
    """R's ``sd(x, na.rm = TRUE)``: ``Σ(x − mean)²`` in extended precision over ``n − 1``."""
    v = np.asarray(x, dtype=np.float64)
    present = ~np.isnan(v)
    n = np.sum(present, axis=axis)
    d = np.where(present, v - np.expand_dims(r_mean(v, axis), axis), 0.0).astype(np.longdouble)
    with np.errstate(invalid="ignore", divide="ignore"):
        var = (np.sum(d * d, axis=axis) / (n - 1)).astype(np.float64)
    return np.asarray(np.where(n > 1, np.sqrt(var), np.nan), dtype=np.float64)


def _centred(x: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    v = np.asarray(x, dtype=np.float64)
    n = np.sum(~np.isnan(v), axis=0).astype(np.float64)
    with np.errstate(invalid="ignore"):
        c = v - r_mean(v, axis=0)
    return np.where(np.isnan(c), 0.0, c), n


def skew(x: npt.ArrayLike) -> FloatArray:
    """Type-2 skewness ``√n Σc³ / (Σc²)^1.5 · √(n(n−1)) / (n−2)``; NaN below 3 values."""
    c, n = _centred(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        g = np.sqrt(n) * np.sum(c**3, axis=0) / np.sum(c**2, axis=0) ** 1.5
        out = g * np.sqrt(n * (n - 1)) / (n - 2)
    return np.where(n >= 3, out, np.nan)


def kurt(x: npt.ArrayLike) -> FloatArray:
    """Type-2 excess kurtosis ``((n+1)(r−3)+6)(n−1)/((n−2)(n−3))``, ``r = nΣc⁴/(Σc²)²``."""
    c, n = _centred(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = n * np.sum(c**4, axis=0) / np.sum(c**2, axis=0) ** 2
        out = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return np.where(n >= 4, out, np.nan)


def indicator_stats(data: Dataset) -> pl.DataFrame:
    """Per-column min, max, mean, median, sd, skew, kurtosis, availability, zeros, uniques."""
    v = data.values
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        present = ~np.isnan(v)
        return pl.DataFrame(
            {
                "iCode": list(data.codes),
                "min": np.nanmin(v, axis=0),
                "max": np.nanmax(v, axis=0),
                "mean": np.nanmean(v, axis=0),
                "median": np.nanmedian(v, axis=0),
                "sd": np.nanstd(v, axis=0, ddof=1),
                "skew": skew(v),
                "kurt": kurt(v),
                "n": present.sum(axis=0),
                "availability": present.mean(axis=0),
                "zeros": np.sum(v == 0, axis=0),
                "uniques": [len(np.unique(col[~np.isnan(col)])) for col in v.T],
            }
        ).with_columns(pl.col(pl.Float64).fill_nan(None))


def _pearson(a: FloatArray, b: FloatArray) -> float:
    ok = ~np.isnan(a) & ~np.isnan(b)
    if ok.sum() < 3 or np.std(a[ok]) == 0 or np.std(b[ok]) == 0:
        return float("nan")
    return float(np.corrcoef(a[ok], b[ok])[0, 1])


def correlation_with_parents(data: Dataset, framework: Framework) -> pl.DataFrame:
    """Pearson correlation of every node with its parent and with the index (pairwise complete)."""
    rows = []
    for code in data.codes:
        parent = framework.parent.get(code)
        if parent is None or parent not in data.codes:
            continue
        rows.append(
            {
                "iCode": code,
                "parent": parent,
                "corr_parent": _pearson(data.column(code), data.column(parent)),
                "corr_index": _pearson(data.column(code), data.column(framework.root))
                if framework.root in data.codes
                else float("nan"),
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "iCode": pl.String,
            "parent": pl.String,
            "corr_parent": pl.Float64,
            "corr_index": pl.Float64,
        },
    ).with_columns(pl.col(pl.Float64).fill_nan(None))


def cronbach_alpha(x: npt.ArrayLike) -> float:
    """Cronbach's alpha ``k/(k−1)·(1 − Σ var_i / var_total)`` on complete rows (as COINr)."""
    v = np.asarray(x, dtype=np.float64)
    v = v[~np.isnan(v).any(axis=1)]
    k = v.shape[1]
    if k < 2 or v.shape[0] < 2:
        return float("nan")
    total = np.var(v.sum(axis=1), ddof=1)
    return float(k / (k - 1) * (1 - np.var(v, axis=0, ddof=1).sum() / total))
