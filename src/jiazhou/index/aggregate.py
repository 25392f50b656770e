"""Aggregation functions: the one implementation of weighted means and their relatives.

Every function aggregates along the **last axis** (the children of one node: indicators of a
pillar, pillars of an index) with weights broadcast against it, so one call handles a units ×
indicators table or a replications × units × indicators stack alike.

Missing values (``NaN``) follow COINr's rule: they are dropped and the remaining weights are
re-scaled, unless fewer than ``min_share`` of the children are present, in which case the
result is ``NaN``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

__all__ = [
    "copeland",
    "coverage",
    "generalised_mean",
    "geometric_mean",
    "geometric_mean_runs",
    "harmonic_mean",
    "weighted_arithmetic",
    "weighted_arithmetic_runs",
    "weighted_median",
]


def _prepare(
    x: npt.ArrayLike, w: npt.ArrayLike | None
) -> tuple[FloatArray, FloatArray, npt.NDArray[np.bool_]]:
    v = np.asarray(x, dtype=np.float64)
    wt = np.ones(v.shape[-1]) if w is None else np.asarray(w, dtype=np.float64)
    wt = np.broadcast_to(wt, v.shape)
    present = ~np.isnan(v)
    return v, np.where(present, wt, 0.0), present


def coverage(x: npt.ArrayLike) -> FloatArray:
    """Share of non-missing children along the last axis."""
    v = np.asarray(x, dtype=np.float64)
    return np.asarray(np.mean(~np.isnan(v), axis=-1), dtype=np.float64)


def _finish(out: FloatArray, x: npt.ArrayLike, min_share: float) -> FloatArray:
    return np.where(coverage(x) >= min_share, out, np.nan)


def weighted_arithmetic(
    x: npt.ArrayLike, w: npt.ArrayLike | None = None, min_share: float = 0.0
) -> FloatArray:
    """``Σ w·x / Σ w`` over the present children."""
    v, wt, present = _prepare(x, w)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.sum(np.where(present, v, 0.0) * wt, axis=-1) / np.sum(wt, axis=-1)
    return _finish(out, x, max(min_share, 1e-12))


def generalised_mean(
    x: npt.ArrayLike, w: npt.ArrayLike | None = None, p: float = 1.0, min_share: float = 0.0
) -> FloatArray:
    """Weighted power mean ``(Σ w·x^p / Σ w)^(1/p)``; ``p → 0`` is the geometric mean.

    Unlike COINr's ``a_genmean``, missing values are dropped with the weights re-scaled rather
    than turning the whole result into NaN.
    """
    if p == 0:
        return geometric_mean(x, w, min_share=min_share)
    v, wt, present = _prepare(x, w)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        powered = np.where(present, np.power(np.where(present, v, 1.0), p), 0.0)
        out = np.power(np.sum(powered * wt, axis=-1) / np.sum(wt, axis=-1), 1.0 / p)
    return _finish(out, x, max(min_share, 1e-12))


def geometric_mean(
    x: npt.ArrayLike, w: npt.ArrayLike | None = None, min_share: float = 0.0
) -> FloatArray:
    """Weighted geometric mean ``exp(Σ w·log x / Σ w)``.

    A zero child gives zero (the mathematical limit) instead of refusing the data as COINr's
    ``a_gmean`` does; negative values have no geometric mean and give NaN.
    """
    v, wt, present = _prepare(x, w)
    with np.errstate(invalid="ignore", divide="ignore"):
        logs = np.where(present, np.log(np.where(present, v, 1.0)), 0.0)
        out = np.exp(np.sum(logs * wt, axis=-1) / np.sum(wt, axis=-1))
    negative = np.any(present & (v < 0), axis=-1)
    return _finish(np.where(negative, np.nan, out), x, max(min_share, 1e-12))


def harmonic_mean(
    x: npt.ArrayLike, w: npt.ArrayLike | None = None, min_share: float = 0.0
) -> FloatArray:
    """Weighted harmonic mean ``Σ w / Σ (w / x)``; a zero child gives zero."""
    v, wt, present = _prepare(x, w)
    with np.errstate(invalid="ignore", divide="ignore"):
        inv = np.where(present, wt / np.where(present, v, 1.0), 0.0)
        out = np.sum(wt, axis=-1) / np.sum(inv, axis=-1)
    return _finish(out, x, max(min_share, 1e-12))


def weighted_median(
    x: npt.ArrayLike, w: npt.ArrayLike | None = None, min_share: float = 0.0
) -> FloatArray:
    """Weighted median: the smallest child whose cumulative weight reaches half the total."""
    v, wt, present = _prepare(x, w)
    order = np.argsort(np.where(present, v, np.inf), axis=-1)
    vs = np.take_along_axis(v, order, axis=-1)
    ws = np.take_along_axis(wt, order, axis=-1)
    cum = np.cumsum(ws, axis=-1)
    half = cum[..., -1:] / 2
    idx = np.argmax(cum >= half, axis=-1)[..., None]
    out = np.take_along_axis(vs, idx, axis=-1)[..., 0]
    return _finish(out, x, max(min_share, 1e-12))


def copeland(
    x: npt.ArrayLike, w: npt.ArrayLike | None = None, min_share: float = 0.0
) -> FloatArray:
    """Copeland outranking scores; units on axis ``-2``, children on the last axis.

    As COINr's ``a_copeland``/``outrankMatrix``: with weights scaled to sum to 1,
    ``O[p, q] = Σ w·[x_p > x_q] + ½ Σ w·[x_p = x_q]``; the score of ``p`` is the number of units
    it outranks (``O > ½``) minus those that outrank it (``O < ½``). A comparison with a missing
    value on either side counts for neither unit (COINr fills the lower triangle as
    ``1 − upper``, which credits the missing comparisons to one side). Unlike COINr it is
    called like every other function here, so it works at every level (COINr's
    ``Aggregate(by_df = TRUE)`` passes ``x =`` to a function whose argument is ``X``).
    """
    v = np.asarray(x, dtype=np.float64)
    wt = np.ones(v.shape[-1]) if w is None else np.asarray(w, dtype=np.float64)
    wt = np.broadcast_to(wt, v.shape)
    wt = wt / np.sum(wt, axis=-1, keepdims=True)
    a = v[..., :, None, :]
    b = v[..., None, :, :]
    wa = wt[..., :, None, :]
    orm = np.sum(np.where(a > b, wa, 0.0), axis=-1)
    orm = orm + 0.5 * np.sum(np.where(a == b, wa, 0.0), axis=-1)
    score = np.sign(orm - 0.5)
    n = v.shape[-2]
    score[..., np.arange(n), np.arange(n)] = 0.0
    return _finish(np.sum(score, axis=-1), x, max(min_share, 1e-12))


def _runs(
    terms: FloatArray, x: npt.ArrayLike, w: npt.ArrayLike, min_share: float
) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    v = np.asarray(x, dtype=np.float64)
    wt = np.asarray(w, dtype=np.float64)
    present = ~np.isnan(v)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (terms @ wt.T) / (present.astype(np.float64) @ wt.T)
    ok = coverage(v) >= max(min_share, 1e-12)
    return mean.T, ok


def weighted_arithmetic_runs(
    x: npt.ArrayLike, w: npt.ArrayLike, min_share: float = 0.0
) -> FloatArray:
    """:func:`weighted_arithmetic` of one ``units × children`` table under many weight vectors
    ``w`` (``runs × children``) at once, as one matrix product; returns ``runs × units``."""
    v = np.asarray(x, dtype=np.float64)
    mean, ok = _runs(np.where(np.isnan(v), 0.0, v), v, w, min_share)
    return np.where(ok, mean, np.nan)


def geometric_mean_runs(x: npt.ArrayLike, w: npt.ArrayLike, min_share: float = 0.0) -> FloatArray:
    """:func:`geometric_mean` of one table under many weight vectors (``runs × units``)."""
    v = np.asarray(x, dtype=np.float64)
    present = ~np.isnan(v)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(present, np.log(np.where(present, v, 1.0)), 0.0)
    mean, ok = _runs(logs, v, w, min_share)
    negative = np.any(present & (v < 0), axis=-1)
    with np.errstate(invalid="ignore"):
        return np.where(ok & ~negative, np.exp(mean), np.nan)
