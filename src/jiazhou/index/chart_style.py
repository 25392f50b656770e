"""How the index charts look: colours, margins, label angles and marker sizes.

Presentation only — the numbers a reader takes from a chart (order, values, shares, ranks)
are computed in :mod:`jiazhou.index.plots`, which merges these pieces into each ECharts option.
Changing one changes how a chart looks, never what it says, so this module is not
mutation-tested (mutation/modules.toml); the browser tests and the screenshots look at it.
"""

from __future__ import annotations

from typing import Any, Final

#: the marked unit of a dot plot
HIGHLIGHT: Final = "#d9363e"
#: correlation heatmap, −1 … 0 … +1
DIVERGING: Final = ("#2c7bb6", "#ffffbf", "#d7191c")
#: a legend under the title
LEGEND: Final[dict[str, Any]] = {"top": 24}
#: unit or indicator names along a category axis, slanted so that long names fit
SLANTED_LABELS: Final[dict[str, Any]] = {"rotate": 60}
#: room for the slanted names (bar charts: more at the top when a legend is shown); the
#: heatmap sizes its margins to its longest name (Chinese indicator names run to 10 characters)
BAR_GRID: Final[dict[str, Any]] = {"bottom": 90, "top": 40}
BAR_GRID_WITH_LEGEND: Final[dict[str, Any]] = {"bottom": 90, "top": 60}
HEATMAP_GRID: Final[dict[str, Any]] = {
    "left": 10, "bottom": 10, "top": 40, "right": 80, "containLabel": True,
}  # fmt: skip
BANDS_GRID: Final[dict[str, Any]] = {"left": 80, "top": 60}
#: the colour scale beside the heatmap
HEATMAP_SCALE: Final[dict[str, Any]] = {
    "calculable": True, "orient": "vertical", "right": 0, "top": 40,
}  # fmt: skip
#: a dot plot's units on one line, in the middle of a hidden vertical axis
DOT_LINE: Final = 0
DOT_Y_AXIS: Final[dict[str, Any]] = {"type": "value", "show": False, "min": -1, "max": 1}
DOT_SIZE: Final = 12
SCATTER_SIZE: Final = 9
#: value axes that start near the data rather than at 0
FIT_TO_DATA: Final[dict[str, Any]] = {"type": "value", "scale": True}
#: the sunburst fills the canvas from the centre
SUNBURST: Final[dict[str, Any]] = {"radius": ["0%", "95%"], "sort": None}
