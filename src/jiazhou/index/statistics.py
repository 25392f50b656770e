"""Indicator statistics and reliability (COINr's ``get_stats``, ``get_cronbach``) and the R
arithmetic they rest on (R's two-pass ``mean`` and ``sd``, ``signif``). Correlations live in
:mod:`jiazhou.index.correlation`.

``skew`` and ``kurt`` are the sample-adjusted (e1071 type 2, Excel) estimators COINr uses; kurtosis
is excess kurtosis. Both work column-wise on a units × indicators array, ignoring ``NaN``.
"""

from __future__ import annotations

import warnings

import numpy as np
import numpy.typing as npt
import polars as pl

from jiazhou.index.dataset import Dataset

FloatArray = npt.NDArray[np.float64]

__all__ = [
    "cronbach_alpha",
    "indicator_stats",
    "kurt",
    "r_mean",
    "r_sd",
    "signif",
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


def signif(x: npt.ArrayLike, digits: int) -> FloatArray:
    """R's ``signif``: round to ``digits`` significant figures (0 and NaN unchanged)."""
    v = np.asarray(x, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        mag = np.floor(np.log10(np.abs(v)))
        factor = 10.0 ** (digits - 1 - np.where(np.isfinite(mag), mag, 0))
        out = np.round(v * factor) / factor
    return np.asarray(np.where(np.isfinite(v) & (v != 0), out, v), dtype=np.float64)


def indicator_stats(
    data: Dataset,
    t_skew: float = 2.0,
    t_kurt: float = 3.5,
    t_avail: float = 0.65,
    t_zero: float = 0.5,
    t_unq: float = 0.5,
    nsignif: int | None = None,
) -> pl.DataFrame:
    """COINr's ``get_stats``: per column ``Min, Max, Mean, Median, Std, Skew, Kurt, N.Avail,
    N.NonZero, N.Unique, N.Same`` (the size of the largest group of equal values), the
    ``Frc.*`` shares of the available values, and the flags: ``Flag.Avail`` LOW when
    availability < ``t_avail``, ``Flag.NonZero`` / ``Flag.Unique`` LOW when non-zeros / unique
    values are fewer than ``t_zero`` / ``t_unq`` of all units, ``Flag.SkewKurt`` OUT when
    ``|skew| > t_skew`` and ``kurt > t_kurt``. ``nsignif`` rounds as COINr (3 by default there)."""
    v = data.values
    n = v.shape[0]
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        present = ~np.isnan(v)
        n_avail = present.sum(axis=0)
        nonzero = np.sum(present & (v != 0), axis=0)
        uniques, same = [], []
        for col in v.T:
            vals, counts = np.unique(col[~np.isnan(col)], return_counts=True)
            uniques.append(vals.size)
            same.append(int(counts.max()) if counts.size else 0)
        nunq = np.array(uniques)
        nsame = np.array(same)
        sk, kt = skew(v), kurt(v)
        numeric = {
            "Min": np.nanmin(v, axis=0),
            "Max": np.nanmax(v, axis=0),
            "Mean": r_mean(v, axis=0),
            "Median": np.nanmedian(v, axis=0),
            "Std": r_sd(v, axis=0),
            "Skew": sk,
            "Kurt": kt,
        }
        shares = {
            "Frc.Avail": n_avail / n,
            "Frc.NonZero": nonzero / n_avail,
            "Frc.Unique": nunq / n_avail,
            "Frc.Same": nsame / n_avail,
        }
        if nsignif is not None:
            numeric = {k: signif(a, nsignif) for k, a in numeric.items()}
            shares = {k: signif(a, nsignif) for k, a in shares.items()}
        flags = {
            "Flag.Avail": np.where(n_avail / n >= t_avail, "ok", "LOW"),
            "Flag.NonZero": np.where(nonzero / n >= t_zero, "ok", "LOW"),
            "Flag.Unique": np.where(nunq / n >= t_unq, "ok", "LOW"),
            "Flag.SkewKurt": np.where((np.abs(sk) > t_skew) & (kt > t_kurt), "OUT", "ok"),
        }
        frame = pl.DataFrame(
            {
                "iCode": list(data.codes),
                **numeric,
                "N.Avail": n_avail,
                "N.NonZero": nonzero,
                "N.Unique": nunq,
                "N.Same": nsame,
                **shares,
                **{k: a.tolist() for k, a in flags.items()},
            }
        )
    return frame.with_columns(pl.col(pl.Float64).fill_nan(None))


def cronbach_alpha(x: npt.ArrayLike) -> float:
    """Cronbach's alpha ``k/(k−1)·(1 − Σ var_i / var_total)`` on complete rows (as COINr)."""
    v = np.asarray(x, dtype=np.float64)
    v = v[~np.isnan(v).any(axis=1)]
    k = v.shape[1]
    if k < 2 or v.shape[0] < 2:
        return float("nan")
    total = np.var(v.sum(axis=1), ddof=1)
    return float(k / (k - 1) * (1 - np.var(v, axis=0, ddof=1).sum() / total))
