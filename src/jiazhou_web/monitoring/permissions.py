"""Who may act on reporting batches: 区县/高新区 officers report, the city administrator reviews."""

from __future__ import annotations

from typing import Any

from jiazhou_web.accounts.choices import Role
from jiazhou_web.accounts.permissions import active_roles
from jiazhou_web.core.scopes import user_scope


def may_report(user: Any, region: Any) -> bool:
    """A county officer reports for its county, the zone officer for the zone."""
    roles = active_roles(user)
    if not roles & {Role.COUNTY_OFFICER, Role.ZONE_OFFICER}:
        return False
    return str(region.code) in user_scope(user).region_codes


def may_review(user: Any) -> bool:
    """The city S&T bureau administrator submits nothing but approves or returns batches."""
    return bool(getattr(user, "is_superuser", False)) or Role.CITY_ADMIN in active_roles(user)


def reporting_regions(user: Any) -> list[Any]:
    """The regions ``user`` may open batches for (county and zone officers)."""
    from jiazhou_web.regions.models import Region

    roles = active_roles(user)
    if not roles & {Role.COUNTY_OFFICER, Role.ZONE_OFFICER}:
        return []
    assignments = user.role_assignments.active().filter(
        role__in=[Role.COUNTY_OFFICER, Role.ZONE_OFFICER]
    )
    codes = {a.region.code for a in assignments.select_related("region") if a.region}
    return list(Region.objects.filter(code__in=codes).order_by("code"))
