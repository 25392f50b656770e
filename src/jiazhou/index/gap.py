"""Gap to a target: what each indicator would add to a unit's index if it reached its ceiling.

For the Chinese 标准值 method the ceiling is the standard value (score 100); for goalposts the
upper goalpost; for min-max and the other relative methods, the best observed unit. Gains are
exact for any aggregation: each scenario is re-aggregated (one stacked call for all of them),
and the cumulative column lifts the indicators together in the order of their gains.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt
import polars as pl

from jiazhou.index.aggregate import Aggregate, aggregate_tree
from jiazhou.index.errors import IndexInputError
from jiazhou.index.normalise import Normalise
from jiazhou.index.pipeline import Pipeline

FloatArray = npt.NDArray[np.float64]

__all__ = ["gap_contributions", "scenario"]


def _ceilings(pipeline: Pipeline, x: FloatArray) -> FloatArray:
    """The best normalised score each indicator can earn."""
    ceiling: FloatArray = np.nanmax(np.where(np.isnan(x), -np.inf, x), axis=0)
    norm = next((s for s in pipeline.steps_ if isinstance(s, Normalise)), None)
    if norm is None:
        return ceiling
    for (method, params), cols in norm.groups_.items():
        # parameters read from iMeta (goalpost_scale, minmax_upper, dist2targ_cap_max) are one
        # value per column, not the "<iMeta>" marker of the group key
        p = norm.group_params(method, params, cols)
        if method == "standard_value":
            ceiling[cols] = p.get("cap", 100.0)
        elif method == "goalposts":
            ceiling[cols] = p.get("scale", 100.0)
        elif method == "distance_to_target":
            capped = np.broadcast_to(np.asarray(p.get("cap", True), dtype=bool), len(cols))
            ceiling[cols] = np.where(capped, 1.0, ceiling[cols])
        elif method == "minmax":
            ceiling[cols] = p.get("hi", 100.0)
    return ceiling


def gap_contributions(pipeline: Pipeline, unit: str, target: float | None = None) -> pl.DataFrame:
    """Per indicator, ordered by gain: points the unit's index gains if that indicator alone
    reached its ceiling (``gain``), the index if the indicators so far all did (``cumulative``),
    whether that reaches ``target``, and the raw ``headroom`` to the standard value, upper goalpost or iMeta target.
    """
    agg_step = pipeline.steps_[-1]
    assert isinstance(agg_step, Aggregate)
    tree = agg_step.tree_
    fw = pipeline.framework_
    data = pipeline.aggregated_
    if unit not in data.units:
        raise IndexInputError(f"单位「{unit}」不在结果中", f"unit '{unit}' is not in the results")
    u = data.units.index(unit)
    m = tree.n_indicators
    codes = tree.codes[:m]
    x = data.take(codes)
    root = tree.codes.index(fw.root)
    now = float(data.values[u, root])
    ceiling = _ceilings(pipeline, x)
    lifted = np.where(np.isnan(x[u]), ceiling, np.maximum(x[u], ceiling))

    def run(stack: FloatArray) -> FloatArray:
        out = aggregate_tree(
            stack, tree, agg_step.weights_, agg_step.methods_, agg_step.p, agg_step.min_share
        )
        return np.asarray(out[:, u, root], dtype=np.float64)

    single = np.repeat(x[None], m, axis=0)
    single[np.arange(m), u, np.arange(m)] = lifted
    gain = run(single) - now
    order = np.argsort(-np.nan_to_num(gain, nan=-np.inf), kind="stable")
    together = np.repeat(x[None], m, axis=0)
    for k in range(m):
        together[k, u, order[: k + 1]] = lifted[order[: k + 1]]
    cumulative = run(together)
    raw = pipeline.datasets_["Raw"]
    raw_u = raw.units.index(unit) if unit in raw.units else None
    eff = fw.effective_weights(dict(zip(tree.codes, agg_step.weights_.tolist(), strict=True)))
    idx = {c: i for i, c in enumerate(fw.indicators)}
    standard = fw.column("Standard")
    upper = fw.column("goalpost_upper")
    targets = fw.column("Target")
    rows = []
    for rank_pos, j in enumerate(order):
        code = codes[j]
        refs = (standard[idx[code]], upper[idx[code]], targets[idx[code]])
        ref = next((r for r in refs if np.isfinite(r)), float("nan"))
        value = float(raw.column(code)[raw_u]) if raw_u is not None else float("nan")
        direction = fw.directions[idx[code]]
        rows.append(
            {
                "order": rank_pos + 1,
                "iCode": code,
                "iName": fw.names[code],
                "parent": fw.parent[code],
                "effective_weight": eff.get(code, float("nan")),
                "value": value,
                "reference": float(ref),
                "headroom": float((ref - value) * direction),
                "score": float(x[u, j]),
                "ceiling": float(ceiling[j]),
                "gain": float(gain[j]),
                "cumulative": float(cumulative[rank_pos]),
                "reaches_target": bool(target is not None and cumulative[rank_pos] >= target),
            }
        )
    frame = pl.DataFrame(rows).with_columns(pl.col(pl.Float64).fill_nan(None))
    return frame.with_columns(
        pl.lit(now).alias("index_now"), pl.lit(target, dtype=pl.Float64).alias("target")
    )


def scenario(
    pipeline: Pipeline, data: pl.DataFrame, unit: str, changes: Mapping[str, float]
) -> Pipeline:
    """Refit the pipeline with some raw values of one unit changed ("if R&D reaches 2.5 %…")."""
    if unit not in data["uCode"].cast(pl.String).to_list():
        raise IndexInputError(f"单位「{unit}」不在数据中", f"unit '{unit}' is not in the data")
    is_unit = pl.col("uCode").cast(pl.String) == unit
    changed = data.with_columns(
        pl.when(is_unit).then(pl.lit(float(v))).otherwise(pl.col(c).cast(pl.Float64)).alias(c)
        for c, v in changes.items()
    )
    return Pipeline(pipeline.steps).fit(changed, pipeline.framework_)
