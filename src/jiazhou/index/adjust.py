"""Adjusting a built index, as COINr's ``remove_elements`` and ``change_ind``.

``remove_elements`` sets each element of one level to weight 0 in turn and re-aggregates — only
the aggregation is recomputed, the upstream steps are reused — and reports how far each unit's
index rank moves. ``change_ind`` rebuilds the pipeline with indicators added back or dropped
(COINr's ``exclude`` list of ``new_coin``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

from jiazhou.index.aggregate import Aggregate, aggregate_tree
from jiazhou.index.errors import IndexInputError
from jiazhou.index.framework import Framework
from jiazhou.index.pipeline import Pipeline
from jiazhou.index.ranking import rank

__all__ = ["change_ind", "remove_elements"]


def remove_elements(pipeline: Pipeline, level: int, code: str | None = None) -> pl.DataFrame:
    """For every element of ``level``: the scores and ranks of ``code`` (the index by default)
    with that element's weight set to 0, and the mean absolute rank change over units.

    Returns a long table ``removed, uCode, score, rank, rank_change`` plus one summary row per
    element with ``uCode = None`` holding ``mean_abs_rank_change``."""
    fw = pipeline.framework_
    if level not in fw.levels or level == fw.n_levels:
        raise IndexInputError(
            f"第 {level} 层不能移除（应在 1–{fw.n_levels - 1}）",
            f"level {level} has no removable elements (1..{fw.n_levels - 1})",
        )
    agg = pipeline.steps_[-1]
    assert isinstance(agg, Aggregate)
    tree = agg.tree_
    target = tree.codes.index(code or fw.root)
    x = pipeline.aggregated_.take(tree.codes[: tree.n_indicators])
    nominal = pipeline.aggregated_.values[:, target]
    nominal_rank = rank(nominal, axis=0)
    elements = fw.levels[level]
    weights = np.repeat(agg.weights_[None, :], len(elements), axis=0)
    for k, element in enumerate(elements):
        weights[k, tree.codes.index(element)] = 0.0
    scores = aggregate_tree(x, tree, weights, agg.methods_, agg.p, agg.min_share, nodes=[target])[
        ..., 0
    ]
    ranks = rank(scores, axis=-1)
    units = list(pipeline.aggregated_.units)
    rows: list[dict[str, object]] = []
    for k, element in enumerate(elements):
        change = ranks[k] - nominal_rank
        for i, u in enumerate(units):
            rows.append(
                {
                    "removed": element,
                    "uCode": u,
                    "score": scores[k, i],
                    "rank": ranks[k, i],
                    "rank_change": change[i],
                }
            )
        rows.append(
            {
                "removed": element,
                "uCode": None,
                "score": None,
                "rank": None,
                "rank_change": float(np.nanmean(np.abs(change))),
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "removed": pl.String,
            "uCode": pl.String,
            "score": pl.Float64,
            "rank": pl.Float64,
            "rank_change": pl.Float64,
        },
    ).with_columns(pl.col(pl.Float64).fill_nan(None))


def change_ind(
    pipeline: Pipeline,
    data: pl.DataFrame,
    meta: pl.DataFrame,
    add: Sequence[str] = (),
    drop: Sequence[str] = (),
) -> Pipeline:
    """The pipeline rebuilt on ``data`` with indicators of the full iMeta ``meta`` added back
    (``add``) or left out (``drop``), starting from the indicators ``pipeline`` used."""
    full = Framework.from_meta(meta)
    current = set(pipeline.framework_.indicators)
    unknown = [c for c in (*add, *drop) if c not in full.indicators]
    if unknown:
        raise IndexInputError(f"指标 {unknown} 不在 iMeta 中", f"unknown indicators {unknown}")
    keep = (current | set(add)) - set(drop)
    if not keep:
        raise IndexInputError("不能移除全部指标", "cannot drop every indicator")
    exclude = [c for c in full.indicators if c not in keep]
    return Pipeline(pipeline.steps).fit(data, Framework.from_meta(meta, exclude=exclude))
