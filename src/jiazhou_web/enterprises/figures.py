"""The annual-figure catalogue as the web layer uses it: labels with units, stored form, shown form.

Codes and units come from ``jiazhou/fields.toml`` (criteria.md §8). Money is in 元, ratios are
decimals, yes/no fields are stored as 1/0 in ``value``, code fields in ``text_value``.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from jiazhou.fields import FieldSpec, load_fields

FigureValue = Decimal | int | bool | str | None

UNIT_LABELS: dict[str, str] = {
    "yuan": "元",
    "ratio": "比例",
    "persons": "人",
    "count": "个",
    "points": "分",
    "level": "级",
    "bool": "是/否",
    "code": "代码",
    "date": "日期",
    "text": "文本",
    "mu": "亩",
    "m2": "平方米",
    "tce": "吨标准煤",
    "kwh": "千瓦时",
    "tonnes": "吨",
}
# 净利润 may be a loss; every other money figure is at least zero.
SIGNED_MONEY: frozenset[str] = frozenset({"net_profit"})
WAN = Decimal(10_000)


@cache
def annual_fields() -> tuple[FieldSpec, ...]:
    """The per-fiscal-year fields, in catalogue order."""
    return tuple(f for f in load_fields() if f.scope == "annual")


@cache
def annual_field_map() -> dict[str, FieldSpec]:
    return {f.code: f for f in annual_fields()}


def header(spec: FieldSpec) -> str:
    """Column header with its unit, e.g. 「营业收入（元）」."""
    return f"{spec.name_zh}（{UNIT_LABELS.get(spec.unit, spec.unit)}）"


def stored(spec: FieldSpec, value: FigureValue) -> tuple[Decimal | None, str]:
    """``(value, text_value)`` as saved on an ``EnterpriseFigure``."""
    if value is None:
        return None, ""
    if spec.unit == "code":
        return None, str(value)
    if spec.unit == "bool":
        return (Decimal(1) if value else Decimal(0)), ""
    if isinstance(value, str):
        raise ValueError(
            f"字段「{spec.name_zh}」应为数值，而不是「{value}」 / {spec.code} must be a number"
        )
    return Decimal(value), ""


def shown(spec: FieldSpec, value: Decimal | None, text_value: str) -> Any:
    """A stored figure back as its natural Python value (bool, int, Decimal or code text)."""
    if spec.unit == "code":
        return text_value
    if value is None:
        return None
    if spec.unit == "bool":
        return value != 0
    if spec.unit in ("persons", "count", "level"):
        return int(value)
    return value


def in_wan(value: Decimal | None) -> Decimal | None:
    """元 to 万元, two decimals (the unit of list pages)."""
    return None if value is None else (value / WAN).quantize(Decimal("0.01"))
