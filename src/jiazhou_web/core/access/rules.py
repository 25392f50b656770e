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
    """County and zone officers report for their own region, a 责任单位 for itself."""
    from jiazhou_web.monitoring.permissions import may_report_batch

    return may_report_batch(user, submission)
