"""Object rules: an officer reviews only what was routed to a region within their scope."""

from __future__ import annotations

from typing import Any

from jiazhou_web.core.access import object_rule
from jiazhou_web.core.scopes import user_scope


def _routed_to_user(user: Any, obj: Any) -> bool:
    scope = user_scope(user)
    return scope.city or obj.review_region.code in scope.region_codes


object_rule("workspace.review_declaration", "workspace.Declaration")(_routed_to_user)
object_rule("workspace.review_declaration", "workspace.CorrectionRequest")(_routed_to_user)


@object_rule("workspace.accounts", "enterprises.Enterprise")
def _firm_admin(user: Any, firm: Any) -> bool:
    """Only the firm's own account administrator manages its users."""
    from jiazhou_web.workspace.models import FirmMember

    return (
        FirmMember.objects.filter(
            enterprise=firm, user=user, is_admin=True, removed_at__isnull=True
        ).exists()
        and firm.pk in user_scope(user).enterprise_ids
    )
