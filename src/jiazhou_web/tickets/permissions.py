"""Who acts on a ticket (职责): the unit holding it handles it, the centre dispatches, the firm
rates its own.

* the **unit's officers** handle (签收, 退单, 联系, 补正, 延期申请, 答复): a department officer
  of that unit, or a county/zone officer whose region is the unit's region (as in supervision);
* the **centre** (city administrators; county and zone officers within their region) records
  desk tickets, dispatches, arbitrates 退单 and decides 延期 — the verb's scope rule;
* the **firm's own users** raise tickets and answer the 回访; the centre may record a phone
  回访, but never the unit that handled the ticket.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from jiazhou_web.accounts.choices import Role
from jiazhou_web.core.access import object_rule
from jiazhou_web.core.scopes import user_scope


def _assignments(user: Any) -> list[Any]:
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    cached: list[Any] | None = getattr(user, "_tickets_roles", None)
    if cached is None:
        cached = list(user.role_assignments.active())
        user._tickets_roles = cached
    return cached


def unit_q(user: Any, prefix: str = "") -> Q:
    """Departments ``user`` acts for, as a condition on ``<prefix>`` (a Department path)."""
    condition = Q(pk__in=[]) if not prefix else Q(**{f"{prefix}id__in": []})
    for r in _assignments(user):
        if r.role == Role.DEPARTMENT_OFFICER and r.department_id:
            condition |= Q(**{f"{prefix}id": r.department_id})
        elif r.role in (Role.COUNTY_OFFICER, Role.ZONE_OFFICER) and r.region_id:
            condition |= Q(**{f"{prefix}region_id": r.region_id})
    return condition


def acts_for_unit(user: Any, unit: Any) -> bool:
    if unit is None:
        return False
    if getattr(user, "is_superuser", False):
        return True
    for r in _assignments(user):
        if r.role == Role.DEPARTMENT_OFFICER and r.department_id == unit.pk:
            return True
        if r.role in (Role.COUNTY_OFFICER, Role.ZONE_OFFICER) and r.region_id == unit.region_id:
            return True
    return False


@object_rule("tickets.handle", "tickets.Ticket")
def may_handle(user: Any, ticket: Any) -> bool:
    return acts_for_unit(user, ticket.unit)


@object_rule("tickets.rate", "tickets.Ticket")
def may_rate(user: Any, ticket: Any) -> bool:
    from jiazhou_web.tickets.models import Ticket

    if ticket.enterprise_id and ticket.enterprise_id in user_scope(user).enterprise_ids:
        return True
    if any(r.role == Role.ENTERPRISE_USER for r in _assignments(user)):
        return False
    if acts_for_unit(user, ticket.unit) and not getattr(user, "is_superuser", False):
        return False  # the unit that handled it does not rate itself
    return Ticket.objects.for_user(user).filter(pk=ticket.pk).exists()
