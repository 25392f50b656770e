"""Who may change 一企一策 plans and synchronise pools (roles; scope is checked by the view)."""

from __future__ import annotations

from typing import Any

from jiazhou_web.accounts.choices import Role

PLAN_EDITORS = {Role.CITY_ADMIN, Role.ZONE_OFFICER, Role.COUNTY_OFFICER}


def may_manage_plans(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return bool(user.role_assignments.active().filter(role__in=PLAN_EDITORS).exists())
