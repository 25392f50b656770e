"""Who may start scoring runs: officers of the bureau, the zone and the counties."""

from __future__ import annotations

from typing import Any

from jiazhou_web.accounts.choices import Role

RUNNERS = {Role.CITY_ADMIN, Role.ZONE_OFFICER, Role.COUNTY_OFFICER}


def may_run_scoring(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return bool(user.role_assignments.active().filter(role__in=RUNNERS).exists())
