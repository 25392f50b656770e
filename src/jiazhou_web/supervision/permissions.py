"""Who may do what (职责): the supervision group manages, the lead unit acts on its items.

The supervision group (督导组) is the city S&T bureau's administrators: they register, assign,
verify, return, close items and decide extensions. Officers of the lead unit (牵头单位) — a
department officer of that unit, or a county/zone officer whose region is the unit's region —
sign for, report on, and request completion or extension of that unit's items.
"""

from __future__ import annotations

from typing import Any

from jiazhou_web.accounts.choices import Role
from jiazhou_web.supervision.models import TaskItem


def _roles(user: Any) -> list[Any]:
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    cached: list[Any] | None = getattr(user, "_supervision_roles", None)
    if cached is None:
        cached = list(user.role_assignments.active())
        user._supervision_roles = cached
    return cached


def may_manage(user: Any) -> bool:
    """Supervision group: city administrators (and superusers)."""
    if getattr(user, "is_superuser", False):
        return True
    return any(r.role == Role.CITY_ADMIN for r in _roles(user))


def acts_for_unit(user: Any, department_id: int, region_id: int | None) -> bool:
    """True if ``user`` is an officer of the unit (department officer, or county/zone officer
    of the unit's own region)."""
    for r in _roles(user):
        if r.role == Role.DEPARTMENT_OFFICER and r.department_id == department_id:
            return True
        if r.role in (Role.COUNTY_OFFICER, Role.ZONE_OFFICER) and r.region_id == region_id:
            return True
    return False


def may_act_for_item(user: Any, item: TaskItem) -> bool:
    """The lead unit's officers act on the item (签收, 承办, 办结申请, 延期申请, 督办答复)."""
    return acts_for_unit(user, item.lead_unit_id, item.lead_unit.region_id)


def unit_officers(department: Any) -> list[Any]:
    """The users who act for ``department`` (recipients of 督办单 and reminders)."""
    from jiazhou_web.accounts.models import User

    return list(
        User.objects.filter(
            is_active=True,
            role_assignments__in=_active_assignments().filter(
                role=Role.DEPARTMENT_OFFICER, department=department
            )
            | _active_assignments().filter(
                role__in=[Role.COUNTY_OFFICER, Role.ZONE_OFFICER], region_id=department.region_id
            ),
        )
        .distinct()
        .order_by("username")
    )


def managers() -> list[Any]:
    """The supervision group (city administrators)."""
    from jiazhou_web.accounts.models import User

    return list(
        User.objects.filter(
            is_active=True, role_assignments__in=_active_assignments().filter(role=Role.CITY_ADMIN)
        )
        .distinct()
        .order_by("username")
    )


def _active_assignments() -> Any:
    from jiazhou_web.accounts.models import RoleAssignment

    return RoleAssignment.objects.active()
