"""我的待办 from 企业诉求: a unit's tickets to sign and its overdue ones; a firm's 回访."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from jiazhou_web.core.access import can
from jiazhou_web.core.access.rules import units_q
from jiazhou_web.core.contributions import Todo
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.tickets.choices import TicketState
from jiazhou_web.tickets.models import Ticket


def todos(user: Any) -> list[Todo]:
    found: list[Todo] = []
    if can(user, "tickets.handle"):
        from jiazhou_web.accounts.models import Department

        mine = Ticket.objects.filter(unit__in=Department.objects.filter(units_q(user)))
        to_sign = mine.filter(state=TicketState.DISPATCHED).count()
        url = reverse("tickets:workbench")
        found.append(
            Todo(gettext("Enterprise requests to sign for"), url, count=to_sign, urgent=False)
        )
        # overdue for response: dispatched, not yet contacted, response limit passed (stored)
        from django.utils import timezone

        late = mine.filter(
            state__in=[TicketState.DISPATCHED, TicketState.SIGNED],
            first_contact_at__isnull=True,
            response_due_at__lt=timezone.now(),
        ).count()
        found.append(
            Todo(
                gettext("Enterprise requests past the response time without contact"),
                url,
                count=late,
                urgent=True,
            )
        )
        overdue = mine.overdue(timezone.now()).count()
        found.append(
            Todo(
                gettext("Enterprise requests past the handling time"),
                url,
                count=overdue,
                urgent=True,
            )
        )
        from jiazhou_web.tickets.models import TicketSupervision

        supervised = TicketSupervision.objects.filter(
            unit__in=Department.objects.filter(units_q(user)), resolved_at__isnull=True
        ).count()
        found.append(
            Todo(
                gettext("Enterprise requests under supervision (answer by the deadline)"),
                url,
                count=supervised,
                urgent=True,
            )
        )
    if can(user, "tickets.dispatch"):
        from django.utils import timezone

        scoped = Ticket.objects.for_user(user)
        waiting = scoped.filter(state__in=[TicketState.RECEIVED, TicketState.RETURNED]).count()
        index = reverse("tickets:index")
        found.append(
            Todo(
                gettext("Enterprise requests to dispatch or review"),
                index + "?state=received",
                count=waiting,
            )
        )
        late = scoped.overdue(timezone.now()).count()
        found.append(
            Todo(
                gettext("Overdue enterprise requests (supervision)"),
                index + "?state=overdue",
                count=late,
                urgent=True,
            )
        )
    if can(user, "tickets.raise"):
        waiting = Ticket.objects.filter(
            enterprise_id__in=user_scope(user).enterprise_ids, state=TicketState.REPLIED
        ).count()
        found.append(
            Todo(
                gettext("Answers to your requests awaiting your rating (callback)"),
                reverse("tickets:mine"),
                count=waiting,
            )
        )
    return found
