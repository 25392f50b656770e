"""Object-level rules: a verb on one object may need more than the object being in scope.

Keyed by model label so this module imports no app models (no import cycles); the checks
themselves live with the apps' domain rules and are imported when first used.
"""

from __future__ import annotations

from typing import Any

from jiazhou_web.core.access import object_rule


@object_rule("supervision.act", "supervision.TaskItem")
def _acts_for_item(user: Any, item: Any) -> bool:
    """Only the lead unit's officers act on an item (签收, 承办, 办结/延期申请)."""
    from jiazhou_web.supervision.permissions import may_act_for_item

    return may_act_for_item(user, item)


@object_rule("monitoring.report", "monitoring.Submission")
def _reports_for_region(user: Any, submission: Any) -> bool:
    """County and zone officers report for their own region only."""
    from jiazhou_web.monitoring.permissions import may_report

    return may_report(user, submission.region)


@object_rule("platforms.manage", "platforms.Platform")
def _manages_platform(user: Any, platform: Any) -> bool:
    """Recognised platforms are public, but only the officers of its region (or the city)
    register, evaluate and link them."""
    from jiazhou_web.core.access import in_region_scope

    return in_region_scope(user, platform.region.code)


@object_rule("platforms.report", "platforms.Platform")
def _reports_platform(user: Any, platform: Any) -> bool:
    """The 年报 of a platform: its host firm, or the officers of its region."""
    from jiazhou_web.core.access import in_region_scope
    from jiazhou_web.core.scopes import user_scope

    if platform.host_enterprise_id in user_scope(user).enterprise_ids:
        return True
    return in_region_scope(user, platform.region.code)
