"""我的待办 from 企业诉求: a unit's tickets to sign and its overdue ones; a firm's 回访."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from jiazhou_web.core.access import can
from jiazhou_web.core.contributions import Todo
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.tickets.choices import TicketState
from jiazhou_web.tickets.models import Ticket
from jiazhou_web.tickets.permissions import unit_q


def todos(user: Any) -> list[Todo]:
    found: list[Todo] = []
    if can(user, "tickets.handle"):
        from jiazhou_web.accounts.models import Department

        mine = Ticket.objects.filter(unit__in=Department.objects.filter(unit_q(user)))
        to_sign = mine.filter(state=TicketState.DISPATCHED).count()
        url = reverse("tickets:workbench")
        found.append(Todo("待签收的企业诉求", url, count=to_sign, urgent=False))
        # overdue for response: dispatched, not yet contacted, response limit passed (stored)
        from django.utils import timezone

        late = mine.filter(
            state__in=[TicketState.DISPATCHED, TicketState.SIGNED],
            first_contact_at__isnull=True,
            response_due_at__lt=timezone.now(),
        ).count()
        found.append(Todo("超过响应时限未联系的企业诉求", url, count=late, urgent=True))
    if can(user, "tickets.raise"):
        waiting = Ticket.objects.filter(
            enterprise_id__in=user_scope(user).enterprise_ids, state=TicketState.REPLIED
        ).count()
        found.append(Todo("待评价的诉求答复（回访）", reverse("tickets:mine"), count=waiting))
    return found
