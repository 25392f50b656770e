"""The one definition of the status lights: name, Chinese and English label, colour.

Python (choices, exports), the stylesheet (``.light-*`` classes, checked against this table by a
test) and the pages' scripts (the timeline's colours, passed as JSON) all read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["PALETTE", "Light", "Swatch"]


class Light(StrEnum):
    GREEN = "green"
    BLUE = "blue"
    YELLOW = "yellow"
    RED = "red"
    DONE = "done"
    PENDING = "pending"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Swatch:
    css: str  # the ``.light-<css>`` class
    colour: str  # hex
    label_zh: str
    label_en: str


PALETTE: dict[Light, Swatch] = {
    Light.GREEN: Swatch("green", "#2e9d4a", "正常推进", "On track"),
    Light.BLUE: Swatch("blue", "#2f7fd1", "临期", "Due soon"),
    Light.YELLOW: Swatch("yellow", "#e6b800", "落后于序时进度", "Behind schedule"),
    Light.RED: Swatch("red", "#d9363e", "超期", "Overdue"),
    Light.DONE: Swatch("grey", "#a0a7b0", "已销号", "Closed"),
    Light.PENDING: Swatch("grey", "#a0a7b0", "未交办", "Not yet assigned"),
    Light.UNKNOWN: Swatch("grey", "#a0a7b0", "工作日历缺少该年安排", "Calendar lacks the year"),
}
