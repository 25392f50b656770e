"""Population-relative points and quota classes, computed within cohorts.

A scheme with ``[evaluation]`` is benchmarked, ranked and graded inside each ``cohort`` (e.g. 规上
and 规下 separately, criteria.md §6.1); without it the whole input is one cohort. The
normalisations themselves are those of :mod:`jiazhou.index.normalise` (percentile rank, min–max
with optional winsorising, ratio to the cohort mean with a cap, goalposts, 标准值).

Quota classes (``classes = [{ name, share, ties }]``, shares cumulative from the top) are given
to graded units only: exempt units (``exempt``) keep their score but get ``exempt_class`` and no
rank, and do not count in the quota's denominator. A tie group straddling a class boundary goes
up as a whole (``ties = "up"``: the share may be exceeded) or down (``ties = "down"``: the share
is never exceeded, e.g. A ≤ 30 %). The cumulative count of a share is at most ``share × n``
(``quota = "at_most"``, the default) or rounded up (``quota = "at_least"``): with B at most 85 %
and C's boundary at least 95 %, C holds at least 10 % of the graded units (Sichuan's C ≥ 10 %).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import polars as pl

from jiazhou.index import normalise
from jiazhou.schemes.model import Item, Scheme

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def cohort_codes(frame: pl.DataFrame, *columns: str) -> IntArray:
    """One integer per unit naming its cohort (or its combination of ``columns``)."""
    cols = [c for c in (columns or ("cohort",)) if c in frame.columns]
    if not cols:
        return np.zeros(frame.height, dtype=np.int64)
    key = pl.concat_str([pl.col(c).cast(pl.String).fill_null("") for c in cols], separator="|")
    return frame.select(key.rank("dense")).to_series().to_numpy().astype(np.int64)


def _groups(codes: IntArray) -> list[IntArray]:
    """Row indices of each cohort (stable order)."""
    if codes.size == 0:
        return []
    order = np.argsort(codes, kind="stable")
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    return np.split(order, bounds)


def _normalised(x: FloatArray, item: Item) -> tuple[FloatArray, FloatArray]:
    """``(score in [0, 1] (a ratio for mean_ratio), benchmark)`` of one cohort's values."""
    bench = np.full(x.shape, np.nan)
    if item.method == "minmax":
        v = normalise.winsorise_quantiles(x, *item.winsor) if item.winsor else x
        return normalise.minmax(v, 0.0, 1.0, item.direction), bench
    if item.method == "percentile":
        return normalise.percentile_rank(x, item.direction), bench
    if item.method == "mean_ratio":
        if item.benchmark is not None:
            b = item.benchmark
        else:
            known = x[~np.isnan(x)]
            b = float(known.mean()) if known.size else np.nan
        bench[:] = b
        return normalise.benchmark_ratio(x, b, item.direction, item.cap), bench
    if item.method == "goalposts":
        assert item.low is not None and item.high is not None
        return normalise.goalposts(x, item.low, item.high, item.direction, 1.0), bench
    assert item.standard is not None
    return normalise.standard_value_ratio(x, item.standard, item.direction, 100.0) / 100.0, bench


def population_points(frame: pl.DataFrame, items: Sequence[Item], codes: IntArray) -> pl.DataFrame:
    """Every population-relative item (see :func:`item_points`); weights and applicability of
    all items are evaluated in one parallel ``select``."""
    if not items:
        return frame
    exprs = []
    for item in items:
        exprs.append(pl.sql_expr(item.weight).cast(pl.Float64).alias(f"{item.id}__w"))
        applies = pl.sql_expr(item.applies).fill_null(True) if item.applies else pl.lit(True)
        exprs.append(applies.alias(f"{item.id}__a"))
    side = frame.select(exprs)
    cols: list[pl.Series] = []
    for item in items:
        x = frame[f"{item.id}__value"].cast(pl.Float64).fill_null(np.nan).to_numpy()
        w = side[f"{item.id}__w"].to_numpy()
        applies_arr = np.broadcast_to(side[f"{item.id}__a"].to_numpy(), x.shape)
        cols += item_points(item, x, w, applies_arr, codes)
    return frame.with_columns(cols)


