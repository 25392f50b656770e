"""A firm's open 企业诉求 as other pages show them (一企一策: pool officers see the firm's open
tickets, issue 15), cut to the reader's ticket scope."""

from __future__ import annotations

from typing import Any

from jiazhou_web.core.access import can
from jiazhou_web.tickets.choices import TicketState
from jiazhou_web.tickets.models import Ticket, TicketSupervision

LIMIT = 20


def open_tickets(user: Any, enterprise: Any) -> list[Ticket] | None:
    """The firm's tickets not yet closed that ``user`` may open (newest first, at most
    :data:`LIMIT`), each with ``supervised`` (an open 督办 entry); None when the user may not
    read tickets at all (the page shows no card). Two queries whatever the number."""
    if not can(user, "tickets.view"):
        return None
    rows = list(
        Ticket.objects.for_user(user)
        .filter(enterprise=enterprise)
        .exclude(state=TicketState.CLOSED)
        .select_related("unit")
        .order_by("-received_at", "-id")[:LIMIT]
    )
    supervised = set(
        TicketSupervision.objects.filter(
            ticket__in=[t.pk for t in rows], resolved_at__isnull=True
        ).values_list("ticket_id", flat=True)
    )
    for t in rows:
        t.supervised = t.pk in supervised
    return rows
