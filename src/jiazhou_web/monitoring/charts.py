"""ECharts options built on the server (the pages pass them through ``json_script``).

Every chart that contains 模拟数据 says so on the chart itself (a label in its corner and the
synthetic points drawn hollow and amber).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from jiazhou.targets.periods import parse_period
from jiazhou_web.monitoring.models import Indicator, Observation
from jiazhou_web.monitoring.progress import LIGHT_COLOURS, LIGHT_LABELS, TargetStatus

SYNTHETIC_LABEL = "含模拟数据（空心黄点/斜纹）"
SYNTHETIC_COLOUR = "#c9a227"


def _mark(dark: bool) -> dict[str, Any]:
    return {
        "type": "text",
        "right": 12,
        "top": 6,
        "z": 100,
        "style": {
            "text": SYNTHETIC_LABEL,
            "fill": "#ffe08a" if dark else "#7a5a00",
            "backgroundColor": "rgba(0,0,0,0.35)" if dark else "#fff3cd",
            "padding": [3, 6],
            "fontSize": 13,
        },
    }


def _text_colour(dark: bool) -> str:
    return "#cfe3ff" if dark else "#333"


def _point(obs: Observation) -> dict[str, Any] | None:
    end = parse_period(obs.period).end
    if end is None:
        return None
    item: dict[str, Any] = {
        "value": [end.isoformat(), float(obs.value)],
        "period": obs.period,
        "basis": obs.get_period_basis_display(),
    }
    if obs.synthetic:
        item["symbol"] = "emptyCircle"
        item["itemStyle"] = {"color": SYNTHETIC_COLOUR, "borderColor": SYNTHETIC_COLOUR}
    return item


def indicator_chart(
    indicator: Indicator,
    observations: Iterable[Observation],
    statuses: Sequence[TargetStatus],
    *,
    dark: bool = False,
) -> dict[str, Any]:
    """Trend per region, the target path (base → target) and the engine's projection."""
    by_region: dict[str, list[dict[str, Any]]] = {}
    synthetic = False
    for obs in observations:
        point = _point(obs)
        if point is None:
            continue
        synthetic = synthetic or obs.synthetic
        by_region.setdefault(str(obs.region), []).append(point)
    series: list[dict[str, Any]] = [
        {
            "name": f"{region} 实际值",
            "type": "line",
            "data": sorted(points, key=lambda p: p["value"][0]),
            "symbolSize": 8,
        }
        for region, points in by_region.items()
    ]
    for status in statuses:
        ev, target = status.evaluation, status.target
        synthetic = synthetic or status.synthetic
        name = f"{target.region} {target.target_year} 目标"
        start = ev.target.period_start
        if ev.threshold is not None and start is not None and ev.base_value is not None:
            series.append(
                {
                    "name": f"{name}路径",
                    "type": "line",
                    "lineStyle": {"type": "dashed", "width": 1.5},
                    "symbol": "diamond",
                    "data": [
                        [start.isoformat(), ev.base_value],
                        [ev.target.due.isoformat(), ev.threshold],
                    ],
                }
            )
        elif ev.threshold is not None and target.indicator.kind != "rank":
            series.append(
                {
                    "name": name,
                    "type": "scatter",
                    "symbol": "diamond",
                    "symbolSize": 12,
                    "data": [[ev.target.due.isoformat(), ev.threshold]],
                }
            )
        projection = ev.projection
        if projection is not None and projection.points:
            last = projection.points[-1]
            series.append(
                {
                    "name": f"{name}预测（{projection.method_zh}）",
                    "type": "line",
                    "lineStyle": {"type": "dotted", "width": 2},
                    "symbol": "triangle",
                    "data": [
                        [last.on.isoformat(), last.fitted],
                        [projection.on.isoformat(), round(projection.value, 2)],
                    ],
                }
            )
    colour = _text_colour(dark)
    option: dict[str, Any] = {
        "title": {
            "text": f"{indicator.name}（{indicator.unit or '—'}）",
            "textStyle": {"fontSize": 15, "color": colour},
        },
        "tooltip": {"trigger": "item"},
        "legend": {"top": 30, "type": "scroll", "textStyle": {"color": colour}},
        "grid": {"top": 80, "left": 60, "right": 30, "bottom": 40},
        "xAxis": {"type": "time", "axisLabel": {"color": colour}},
        "yAxis": {
            "type": "value",
            "scale": True,
            "inverse": indicator.kind == "rank",
            "axisLabel": {"color": colour},
        },
        "series": series,
    }
    if synthetic:
        option["graphic"] = [_mark(dark)]
    return option


def lights_pie(counts: dict[str, int], *, synthetic: bool, dark: bool = False) -> dict[str, Any]:
    colour = _text_colour(dark)
    option: dict[str, Any] = {
        "tooltip": {"trigger": "item"},
        "legend": {"bottom": 0, "textStyle": {"color": colour}},
        "series": [
            {
                "type": "pie",
                "radius": ["40%", "70%"],
                "label": {"show": dark, "color": colour, "formatter": "{b}\n{c}"},
                "data": [
                    {
                        "name": LIGHT_LABELS[light],
                        "value": count,
                        "itemStyle": {"color": LIGHT_COLOURS[light]},
                    }
                    for light, count in counts.items()
                ],
            }
        ],
    }
    if not any(counts.values()):
        # All zero: no ring of equal slices (ECharts' default), a plain 暂无目标 instead.
        option["series"][0]["data"] = []
        option["series"][0]["stillShowZeroSum"] = False
        option["title"] = {
            "text": "暂无目标",
            "left": "center",
            "top": "middle",
            "textStyle": {"color": colour, "fontSize": 14, "fontWeight": "normal"},
        }
    if synthetic:
        option["graphic"] = [_mark(dark)]
    return option


def region_bar(
    rows: Sequence[dict[str, Any]], indicator: Indicator, *, dark: bool = False
) -> dict[str, Any]:
    """Latest value per region, coloured by its status light; 模拟数据 bars hatched."""
    colour = _text_colour(dark)
    data = []
    for row in rows:
        item: dict[str, Any] = {
            "value": row["value"],
            "itemStyle": {"color": LIGHT_COLOURS[row["light"]]},
        }
        if row["synthetic"]:
            item["itemStyle"]["decal"] = {"symbol": "rect", "dashArrayX": [1, 0], "rotation": 0.8}
        data.append(item)
    targets = [
        {"value": row["threshold"], "symbol": "diamond", "symbolSize": 12}
        if row["threshold"] is not None
        else {"value": None}
        for row in rows
    ]
    option: dict[str, Any] = {
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0, "textStyle": {"color": colour}},
        "aria": {"enabled": True, "decal": {"show": False}},
        "grid": {"top": 40, "left": 50, "right": 20, "bottom": 60},
        "xAxis": {
            "type": "category",
            "data": [row["region"] for row in rows],
            "axisLabel": {"color": colour, "interval": 0, "rotate": 30},
        },
        "yAxis": {
            "type": "value",
            "name": indicator.unit,
            "axisLabel": {"color": colour},
            "nameTextStyle": {"color": colour},
        },
        "series": [
            {"name": "最新值", "type": "bar", "data": data},
            {
                "name": "目标值",
                "type": "scatter",
                "data": targets,
                "itemStyle": {"color": "#1f4e79"},
            },
        ],
    }
    if any(row["synthetic"] for row in rows):
        option["graphic"] = [_mark(dark)]
    return option