def item_points(
    item: Item,
    x: FloatArray,
    w: FloatArray,
    applies: npt.NDArray[np.bool_],
    codes: IntArray,
) -> list[pl.Series]:
    """Points (``max × normalised score × weight``), status and cohort benchmark of one item.

    A unit without a value scores 0 (``missing = "zero"``, the interval reaching the item's
    top) or the cohort's mean score on the item (``missing = "cohort_mean"``, 黄岩's rule for a
    firm without emission data, criteria.md §6.1).
    """
    n = x.size
    norm = np.full(n, np.nan)
    bench = np.full(n, np.nan)
    imputed = np.zeros(n, dtype=bool)
    for rows in _groups(codes):
        take = rows[applies[rows]]  # units the item does not apply to are not in its cohort
        if take.size == 0:
            continue
        s, b = _normalised(x[take], item)
        if item.missing == "cohort_mean" and np.isnan(s).any() and (~np.isnan(s)).any():
            gap = np.isnan(s)
            imputed[take[gap]] = True
            s = np.where(gap, np.nanmean(s), s)
        norm[take], bench[take] = s, b
    known = ~np.isnan(norm)
    pts = np.where(known, norm * item.max, 0.0) * w
    pmax = np.where(known, pts, item.top * w)
    status = np.where(~applies, 4, np.where(~known, 2, np.where(pts > 0, 0, 1)))
    cols = [
        pl.Series(f"{item.id}__points_min", np.where(applies, pts, 0.0)),
        pl.Series(f"{item.id}__points_max", np.where(applies, pmax, 0.0)),
        pl.Series(f"{item.id}__status", status),
    ]
    if item.method == "mean_ratio":
        cols.append(pl.Series(f"{item.id}__benchmark", bench).fill_nan(None))
    if item.missing == "cohort_mean":
        cols.append(pl.Series(f"{item.id}__imputed", imputed))
    return cols


def _rank_desc(x: FloatArray) -> FloatArray:
    """1 = best; ties share the best rank; NaN kept (COINr's ``rank_df`` tie rule)."""
    return normalise.rank(x, direction=-1)


def quota_classes(
    scheme: Scheme, total: FloatArray, codes: IntArray, graded: npt.NDArray[np.bool_]
) -> tuple[npt.NDArray[np.object_], FloatArray, FloatArray]:
    """``(class, rank in cohort, cohort size)`` per unit; ungraded units get no rank or class."""
    n_units = total.size
    classes = np.full(n_units, None, dtype=object)
    ranks = np.full(n_units, np.nan)
    sizes = np.full(n_units, np.nan)
    rules = scheme.outcome.classes
    for rows in _groups(codes):
        take = rows[graded[rows] & ~np.isnan(total[rows])]
        n = take.size
        if n == 0:
            continue
        t = total[take]
        first = _rank_desc(t)  # best position of the tie group
        last = n - normalise.rank(t, direction=1) + 1  # worst position of the tie group
        ranks[take], sizes[take] = first, n
        cls = np.full(n, None, dtype=object)
        for rule in reversed(rules):  # inside out: the first matching rule (best) wins
            if rule.min is not None:
                hit = t >= rule.min
            elif rule.share is not None:
                pos = last if rule.ties == "down" else first
                if rule.quota == "at_least":  # the cumulative count rounds up
                    hit = pos <= math.ceil(round(rule.share * n, 9))
                else:  # at most the share (numpy division, as exact as the share itself)
                    hit = pos / n <= rule.share
            else:
                hit = np.ones(n, dtype=bool)
            cls = np.where(hit, rule.name, cls)
        classes[take] = cls
    return classes, ranks, sizes


def classes_and_ranks(scheme: Scheme, frame: pl.DataFrame) -> pl.DataFrame:
    """``class``, ``rank`` (in cohort), ``cohort_size`` and, with stages, ``rank_stage``; an empty
    frame gets the same columns, with no rows."""
    o = scheme.outcome
    if not o.scored:
        return frame.with_columns(
            pl.lit(None, pl.String).alias("class"), pl.lit(None, pl.Int64).alias("rank")
        )
    total = frame["total_min"].cast(pl.Float64).fill_null(np.nan).to_numpy()
    codes = cohort_codes(frame)
    exempt = (
        frame["exempt"].fill_null(False).to_numpy()
        if "exempt" in frame.columns
        else np.zeros(frame.height, dtype=bool)
    )
    classes, ranks, sizes = quota_classes(scheme, total, codes, ~exempt)
    if scheme.evaluation is not None:
        classes = np.where(exempt, scheme.evaluation.exempt_class, classes)
    out = frame.with_columns(
        pl.Series("class", classes.tolist(), dtype=pl.String),
        pl.Series("rank", ranks).fill_nan(None).cast(pl.Int64),
    )
    if scheme.evaluation is None:
        return out
    cols = [pl.Series("cohort_size", sizes).fill_nan(None).cast(pl.Int64)]
    if "stage" in frame.columns:
        both = cohort_codes(frame, "stage", "cohort")
        stage_rank = np.full(frame.height, np.nan)
        for rows in _groups(both):
            take = rows[~exempt[rows] & ~np.isnan(total[rows])]
            if take.size:
                stage_rank[take] = _rank_desc(total[take])
        cols.append(pl.Series("rank_stage", stage_rank).fill_nan(None).cast(pl.Int64))
    return out.with_columns(cols)
