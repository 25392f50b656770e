"""我的待办 from 企业诉求: a unit's tickets to sign and its overdue ones; a firm's 回访.
The counts over one set of tickets are asked in one query (each with its condition)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from jiazhou_web.core.access import can
from jiazhou_web.core.access.rules import units_q
from jiazhou_web.core.contributions import Todo
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.tickets.choices import TicketState
from jiazhou_web.tickets.models import Ticket, overdue_q


def _late_q(now: Any) -> Q:
    """Dispatched, not yet contacted, and the response limit (stored) has passed."""
    return Q(
        state__in=[TicketState.DISPATCHED, TicketState.SIGNED],
        first_contact_at__isnull=True,
        response_due_at__lt=now,
    )


def _counts(qs: Any, **conditions: Q | None) -> dict[str, int]:
    """Each condition's count over ``qs`` in one query (``None``: no row can match)."""
    asked = {k: Count("pk", filter=q) for k, q in conditions.items() if q is not None}
    found = qs.aggregate(**asked) if asked else {}
    return {k: found.get(k) or 0 for k in conditions}


def todos(user: Any) -> list[Todo]:
    found: list[Todo] = []
    now = timezone.now()
    if can(user, "tickets.handle"):
        from jiazhou_web.accounts.models import Department
        from jiazhou_web.tickets.models import TicketSupervision

        units = Department.objects.filter(units_q(user))
        n = _counts(
            Ticket.objects.filter(unit__in=units),
            to_sign=Q(state=TicketState.DISPATCHED),
            late=_late_q(now),
            overdue=overdue_q(now),
        )
        url = reverse("tickets:workbench")
        found.append(
            Todo(gettext("Enterprise requests to sign for"), url, count=n["to_sign"], urgent=False)
        )
        found.append(
            Todo(
                gettext("Enterprise requests past the response time without contact"),
                url,
                count=n["late"],
                urgent=True,
            )
        )
        found.append(
            Todo(
                gettext("Enterprise requests past the handling time"),
                url,
                count=n["overdue"],
                urgent=True,
            )
        )
        supervised = TicketSupervision.objects.filter(
            unit__in=units, resolved_at__isnull=True
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
        n = _counts(
            Ticket.objects.for_user(user),
            waiting=Q(state__in=[TicketState.RECEIVED, TicketState.RETURNED]),
            late=overdue_q(now),
        )
        index = reverse("tickets:index")
        found.append(
            Todo(
                gettext("Enterprise requests to dispatch or review"),
                index + "?state=received",
                count=n["waiting"],
            )
        )
        found.append(
            Todo(
                gettext("Overdue enterprise requests (supervision)"),
                index + "?state=overdue",
                count=n["late"],
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
