"""COINr's plot family as ECharts options (plain dicts), rendered to HTML or PNG.

Builders (pure data → option): :func:`framework_sunburst` (``plot_framework``, sized by
effective weight), :func:`bar` (``plot_bar``, optionally stacked by child contributions),
:func:`dot` (``plot_dot``), :func:`scatter` (``plot_scatter``), :func:`correlation_heatmap`
(``plot_corr``), :func:`rank_bands` (``plot_uncertainty``), :func:`sensitivity`
(``plot_sensitivity``: bar, pie or box). :func:`pipeline_chart` builds one from a fitted
pipeline (or an uncertainty analysis). The web page feeds the same builders with stored results.

What a chart says — the order of the units, the values (to six decimals), the shares, the
ranks — is decided here; how it looks (colours, margins, angles) comes from
:mod:`jiazhou.index.chart_style`, and :mod:`jiazhou.index.chart_render` draws an option to an
HTML page or a PNG.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import polars as pl

from jiazhou.index import chart_style as style
from jiazhou.index.correlation import correlation_matrix
from jiazhou.index.errors import IndexInputError
from jiazhou.index.pipeline import Pipeline
from jiazhou.index.sensitivity import SUMMARY, UncertaintyAnalysis

Option = dict[str, Any]
KINDS = ("framework", "bar", "stacked", "dot", "scatter", "corr", "bands", "sensitivity")
#: a heatmap writes its values in the cells up to this many indicators (more would not be legible)
CELL_VALUES_UP_TO = 12

__all__ = [
    "KINDS",
    "bar",
    "correlation_heatmap",
    "dot",
    "framework_sunburst",
    "pipeline_chart",
    "rank_bands",
    "scatter",
    "sensitivity",
]


def _num(v: Any) -> float | None:
    f = float(v) if v is not None else float("nan")
    return None if np.isnan(f) else round(f, 6)


def _at_least_zero(v: Any) -> float | None:
    """A share as shown: a negative estimate as 0, a missing one (None or NaN) left out."""
    f = _num(v)
    return None if f is None else max(f, 0.0)


def _interactions(first: Any, total: Any) -> float | None:
    """ST − S, never below 0; missing when either estimate is (an output that does not vary)."""
    if _num(first) is None or _num(total) is None:
        return None
    return _at_least_zero(float(total) - float(first))


def framework_sunburst(tree: pl.DataFrame, title: str = "指标框架 Framework") -> Option:
    """Rings from the index out to the indicators, each node sized by its effective weight
    (``tree``: ``iCode, iName, Parent, EffectiveWeight`` as :meth:`Pipeline.tree`)."""
    rows = tree.to_dicts()
    kids: dict[str | None, list[dict[str, Any]]] = {}
    for r in rows:
        kids.setdefault(r["Parent"], []).append(r)

    def node(r: dict[str, Any]) -> dict[str, Any]:
        children = [node(k) for k in kids.get(r["iCode"], [])]
        out: dict[str, Any] = {
            "name": r["iName"] or r["iCode"],
            "value": _num(r["EffectiveWeight"]),
        }
        if children:
            out["children"] = children
        return out

    roots = [node(r) for r in kids.get(None, [])]
    return {
        "title": {"text": title},
        "tooltip": {},
        "series": [{"type": "sunburst", "data": roots, **style.SUNBURST}],
    }


def bar(
    units: Sequence[str],
    scores: Sequence[float | None],
    title: str,
    stacks: Mapping[str, Sequence[float | None]] | None = None,
) -> Option:
    """Units sorted best first; with ``stacks`` (component → contribution per unit, e.g.
    effective weight × score) the bar is split into its components."""
    shown = [_num(v) for v in scores]
    scored = [i for i, v in enumerate(shown) if v is not None]
    unscored = [i for i, v in enumerate(shown) if v is None]
    order = sorted(scored, key=lambda i: -shown[i]) + unscored  # type: ignore[operator]
    names = [units[i] for i in order]
    series: list[dict[str, Any]]
    if stacks:
        series = [
            {"name": k, "type": "bar", "stack": "total", "data": [_num(v[i]) for i in order]}
            for k, v in stacks.items()
        ]
    else:
        series = [{"name": title, "type": "bar", "data": [_num(scores[i]) for i in order]}]
    return {
        "title": {"text": title},
        "tooltip": {"trigger": "axis"},
        "legend": dict(style.LEGEND) if stacks else {"show": False},
        "grid": dict(style.BAR_GRID_WITH_LEGEND) if stacks else dict(style.BAR_GRID),
        "xAxis": {"type": "category", "data": names, "axisLabel": dict(style.SLANTED_LABELS)},
        "yAxis": {"type": "value"},
        "series": series,
    }


def dot(
    units: Sequence[str], values: Sequence[float | None], title: str, highlight: str | None = None
) -> Option:
    """One indicator: every unit as a dot on one axis, ``highlight`` marked."""
    points = [
        {
            "name": u,
            "value": [_num(v), style.DOT_LINE],
            "itemStyle": {"color": style.HIGHLIGHT} if u == highlight else {},
        }
        for u, v in zip(units, values, strict=True)
        if v is not None and not np.isnan(float(v))
    ]
    return {
        "title": {"text": title},
        "tooltip": {"formatter": "{b}: {c}"},
        "xAxis": dict(style.FIT_TO_DATA),
        "yAxis": dict(style.DOT_Y_AXIS),
        "series": [{"type": "scatter", "data": points, "symbolSize": style.DOT_SIZE}],
    }


def scatter(
    units: Sequence[str],
    x: Sequence[float | None],
    y: Sequence[float | None],
    xname: str,
    yname: str,
    groups: Sequence[str] | None = None,
) -> Option:
    """Two variables against each other, one series per group when ``groups`` is given."""
    labels = list(groups) if groups is not None else [""] * len(units)
    series = []
    for g in dict.fromkeys(labels):
        pts = [
            {"name": u, "value": [_num(a), _num(b)]}
            for u, a, b, lab in zip(units, x, y, labels, strict=True)
            if lab == g
        ]
        series.append(
            {"name": g or yname, "type": "scatter", "data": pts, "symbolSize": style.SCATTER_SIZE}
        )
    return {
        "title": {"text": f"{yname} ~ {xname}"},
        "tooltip": {"formatter": "{b}: {c}"},
        "legend": {**style.LEGEND, "show": groups is not None},
        "xAxis": {**style.FIT_TO_DATA, "name": xname},
        "yAxis": {**style.FIT_TO_DATA, "name": yname},
        "series": series,
    }


def correlation_heatmap(
    codes: Sequence[str], r: np.ndarray[Any, Any], title: str = "相关系数 Correlations"
) -> Option:
    """A correlation matrix as a heatmap, values to 2 decimals (written in the cells up to
    :data:`CELL_VALUES_UP_TO` indicators); the colour scale spans the whole range −1 … +1, so a
    colour means the same correlation in every chart."""
    cells = [
        [j, i, _num(round(float(r[i, j]), 2))]
        for i in range(len(codes))
        for j in range(len(codes))
        if not np.isnan(r[i, j])
    ]
    return {
        "title": {"text": title},
        "tooltip": {},
        "grid": dict(style.HEATMAP_GRID),
        "xAxis": {"type": "category", "data": list(codes), "axisLabel": dict(style.SLANTED_LABELS)},
        "yAxis": {"type": "category", "data": list(codes)},
        "visualMap": {
            "min": -1, "max": 1, "inRange": {"color": list(style.DIVERGING)}, **style.HEATMAP_SCALE,
        },
        "series": [
            {"type": "heatmap", "data": cells, "label": {"show": len(codes) <= CELL_VALUES_UP_TO}}
        ],
    }  # fmt: skip


def rank_bands(
    units: Sequence[str],
    lo: Sequence[float],
    median: Sequence[float],
    hi: Sequence[float],
    nominal: Sequence[float],
    title: str = "排名不确定区间 Rank uncertainty",
) -> Option:
    """COINr's ``plot_uncertainty``: per unit the [lo, hi] rank band, the median and the nominal
    rank, units in nominal order (rank 1 on top)."""
    order = sorted(range(len(units)), key=lambda i: nominal[i])
    return {
        "title": {"text": title},
        "tooltip": {"trigger": "item"},
        "legend": dict(style.LEGEND),
        "grid": dict(style.BANDS_GRID),
        "yAxis": {"type": "category", "data": [units[i] for i in order], "inverse": True},
        "xAxis": {"type": "value", "name": "rank", "min": 1},
        "series": [
            {
                "name": "5%–95%",
                "type": "boxplot",
                "data": [[lo[i], lo[i], median[i], hi[i], hi[i]] for i in order],
            },
            {
                "name": "nominal",
                "type": "scatter",
                "data": [[nominal[i], k] for k, i in enumerate(order)],
            },
        ],
    }


def _sobol_bar(factors: Sequence[str], first: Sequence[Any], total: Sequence[Any]) -> Option:
    return {
        "tooltip": {"trigger": "axis"},
        "legend": dict(style.LEGEND),
        "xAxis": {"type": "category", "data": list(factors)},
        "yAxis": {"type": "value", "max": 1},
        "series": [
            {"name": "S", "type": "bar", "stack": "s", "data": [_num(s) for s in first]},
            {
                "name": "ST − S",
                "type": "bar",
                "stack": "s",
                "data": [_interactions(s, t) for s, t in zip(first, total, strict=True)],
            },
        ],
    }


def _sobol_pie(factors: Sequence[str], first: Sequence[Any], _total: Sequence[Any]) -> Option:
    data = [{"name": f, "value": _at_least_zero(s)} for f, s in zip(factors, first, strict=True)]
    return {"tooltip": {}, "series": [{"type": "pie", "data": data}]}


def _sobol_box(
    factors: Sequence[str], first: Sequence[Any], bands: Sequence[tuple[Any, Any]]
) -> Option:
    return {
        "tooltip": {},
        "xAxis": {"type": "category", "data": list(factors)},
        "yAxis": {"type": "value"},
        "series": [
            {
                "type": "boxplot",
                "data": [
                    [_num(lo), _num(lo), _num(s), _num(hi), _num(hi)]
                    for (lo, hi), s in zip(bands, first, strict=True)
                ],
            }
        ],
    }


def sensitivity(
    factors: Sequence[str],
    first: Sequence[float | None],
    total: Sequence[float | None],
    kind: Literal["bar", "pie", "box"] = "bar",
    bands: Sequence[tuple[float | None, float | None]] | None = None,
    title: str = "敏感性 Sensitivity",
) -> Option:
    """COINr's ``plot_sensitivity``: ``bar`` stacks the first-order index and the interactions
    (``ST − S``); ``pie`` shows first-order shares; ``box`` shows the bootstrap band of ``S``
    (``bands``; without them, S alone). An estimate that does not exist (an output that does
    not vary) is shown as missing."""
    if kind == "box":
        option = _sobol_box(factors, first, bands or [(s, s) for s in first])
    else:
        draw = {"bar": _sobol_bar, "pie": _sobol_pie}.get(kind)
        if draw is None:
            raise IndexInputError(
                f"敏感性图类型「{kind}」无效，应为 bar、pie 或 box",
                f"unknown sensitivity chart '{kind}', expected bar, pie or box",
            )
        option = draw(factors, first, total)
    return {"title": {"text": title}, **option}


def _needs_analysis(analysis: UncertaintyAnalysis | None) -> UncertaintyAnalysis:
    if analysis is None:
        raise IndexInputError("需要先做不确定性分析", "this chart needs an uncertainty analysis")
    return analysis


def pipeline_chart(
    kind: str,
    pipeline: Pipeline,
    code: str | None = None,
    code2: str | None = None,
    unit: str | None = None,
    level: int = 1,
    dset: str = "Aggregated",
    group: str | None = None,
    analysis: UncertaintyAnalysis | None = None,
) -> Option:
    """One chart of a fitted pipeline: ``kind`` in :data:`KINDS`."""
    fw = pipeline.framework_
    agg = pipeline.aggregated_
    units = list(agg.units)
    target = code or fw.root
    if kind == "framework":
        return framework_sunburst(pipeline.tree())
    if kind == "bar":
        return bar(units, agg.column(target).tolist(), fw.names.get(target, target))
    if kind == "stacked":
        kids = fw.children.get(target)
        if not kids:
            raise IndexInputError(f"「{target}」没有下级", f"'{target}' has no children")
        tree = pipeline.tree()
        w = dict(tree.select("iCode", "Weight").iter_rows())
        present = ~np.isnan(agg.take(list(kids)))
        total = present @ np.array([w[k] for k in kids])
        stacks = {
            fw.names.get(k, k): (np.nan_to_num(agg.column(k)) * w[k] / total).tolist() for k in kids
        }
        return bar(units, agg.column(target).tolist(), fw.names.get(target, target), stacks)
    if kind == "dot":
        data = pipeline.datasets_[dset]
        return dot(list(data.units), data.column(target).tolist(), f"{target} ({dset})", unit)
    if kind == "scatter":
        other = code2 or fw.levels[fw.n_levels - 1][0]
        labels = None if group is None else agg.aux[group].cast(pl.String).to_list()
        return scatter(
            units, agg.column(target).tolist(), agg.column(other).tolist(), target, other, labels
        )
    if kind == "corr":
        data = pipeline.datasets_[dset]
        codes = [c for c in fw.levels[level] if c in data.codes]
        r, _ = correlation_matrix(data.take(codes))
        return correlation_heatmap(codes, r)
    if kind == "bands":
        b = _needs_analysis(analysis).rank_bands()
        return rank_bands(
            b["uCode"].to_list(), b["rank_lo"].to_list(), b["median_rank"].to_list(),
            b["rank_hi"].to_list(), b["nominal_rank"].to_list(),
        )  # fmt: skip
    if kind == "sensitivity":
        # the chart reads S and ST, which the bootstrap count does not change (only their bands)
        si = _needs_analysis(analysis).sobol_indices(n_boot=50)
        si = si.filter(pl.col("output") == SUMMARY)
        return sensitivity(si["factor"].to_list(), si["S"].to_list(), si["ST"].to_list())
    raise IndexInputError(
        f"图表类型「{kind}」无效，应为 {KINDS} 之一", f"unknown chart kind '{kind}'"
    )
