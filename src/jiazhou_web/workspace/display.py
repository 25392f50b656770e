"""Figures as the firm reads them: 万元 for money, 是/否, whole numbers, percentages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jiazhou import humanize
from jiazhou.fields import FieldSpec
from jiazhou_web.enterprises.choices import FigureSource
from jiazhou_web.enterprises.figures import UNIT_LABELS, shown

SOURCE_LABELS: dict[str, str] = {
    FigureSource.DECLARATION: "企业申报",
    FigureSource.AUDIT: "审计报告",
    FigureSource.TAX: "税务",
    FigureSource.STATISTICS: "统计",
    FigureSource.PLATFORM: "官方平台",
    FigureSource.SYNTHETIC: "演示数据",
    "import": "导入",
    "objection": "异议更正",
}


def source_label(code: str) -> str:
    return SOURCE_LABELS.get(code, code or "—")


def unit_label(spec: FieldSpec) -> str:
    """The unit the firm enters and reads: 万元 for money, the catalogue's unit otherwise."""
    return "万元" if spec.unit == "yuan" else UNIT_LABELS.get(spec.unit, spec.unit)


def figure_text(spec: FieldSpec, value: Decimal | None, text_value: str = "") -> str:
    """A stored figure as a person reads it (money in 万元 with separators)."""
    natural: Any = shown(spec, value, text_value)
    if natural is None or natural == "":
        return humanize.BLANK
    if spec.unit == "yuan":
        return humanize.wan_yuan(natural)
    if spec.unit == "bool":
        return "是" if natural else "否"
    if spec.unit == "ratio":
        return humanize.percent_of_ratio(natural)
    if spec.unit in ("persons", "count", "level"):
        return f"{humanize.count(natural)} {UNIT_LABELS[spec.unit]}"
    if spec.unit == "code":
        return str(natural)
    return f"{humanize.number(natural)} {UNIT_LABELS.get(spec.unit, '')}".strip()


def entry_text(spec: FieldSpec, value: Decimal | None, text_value: str = "") -> str:
    """A stored figure as it is typed into the form (money in 万元, no separators)."""
    natural: Any = shown(spec, value, text_value)
    if natural is None:
        return ""
    if spec.unit == "yuan":
        return format((Decimal(natural) / Decimal(10_000)).normalize(), "f")
    if spec.unit == "bool":
        return "是" if natural else "否"
    if isinstance(natural, Decimal):
        return format(natural.normalize(), "f")
    return str(natural)
