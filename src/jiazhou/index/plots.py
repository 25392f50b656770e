"""COINr's plot family as ECharts options (plain dicts), rendered to HTML or PNG.

Builders (pure data → option): :func:`framework_sunburst` (``plot_framework``, sized by
effective weight), :func:`bar` (``plot_bar``, optionally stacked by child contributions),
:func:`dot` (``plot_dot``), :func:`scatter` (``plot_scatter``), :func:`correlation_heatmap`
(``plot_corr``), :func:`rank_bands` (``plot_uncertainty``), :func:`sensitivity`
(``plot_sensitivity``: bar, pie or box). :func:`pipeline_chart` builds one from a fitted
pipeline (or an uncertainty analysis). The web page feeds the same builders with stored results.

:func:`render_html` writes a self-contained page (ECharts inlined from the project's vendored
copy, no network); :func:`render_png` draws the same option with matplotlib (an optional
dependency, ``pip install jiazhou[plots]``; see docs/adr).
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
import polars as pl

from jiazhou.index.correlation import correlation_matrix
from jiazhou.index.errors import IndexInputError
from jiazhou.index.pipeline import Pipeline
from jiazhou.index.sensitivity import UncertaintyAnalysis

Option = dict[str, Any]
KINDS = ("framework", "bar", "stacked", "dot", "scatter", "corr", "bands", "sensitivity")
ECHARTS = Path(__file__).resolve().parents[2] / "jiazhou_web/static/vendor/echarts/echarts.min.js"

__all__ = [
    "KINDS",
    "bar",
    "correlation_heatmap",
    "dot",
    "framework_sunburst",
    "pipeline_chart",
    "rank_bands",
    "render_html",
    "render_png",
    "scatter",
    "sensitivity",
]


def _num(v: Any) -> float | None:
    f = float(v) if v is not None else float("nan")
    return None if np.isnan(f) else round(f, 6)


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
        "series": [{"type": "sunburst", "data": roots, "radius": ["0%", "95%"], "sort": None}],
    }


def bar(
    units: Sequence[str],
    scores: Sequence[float | None],
    title: str,
    stacks: Mapping[str, Sequence[float | None]] | None = None,
) -> Option:
    """Units sorted best first; with ``stacks`` (component → contribution per unit, e.g.
    effective weight × score) the bar is split into its components."""
    keys = [-(_num(v) if _num(v) is not None else -1e300) for v in scores]  # type: ignore[operator]
    order = sorted(range(len(units)), key=keys.__getitem__)
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
        "legend": {"top": 24} if stacks else {"show": False},
        "grid": {"bottom": 90, "top": 60 if stacks else 40},
        "xAxis": {"type": "category", "data": names, "axisLabel": {"rotate": 60}},
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
            "value": [_num(v), 0],
            "itemStyle": {"color": "#d9363e"} if u == highlight else {},
        }
        for u, v in zip(units, values, strict=True)
        if v is not None and not np.isnan(float(v))
    ]
    return {
        "title": {"text": title},
        "tooltip": {"formatter": "{b}: {c}"},
        "xAxis": {"type": "value", "scale": True},
        "yAxis": {"type": "value", "show": False, "min": -1, "max": 1},
        "series": [{"type": "scatter", "data": points, "symbolSize": 12}],
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
        series.append({"name": g or yname, "type": "scatter", "data": pts, "symbolSize": 9})
    return {
        "title": {"text": f"{yname} ~ {xname}"},
        "tooltip": {"formatter": "{b}: {c}"},
        "legend": {"top": 24, "show": groups is not None},
        "xAxis": {"type": "value", "name": xname, "scale": True},
        "yAxis": {"type": "value", "name": yname, "scale": True},
        "series": series,
    }


def correlation_heatmap(
    codes: Sequence[str], r: np.ndarray[Any, Any], title: str = "相关系数 Correlations"
) -> Option:
    """A correlation matrix as a heatmap (−1 blue … +1 red), values shown to 2 decimals."""
    cells = [
        [j, i, _num(round(float(r[i, j]), 2))]
        for i in range(len(codes))
        for j in range(len(codes))
        if not np.isnan(r[i, j])
    ]
    return {
        "title": {"text": title},
        "tooltip": {},
        "grid": {"left": 90, "bottom": 90, "top": 40, "right": 80},
        "xAxis": {"type": "category", "data": list(codes), "axisLabel": {"rotate": 60}},
        "yAxis": {"type": "category", "data": list(codes)},
        "visualMap": {
            "min": -1, "max": 1, "calculable": True, "orient": "vertical", "right": 0, "top": 40,
            "inRange": {"color": ["#2c7bb6", "#ffffbf", "#d7191c"]},
        },
        "series": [{"type": "heatmap", "data": cells, "label": {"show": len(codes) <= 12}}],
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
        "legend": {"top": 24},
        "grid": {"left": 80, "top": 60},
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


def sensitivity(
    factors: Sequence[str],
    first: Sequence[float],
    total: Sequence[float],
    kind: Literal["bar", "pie", "box"] = "bar",
    bands: Sequence[tuple[float, float]] | None = None,
    title: str = "敏感性 Sensitivity",
) -> Option:
    """COINr's ``plot_sensitivity``: ``bar`` stacks the first-order index and the interactions
    (``ST − S``); ``pie`` shows first-order shares; ``box`` shows the bootstrap band of ``S``."""
    if kind == "pie":
        data = [
            {"name": f, "value": _num(max(s, 0.0))} for f, s in zip(factors, first, strict=True)
        ]
        return {"title": {"text": title}, "tooltip": {}, "series": [{"type": "pie", "data": data}]}
    if kind == "box":
        b = bands or [(s, s) for s in first]
        return {
            "title": {"text": title},
            "tooltip": {},
            "xAxis": {"type": "category", "data": list(factors)},
            "yAxis": {"type": "value"},
            "series": [
                {
                    "type": "boxplot",
                    "data": [[lo, lo, s, hi, hi] for (lo, hi), s in zip(b, first, strict=True)],
                }
            ],
        }
    return {
        "title": {"text": title},
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 24},
        "xAxis": {"type": "category", "data": list(factors)},
        "yAxis": {"type": "value", "max": 1},
        "series": [
            {"name": "S", "type": "bar", "stack": "s", "data": [_num(s) for s in first]},
            {
                "name": "ST − S",
                "type": "bar",
                "stack": "s",
                "data": [_num(max(t - s, 0.0)) for s, t in zip(first, total, strict=True)],
            },
        ],
    }


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
        w = dict(zip(tree["iCode"], tree["Weight"], strict=True))
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
    if kind in ("bands", "sensitivity"):
        if analysis is None:
            raise IndexInputError(
                "需要先做不确定性分析", "this chart needs an uncertainty analysis"
            )
        if kind == "bands":
            b = analysis.rank_bands()
            return rank_bands(
                b["uCode"].to_list(), b["rank_lo"].to_list(), b["median_rank"].to_list(),
                b["rank_hi"].to_list(), b["nominal_rank"].to_list(),
            )  # fmt: skip
        si = analysis.sobol_indices(n_boot=50).filter(pl.col("output") == "mean_abs_rank_shift")
        return sensitivity(si["factor"].to_list(), si["S"].to_list(), si["ST"].to_list())
    raise IndexInputError(
        f"图表类型「{kind}」无效，应为 {KINDS} 之一", f"unknown chart kind '{kind}'"
    )


def render_html(option: Option, path: Path, title: str = "Jiazhou index chart") -> None:
    """A self-contained HTML page with the chart (ECharts inlined; opens offline)."""
    if not ECHARTS.exists():
        raise IndexInputError(f"找不到 ECharts：{ECHARTS}", f"ECharts not found at {ECHARTS}")
    script = ECHARTS.read_text(encoding="utf-8")
    payload = json.dumps(option, ensure_ascii=False).replace("</", "<\\/")
    page = (
        '<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>"
        '<div id="chart" style="width:100%;height:92vh"></div>'
        f"<script>{script}</script>"
        f'<script>echarts.init(document.getElementById("chart")).setOption({payload});</script>'
        "</body></html>"
    )
    path.write_text(page, encoding="utf-8")


def render_png(option: Option, path: Path, width: float = 10.0, height: float = 6.0) -> None:
    """Draw the option's series with matplotlib (bar, stacked bar, scatter, heatmap, boxplot,
    pie, sunburst as nested rings) and save a PNG."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise IndexInputError(
            "PNG 输出需要 matplotlib（pip install jiazhou[plots]）；HTML 输出无需额外依赖",
            "PNG output needs matplotlib (pip install jiazhou[plots]); HTML needs nothing more",
        ) from exc
    plt.rcParams["font.sans-serif"] = ["Noto Sans CJK SC", "WenQuanYi Zen Hei", "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    fig, ax = plt.subplots(figsize=(width, height))
    series = option.get("series", [])
    kinds = {s["type"] for s in series}
    xcats = option.get("xAxis", {}).get("data") if isinstance(option.get("xAxis"), dict) else None
    ycats = option.get("yAxis", {}).get("data") if isinstance(option.get("yAxis"), dict) else None
    if "sunburst" in kinds:
        _sunburst_png(ax, series[0]["data"])
    elif "pie" in kinds:
        d = series[0]["data"]
        ax.pie([p["value"] or 0 for p in d], labels=[p["name"] for p in d], autopct="%1.0f%%")
    elif "heatmap" in kinds:
        n = len(xcats or [])
        m = np.full((n, n), np.nan)
        for j, i, v in series[0]["data"]:
            m[i, j] = v
        im = ax.imshow(m, cmap="RdYlBu_r", vmin=-1, vmax=1)
        ax.set_xticks(range(n), xcats, rotation=90, fontsize=7)
        ax.set_yticks(range(n), ycats, fontsize=7)
        fig.colorbar(im, ax=ax)
    elif "bar" in kinds:
        bottom = np.zeros(len(xcats or []))
        for s in series:
            vals = np.array([v if v is not None else 0.0 for v in s["data"]], dtype=float)
            ax.bar(
                range(len(vals)), vals, bottom=bottom if s.get("stack") else None, label=s["name"]
            )
            if s.get("stack"):
                bottom = bottom + vals
        ax.set_xticks(range(len(xcats or [])), xcats, rotation=60, fontsize=7)
        if len(series) > 1:
            ax.legend(fontsize=7)
    elif "boxplot" in kinds:
        box = next(s for s in series if s["type"] == "boxplot")
        horizontal = ycats is not None
        cats = ycats if horizontal else xcats
        for k, (lo, _q1, med, hi, _q3) in enumerate(box["data"]):
            if horizontal:
                ax.plot([lo, hi], [k, k], color="#4a78c2", lw=3)
                ax.plot([med], [k], "o", color="#1f3b73")
            else:
                ax.plot([k, k], [lo, hi], color="#4a78c2", lw=3)
                ax.plot([k], [med], "o", color="#1f3b73")
        for s in series:
            if s["type"] == "scatter":
                xs, ys = zip(*s["data"], strict=True) if s["data"] else ((), ())
                ax.plot(xs, ys, "x", color="#d9363e", label=s.get("name"))
        if horizontal:
            ax.set_yticks(range(len(cats or [])), cats, fontsize=7)
            ax.invert_yaxis()
        else:
            ax.set_xticks(range(len(cats or [])), cats, rotation=60, fontsize=7)
    elif "scatter" in kinds:
        for s in series:
            pts = [p["value"] for p in s["data"] if None not in p["value"]]
            if pts:
                xs, ys = zip(*pts, strict=True)
                ax.scatter(xs, ys, label=s.get("name"), s=25)
        if len(series) > 1:
            ax.legend(fontsize=7)
    else:
        raise IndexInputError(f"无法绘制 {sorted(kinds)}", f"cannot draw series {sorted(kinds)}")
    ax.set_title(option.get("title", {}).get("text", ""))
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def _sunburst_png(ax: Any, roots: list[dict[str, Any]]) -> None:
    rings: list[list[tuple[str, float]]] = []

    def walk(nodes: list[dict[str, Any]], depth: int, share: float) -> None:
        total = sum(n.get("value") or 0 for n in nodes) or 1.0
        for n in nodes:
            part = share * (n.get("value") or 0) / total
            while len(rings) <= depth:
                rings.append([])
            rings[depth].append((n["name"] if depth < 2 else "", part))
            walk(n.get("children", []), depth + 1, part)

    walk(roots, 0, 1.0)
    width = 1.0 / (len(rings) + 0.5)
    for depth, ring in enumerate(rings):
        ax.pie(
            [v for _n, v in ring],
            labels=[n for n, _v in ring],
            radius=width * (depth + 1.5),
            wedgeprops={"width": width, "edgecolor": "white"},
            labeldistance=0.75,
            textprops={"fontsize": 7},
            startangle=90,
            counterclock=False,
        )
