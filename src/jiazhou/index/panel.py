"""Panel data (units × years), as COINr's "purse": one fitted pipeline per time point.

The web layer feeds observations by region and year in one iData table with a ``Time`` column;
each year is built on its own (so relative methods compare units within a year, and absolute
ones — 标准值, goalposts — are unaffected), and the long results carry the year.
"""

from __future__ import annotations

import polars as pl

from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.pipeline import Pipeline

__all__ = ["fit_by_time", "long_scores_by_time"]


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


def long_scores_by_time(fitted: dict[object, Pipeline], time: str = "Time") -> pl.DataFrame:
    """Unit, year, code, level, score and rank for every year."""
    return pl.concat(
        [p.long_scores().with_columns(pl.lit(t).alias(time)) for t, p in fitted.items()],
        how="vertical_relaxed",
    )
