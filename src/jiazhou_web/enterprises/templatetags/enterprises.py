"""Template helpers of the enterprise pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.core.exceptions import FieldDoesNotExist

from jiazhou_web.enterprises.figures import annual_field_map
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.enterprises.permissions import may_maintain_enterprises

register = template.Library()


@register.filter
def may_maintain(user: Any) -> bool:
    return may_maintain_enterprises(user)


@register.filter
def figure(value: Any, unit: str) -> str:
    """A figure as shown on the detail page: money with separators, yes/no, codes as is."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if unit in ("yuan", "points") and isinstance(value, Decimal):
        return f"{value:,.2f}"
    if unit == "ratio" and isinstance(value, Decimal):
        return f"{value:.4f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


@register.filter
def audit_field(key: str) -> str:
    """An audit key as a reader knows it: ``2024.operating_revenue`` → ``2024年 营业收入``."""
    year, _, code = key.partition(".")
    if code and year.isdigit():
        spec = annual_field_map().get(code)
        return f"{year}年 {spec.name_zh}" if spec else key
    try:
        model_field = Enterprise._meta.get_field(key)
    except FieldDoesNotExist:
        return key
    return str(getattr(model_field, "verbose_name", key))
