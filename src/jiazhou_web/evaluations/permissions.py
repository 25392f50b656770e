"""Who runs, approves and publishes evaluations (the zone and the city), and who may object."""

from __future__ import annotations

from typing import Any

from jiazhou_web.accounts.choices import Role
from jiazhou_web.accounts.permissions import holds_role
from jiazhou_web.core.access import can
from jiazhou_web.core.scopes import user_scope


def may_run(user: Any) -> bool:
    """Run, approve, start 公示, decide objections and publish (core.access: evaluations.run)."""
    return can(user, "evaluations.run")


def may_object(user: Any, enterprise: Any) -> bool:
    """A firm's own user or the officer of its county (区县) files its 异议 (core.access:
    evaluations.object, narrowed to the firm itself or the county's own firms)."""
    if not can(user, "evaluations.object"):
        return False
    scope = user_scope(user)
    if enterprise.pk in scope.enterprise_ids:
        return True
    return holds_role(user, {Role.COUNTY_OFFICER}) and enterprise.region.code in scope.region_codes


def may_view(user: Any) -> bool:
    """Open the evaluation section (core.access: evaluations.view); rows are cut by scope."""
    return can(user, "evaluations.view")
