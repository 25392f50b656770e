"""Who may write enterprise records, and where (data scope of the writer)."""

from __future__ import annotations

from typing import Any

from jiazhou_web.accounts.choices import Role
from jiazhou_web.accounts.permissions import holds_role
from jiazhou_web.core.scopes import user_scope

# Roles that maintain the register (一企一档) within their data scope.
MAINTAINER_ROLES = frozenset({Role.CITY_ADMIN, Role.ZONE_OFFICER, Role.COUNTY_OFFICER})


def may_maintain_enterprises(user: Any) -> bool:
    """City, zone and county officers maintain records; superusers too."""
    return holds_role(user, MAINTAINER_ROLES)


def may_write_in(user: Any, region_code: str, zone_code: str | None) -> bool:
    """Whether ``user``'s scope reaches an enterprise registered in that region or zone."""
    scope = user_scope(user)
    if scope.city:
        return True
    return region_code in scope.region_codes or (
        zone_code is not None and zone_code in scope.region_codes
    )
