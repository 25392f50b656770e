"""The notification bell (站内消息) shown in the top bar of every page."""

from __future__ import annotations

from typing import Any

from django import template

from jiazhou_web.supervision.notifications import unread_count

register = template.Library()


@register.inclusion_tag("supervision/includes/bell.html", takes_context=True)
def notification_bell(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    count = unread_count(user) if user is not None and user.is_authenticated else 0
    return {"count": count}
