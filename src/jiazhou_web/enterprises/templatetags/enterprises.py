"""Template helpers of the enterprise pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from jiazhou import humanize

register = template.Library()


@register.filter
def figure(value: Any, unit: str) -> str:
    """A figure as shown on the detail page: money with separators, yes/no, codes as is."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if unit == "yuan" and isinstance(value, Decimal):
        return humanize.wan_yuan(value, unit=False)
    if unit == "points" and isinstance(value, Decimal):
        return humanize.number(value, 1)
    if unit == "ratio" and isinstance(value, Decimal):
        return humanize.percent_of_ratio(value, 2)
    if isinstance(value, int):
        return humanize.count(value)
    return str(value)
