"""Which calls and applications a user may open — one answer for the pages and the open API."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from jiazhou_web.core.access import can, for_user
from jiazhou_web.projects.choices import CallState
from jiazhou_web.projects.models import Application, Call


def visible_applications(user: Any) -> QuerySet[Application]:
    """Applications ``user`` may open: by scope; an expert sees only the ones drawn for him."""
    rows = Application.objects.select_related("call", "enterprise")
    if can(user, "projects.review") and not can(user, "projects.manage"):
        return rows.filter(assignments__expert__user_id=_uid(user)).distinct()
    if not can(user, "projects.view"):
        return rows.none()
    return for_user(rows, user)


def _uid(user: Any) -> int:
    return int(user.pk or 0)


def visible_calls(user: Any) -> QuerySet[Call]:
    """Published calls for everyone who may view projects; drafts only for the bureau."""
    rows = for_user(Call.objects.all(), user)
    return rows if can(user, "projects.manage") else rows.exclude(state=CallState.DRAFT)
