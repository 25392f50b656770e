"""Which 诉求 a user may open — one answer for the pages and the open API.

Officers and units see the tickets of their scope (``tickets.view``); a firm sees its own
(``tickets.raise``, the enterprise path of ``Ticket.scope_paths``); anyone else none."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from jiazhou_web.core.access import can
from jiazhou_web.tickets.models import Ticket


def may_open_tickets(user: Any) -> bool:
    return can(user, "tickets.view") or can(user, "tickets.raise")


def visible_tickets(user: Any) -> QuerySet[Ticket]:
    """The tickets ``user`` may open (a ``pk__in`` scope: never duplicated)."""
    if not may_open_tickets(user):
        return Ticket.objects.none()
    return Ticket.objects.for_user(user)
