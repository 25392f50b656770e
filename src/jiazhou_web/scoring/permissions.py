"""Who may start scoring runs: officers of the bureau, the zone and the counties."""

from __future__ import annotations

from typing import Any

from jiazhou_web.accounts.choices import Role
from jiazhou_web.accounts.permissions import holds_role

RUNNERS = {Role.CITY_ADMIN, Role.ZONE_OFFICER, Role.COUNTY_OFFICER}


def may_run_scoring(user: Any) -> bool:
    return holds_role(user, RUNNERS)
