"""Who may change 一企一策 plans and synchronise pools (roles; scope is checked by the view)."""

from __future__ import annotations

from typing import Any

from jiazhou_web.accounts.choices import Role
from jiazhou_web.accounts.permissions import holds_role

PLAN_EDITORS = {Role.CITY_ADMIN, Role.ZONE_OFFICER, Role.COUNTY_OFFICER}


def may_manage_plans(user: Any) -> bool:
    return holds_role(user, PLAN_EDITORS)
