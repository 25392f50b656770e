"""Result tables of a fitted pipeline, as COINr's ``get_results(use = "groupranks")``,
``get_unit_summary``, ``get_str_weak`` and ``compare_coins``.

Ranks follow :func:`jiazhou.index.ranking.rank` (1 = best, ties share the minimum rank); group
ranks rank each unit among the units of its own group only (COINr's ``rank_df(use_group)``).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt
import polars as pl

from jiazhou.index.dataset import Dataset
from jiazhou.index.errors import IndexInputError
from jiazhou.index.pipeline import Pipeline
from jiazhou.index.ranking import rank
from jiazhou.index.statistics import signif

FloatArray = npt.NDArray[np.float64]

__all__ = ["compare", "group_ranks", "strengths_weaknesses", "unit_summary"]


def _group_labels(data: Dataset, group: str) -> npt.NDArray[np.str_]:
    if group not in data.aux.columns:
        raise IndexInputError(
            f"数据中没有分组列「{group}」", f"the data set has no group column '{group}'"
        )
    return np.asarray(data.aux[group].cast(pl.String).fill_null("").to_list(), dtype=str)


def _ranks(values: FloatArray, labels: npt.NDArray[np.str_] | None) -> FloatArray:
    """Ranks down the unit axis (axis 0), within groups when ``labels`` is given."""
    if labels is None:
        return rank(values, axis=0)
    out = np.full_like(values, np.nan)
    for g in np.unique(labels):
        rows = labels == g
        out[rows] = rank(values[rows], axis=0)
    return out


def group_ranks(pipeline: Pipeline, group: str, level: int | None = None) -> pl.DataFrame:
    """Ranks of every unit within its ``group`` (a Group column of iData), per code of
    ``level`` (all levels when None), sorted by group — COINr's ``use = "groupranks"``."""
    agg = pipeline.aggregated_
    fw = pipeline.framework_
    codes = list(agg.codes if level is None else fw.levels[level])
    labels = _group_labels(agg, group)
    r = _ranks(agg.take(codes), labels)
    frame = pl.DataFrame(
        {"uCode": list(agg.units), group: labels.tolist()}
        | {c: r[:, j] for j, c in enumerate(codes)}
    ).with_columns(pl.col(c).fill_nan(None).cast(pl.Int64) for c in codes)
    return frame.sort(group, fw.root if fw.root in codes else codes[0], nulls_last=True)


def unit_summary(
    pipeline: Pipeline, unit: str, levels: Sequence[int] | None = None, dset: str = "Aggregated"
) -> pl.DataFrame:
    """COINr's ``get_unit_summary``: ``Code, Name, Level, Score, Rank`` of one unit for the
    codes of ``levels`` (default all levels above the indicators), highest level first."""
    fw = pipeline.framework_
    data = pipeline.datasets_[dset]
    if unit not in data.units:
        raise IndexInputError(f"单位「{unit}」不在数据中", f"unit '{unit}' is not in the data")
    chosen = sorted(levels if levels is not None else range(2, fw.n_levels + 1), reverse=True)
    codes = [c for lev in chosen for c in fw.levels[lev] if c in data.codes]
    i = data.units.index(unit)
    values = data.take(codes)
    r = rank(values, axis=0)
    level_of = {c: lev for lev, cs in fw.levels.items() for c in cs}
    return pl.DataFrame(
        {
            "Code": codes,
            "Name": [fw.names[c] for c in codes],
            "Level": [level_of[c] for c in codes],
            "Score": values[i],
            "Rank": r[i],
        }
    ).with_columns(pl.col("Score").fill_nan(None), pl.col("Rank").fill_nan(None).cast(pl.Int64))


def strengths_weaknesses(
    pipeline: Pipeline,
    unit: str,
    dset: str = "Raw",
    top_n: int = 5,
    bottom_n: int = 5,
    use_group: str | None = None,
    unq_discard: float | None = None,
    min_discard: bool = True,
    report_level: int = 2,
    adjust_direction: bool | None = None,
    sig_figs: int | None = 3,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """COINr's ``get_str_weak``: the unit's ``top_n`` best-ranked and ``bottom_n`` worst-ranked
    indicators (``Code, Name, <level name>, Rank, Value, Unit``).

    Ranks are taken over all units (or within ``use_group``) after multiplying by the direction
    (by default only for the ``Raw`` data set); indicators missing for the unit are ignored;
    ``unq_discard`` drops indicators whose share of unique values is not above it;
    ``min_discard`` drops indicators where the unit has the worst rank present (e.g. a zero that
    half the units share); ties keep the framework order, as R's stable ``order``.
    """
    fw = pipeline.framework_
    data = pipeline.datasets_[dset]
    if unit not in data.units:
        raise IndexInputError(f"单位「{unit}」不在数据中", f"unit '{unit}' is not in the data")
    codes = [c for c in fw.indicators if c in data.codes]
    raw = data.take(codes)
    adjust = dset == "Raw" if adjust_direction is None else adjust_direction
    values = raw * fw.directions[[fw.indicators.index(c) for c in codes]] if adjust else raw
    labels = None if use_group is None else _group_labels(data, use_group)
    ranks = _ranks(values, labels)
    i = data.units.index(unit)
    keep = ~np.isnan(ranks[i])
    if unq_discard is not None:
        n = raw.shape[0]
        unique_share = np.array([np.unique(col[~np.isnan(col)]).size / n for col in raw.T])
        keep &= unique_share > unq_discard
    if min_discard:
        peers = ranks if labels is None else ranks[labels == labels[i]]
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            worst = np.nanmax(peers, axis=0)
        keep &= ranks[i] != worst
    idx = np.flatnonzero(keep)
    order = idx[np.argsort(ranks[i, idx], kind="stable")]
    level_name = fw.level_names.get(report_level, f"Level{report_level}")

    def table(sel: npt.NDArray[np.intp]) -> pl.DataFrame:
        chosen = [codes[j] for j in sel]
        vals = raw[i, sel]
        return pl.DataFrame(
            {
                "Code": chosen,
                "Name": [fw.names[c] for c in chosen],
                level_name: [fw.ancestor(c, report_level) for c in chosen],
                "Rank": ranks[i, sel].astype(np.int64),
                "Value": signif(vals, sig_figs) if sig_figs is not None else vals,
                "Unit": [fw.units.get(c) for c in chosen],
            },
            schema_overrides={"Unit": pl.String},
        )

    return table(order[:top_n]), table(order[::-1][:bottom_n][::-1])


def compare(
    first: Pipeline,
    second: Pipeline,
    level: int | None = None,
    code: str | None = None,
    by: Literal["ranks", "scores"] = "ranks",
) -> pl.DataFrame:
    """COINr's ``compare_coins``: one code (the index by default) in two fitted pipelines,
    ``uCode, first, second, Diff, AbsDiff``, sorted by the absolute difference."""
    target = code or (first.framework_.levels[level][0] if level else first.framework_.root)
    tables = []
    for name, p in (("first", first), ("second", second)):
        frame = p.ranks() if by == "ranks" else p.scores()
        if target not in frame.columns:
            raise IndexInputError(f"代码「{target}」不在结果中", f"code '{target}' not in results")
        tables.append(frame.select("uCode", pl.col(target).cast(pl.Float64).alias(name)))
    out = tables[0].join(tables[1], on="uCode", how="full", coalesce=True)
    return out.with_columns(
        (pl.col("second") - pl.col("first")).alias("Diff"),
        (pl.col("second") - pl.col("first")).abs().alias("AbsDiff"),
    ).sort("AbsDiff", descending=True, nulls_last=True)
