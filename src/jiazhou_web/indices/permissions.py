"""Who sees and who recomputes the composite index.

The index is a comparison product: every government role (city, zone, county, responsible unit,
reviewer) sees every region's values, because a county can only judge its score against the
others. Enterprise users and users without a role see nothing. Only the city S&T bureau
administrator recomputes (it changes the figures everyone is compared on).
"""

from __future__ import annotations

from typing import Any

from jiazhou_web.accounts.choices import Role
from jiazhou_web.accounts.permissions import active_roles

VIEWER_ROLES = frozenset(
    {
        Role.CITY_ADMIN,
        Role.ZONE_OFFICER,
        Role.COUNTY_OFFICER,
        Role.DEPARTMENT_OFFICER,
        Role.REVIEWER,
    }
)


def may_view_index(user: Any) -> bool:
    """Government roles see all regions' index values."""
    return bool(getattr(user, "is_superuser", False)) or bool(active_roles(user) & VIEWER_ROLES)


def may_recompute_index(user: Any) -> bool:
    """Only the city administrator recomputes (``None`` is the system: cron, demo)."""
    if user is None:
        return True
    return bool(getattr(user, "is_superuser", False)) or Role.CITY_ADMIN in active_roles(user)
