"""Templates ask :func:`jiazhou_web.core.access.can` the same way as views and actions.

``{% load access %}`` then ``{% if request.user|can:"supervision.manage" %}`` (no object) or
``{% can request.user "supervision.act" item as allowed %}`` (one object).
"""

from __future__ import annotations

from typing import Any

from django import template

from jiazhou_web.core import access

register = template.Library()


@register.filter(name="can")
def can_filter(user: Any, verb: str) -> bool:
    """``user|can:"verb"``: may the user do ``verb`` at all (role table only)."""
    return access.can(user, verb)


@register.simple_tag(name="can")
def can_tag(user: Any, verb: str, obj: Any = None) -> bool:
    """``{% can user "verb" obj as allowed %}``: may the user do ``verb`` on ``obj``."""
    return access.can(user, verb, obj)
