"""Drawing an index chart: an ECharts option (:mod:`jiazhou.index.plots`) to a file.

:func:`render_html` writes a self-contained page (ECharts inlined from the project's vendored
copy, no network); :func:`render_png` draws the same option with matplotlib (an optional
dependency, ``pip install jiazhou[plots]``; docs/adr/0013-index-plots-matplotlib.md). Nothing
here decides a number a reader takes from a chart — the option carries them all — so this
module is checked by rendering every kind of chart (tests/index/test_chart_render.py), not by
mutation testing (mutation/modules.toml).
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import numpy as np

from jiazhou.index.errors import IndexInputError

Option = dict[str, Any]
ECHARTS = Path(__file__).resolve().parents[2] / "jiazhou_web/static/vendor/echarts/echarts.min.js"

__all__ = ["ECHARTS", "render_html", "render_png"]


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
