"""ECharts options built on the server (the pages pass them through ``json_script``).

Every chart that contains 模拟数据 says so on the chart itself (a label in its corner and the
synthetic points drawn hollow and amber).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from jiazhou.humanize import number, percent
from jiazhou.targets.periods import parse_period
from jiazhou.targets.records import Observation as EngineObservation
from jiazhou_web.core import names
from jiazhou_web.monitoring.choices import PeriodBasis
from jiazhou_web.monitoring.models import Indicator, Observation
from jiazhou_web.monitoring.progress import LIGHT_COLOURS, LIGHT_NAMES, TargetStatus

#: the projection methods of jiazhou.targets.projection, in the reader's language
METHOD_NAMES = {
    "linear": _("linear trend"),
    "compound": _("compound growth (CAGR) trend"),
    "run_rate": _("year-to-date run rate"),
}
SYNTHETIC_COLOUR = "#c9a227"


def _mark(dark: bool) -> dict[str, Any]:
    return {
        "type": "text",
        "right": 12,
        "top": 6,
        "z": 100,
        "style": {
            "text": gettext("Synthetic (hollow / hatched)"),
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
            "name": gettext("%(region)s actual") % {"region": region},
            "type": "line",
            "data": sorted(points, key=lambda p: p["value"][0]),
            "symbolSize": 8,
        }
        for region, points in by_region.items()
    ]
    for status in statuses:
        ev, target = status.evaluation, status.target
        synthetic = synthetic or status.synthetic
        name = gettext("%(region)s %(year)s target") % {
            "region": target.region,
            "year": target.target_year,
        }
        start = ev.target.period_start
        if ev.threshold is not None and start is not None and ev.base_value is not None:
            series.append(
                {
                    "name": gettext("%(name)s path") % {"name": name},
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
                    "name": gettext("%(name)s projection (%(method)s)")
                    % {"name": name, "method": METHOD_NAMES[projection.method]},
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
            "text": f"{indicator.name}（{names.unit_label(indicator.unit) or '—'}）",
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
                # above the legend, which wraps to two lines in a narrow card
                "center": ["50%", "45%"],
                "radius": ["32%", "58%"],
                "label": {"show": dark, "color": colour, "formatter": "{b}\n{c}"},
                "data": [
                    {
                        "name": str(LIGHT_NAMES[light]),
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
            "text": gettext("No targets yet"),
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
            "name": names.unit_label(indicator.unit),
            "axisLabel": {"color": colour},
            "nameTextStyle": {"color": colour},
        },
        "series": [
            {"name": gettext("Latest value"), "type": "bar", "data": data},
            {
                "name": gettext("Target value"),
                "type": "scatter",
                "data": targets,
                "itemStyle": {"color": "#1f4e79"},
            },
        ],
    }
    if any(row["synthetic"] for row in rows):
        option["graphic"] = [_mark(dark)]
    return option


# -- small multiples ----------------------------------------------------------------------------

TARGET_LINE_COLOUR = "#1f4e79"


@dataclass(frozen=True)
class Panel:
    """One small chart: a label (a region, or an indicator with its region), its points (as
    :func:`_point` makes them) and the target that sets its light, if any."""

    label: str
    points: list[dict[str, Any]]
    status: TargetStatus | None = None
    synthetic: bool = False
    url: str = ""
    rank: bool = False  # a 排名 indicator: the value axis runs downwards (1 on top)
    own_scale: bool = False  # its own value axis (the city: the whole, not one of its parts)

    @property
    def light(self) -> str:
        return self.status.light if self.status is not None else "grey"

    @property
    def light_label(self) -> str:
        return str(LIGHT_NAMES[self.light])


def engine_point(obs: EngineObservation, *, synthetic: bool) -> dict[str, Any] | None:
    """:func:`_point` for an engine observation (the plain values the dashboards read once)."""
    end = parse_period(obs.period).end
    if end is None:
        return None
    item: dict[str, Any] = {
        "value": [end.isoformat(), float(obs.value)],
        "period": obs.period,
        "basis": str(PeriodBasis(obs.period_basis).label),
    }
    if synthetic:
        item["symbol"] = "emptyCircle"
        item["itemStyle"] = {"color": SYNTHETIC_COLOUR, "borderColor": SYNTHETIC_COLOUR}
    return item


def model_point(obs: Observation) -> dict[str, Any] | None:
    """:func:`_point` under a public name, for the pages that build panels from models."""
    return _point(obs)


def expected_value(status: TargetStatus) -> float | None:
    """The value 序时进度 asks for on the evaluation day: base + elapsed share of the way to
    the threshold (None without a base or a threshold)."""
    ev = status.evaluation
    if ev.base_value is None or ev.threshold is None or ev.elapsed_pct is None:
        return None
    return ev.base_value + (ev.threshold - ev.base_value) * ev.elapsed_pct / 100


def _nice(value: float, *, up: bool) -> float:
    """A round axis bound: 87 → 90 up, 0.43 → 0.5 up, -12 → -20 down."""
    if value == 0:
        return 0.0
    step = 10.0 ** math.floor(math.log10(abs(value)))
    scaled = value / step
    return float((math.ceil(scaled) if up else math.floor(scaled)) * step)


def _bounds(panels: Sequence[Panel], at: date, *, rank: bool) -> dict[str, Any]:
    """One x range and one y range for every panel: the same scales, comparable at a glance."""
    days: list[str] = [at.isoformat()]
    values: list[float] = []
    for panel in panels:
        for point in panel.points:
            days.append(point["value"][0])
            values.append(point["value"][1])
        if panel.status is not None:
            ev = panel.status.evaluation
            values.extend(v for v in (ev.threshold, expected_value(panel.status)) if v is not None)
            days.append(ev.target.due.isoformat())
            if ev.projection is not None and ev.projection.points:
                values.append(ev.projection.value)
                days.append(ev.projection.on.isoformat())
    start, end = min(days), max(days)
    bounds: dict[str, Any] = {"x_min": f"{start[:4]}-01-01", "x_max": f"{end[:4]}-12-31"}
    if values:
        lo, hi = min(values), max(values)
        if rank:
            bounds.update(y_min=1, y_max=max(_nice(hi, up=True), 2))
        else:
            bounds.update(y_min=min(0.0, _nice(lo, up=False)), y_max=_nice(hi, up=True) or 1)
    return bounds


def _panel_option(panel: Panel, bounds: dict[str, Any], at: date, *, rank: bool) -> dict[str, Any]:
    colour = LIGHT_COLOURS[panel.light]
    mark_lines: list[dict[str, Any]] = []
    mark_points: list[dict[str, Any]] = []
    status = panel.status
    if status is not None:
        ev = status.evaluation
        if ev.threshold is not None:
            mark_lines.append(
                {
                    "name": gettext("Target"),
                    "yAxis": ev.threshold,
                    "lineStyle": {"type": "dashed", "color": TARGET_LINE_COLOUR, "width": 1.2},
                    "label": {
                        "formatter": gettext("Target %(value)s") % {"value": number(ev.threshold)},
                        "position": "insideEndTop",
                        "fontSize": 10,
                        "color": TARGET_LINE_COLOUR,
                    },
                }
            )
        # 序时进度 on the evaluation day; without a start of the target period, the day alone.
        known = ev.elapsed_pct is not None
        mark_lines.append(
            {
                "name": gettext("Time-elapsed progress") if known else gettext("Evaluated on"),
                "xAxis": at.isoformat(),
                "lineStyle": {"type": "dotted", "color": "#6c757d", "width": 1},
                "label": {
                    "formatter": gettext("Time-elapsed progress %(pct)s")
                    % {"pct": percent(ev.elapsed_pct, 0)}
                    if known
                    else gettext("Evaluated on"),
                    "position": "insideEndBottom" if rank else "insideEndTop",
                    "fontSize": 10,
                    "color": "#6c757d",
                },
            }
        )
        expected = expected_value(status)
        if expected is not None:
            mark_points.append(
                {
                    "name": gettext("Value time-elapsed progress asks for"),
                    "coord": [at.isoformat(), round(expected, 2)],
                    "value": number(expected, 1),
                    "symbol": "diamond",
                    "symbolSize": 9,
                    "itemStyle": {"color": "#fff", "borderColor": TARGET_LINE_COLOUR},
                    "label": {"show": False},
                }
            )
    series: dict[str, Any] = {
        "name": gettext("Actual value"),
        "type": "line",
        "data": sorted(panel.points, key=lambda p: p["value"][0]),
        "symbolSize": 5,
        "lineStyle": {"color": colour, "width": 2},
        "itemStyle": {"color": colour},
        "areaStyle": {"color": colour, "opacity": 0.08},
    }
    extra: list[dict[str, Any]] = []
    projection = status.evaluation.projection if status is not None else None
    if projection is not None and projection.points:
        last = projection.points[-1]
        extra.append(
            {
                "name": gettext("Projection (%(method)s)")
                % {"method": METHOD_NAMES[projection.method]},
                "type": "line",
                "symbol": "none",
                "lineStyle": {"type": "dotted", "width": 1.5, "color": colour},
                "data": [
                    [last.on.isoformat(), last.fitted],
                    [projection.on.isoformat(), round(projection.value, 2)],
                ],
            }
        )
    if mark_lines:
        series["markLine"] = {"symbol": "none", "silent": True, "data": mark_lines}
    if mark_points:
        series["markPoint"] = {"data": mark_points}
    option: dict[str, Any] = {
        "animation": False,
        "tooltip": {"trigger": "item"},
        "grid": {"top": 14, "left": 46, "right": 14, "bottom": 22},
        "xAxis": {
            "type": "time",
            "min": bounds["x_min"],
            "max": bounds["x_max"],
            "splitNumber": 3,
            "axisLabel": {
                "fontSize": 10,
                "color": "#555",
                "formatter": pgettext("echarts year axis", "{yyyy}"),
            },
        },
        "yAxis": {
            "type": "value",
            "inverse": rank,
            "axisLabel": {"fontSize": 10, "color": "#555"},
            "splitNumber": 3,
        },
        "series": [series, *extra],
    }
    if "y_min" in bounds:
        option["yAxis"].update(min=bounds["y_min"], max=bounds["y_max"])
    if panel.synthetic:
        option["graphic"] = [
            {
                "type": "text",
                "right": 16,
                "top": 16,
                "z": 100,
                "style": {
                    "text": gettext("Includes synthetic data"),
                    "fill": "#7a5a00",
                    "fontSize": 10,
                },
            }
        ]
    return option


def small_multiples(
    panels: Sequence[Panel], at: date, *, rank: bool = False, shared_y: bool = True
) -> list[dict[str, Any]]:
    """One small chart per panel, every panel on the same time axis (and, with ``shared_y``,
    the same value axis — panels of different indicators keep their own): the line in its target's light colour, the target as a dashed line,
    序时进度 as a dotted line on the evaluation day with the value it asks for as a diamond."""
    shared = _bounds([p for p in panels if not p.own_scale] or panels, at, rank=rank)
    shared.update({k: v for k, v in _bounds(panels, at, rank=rank).items() if k[0] == "x"})
    out = []
    for index, panel in enumerate(panels):
        bounds = shared
        if (
            not shared_y or panel.own_scale
        ):  # different units: the same time axis, each its own value axis
            own = _bounds([panel], at, rank=panel.rank)
            bounds = {**own, "x_min": shared["x_min"], "x_max": shared["x_max"]}
        option = _panel_option(panel, bounds, at, rank=panel.rank or rank)
        out.append({"panel": panel, "option": option, "id": f"multiple-{index}"})
    return out
