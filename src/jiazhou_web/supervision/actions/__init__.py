"""Every write of 三张清单 supervision; each is atomic and writes one audit row.

Lifecycle (清单制+责任制+时限制): 立项 ``create_item`` → 交办 ``assign_item`` → 签收
``sign_item`` → 承办 ``report_progress`` → 办结申请 ``request_completion`` → 核查
``verify_item`` → 销号 ``close_item``; ``return_item`` (退回) sends a completion request back;
``request_extension`` / ``decide_extension`` (延期申请/审批) move the deadline.

Steps that happened earlier (the demo, historical records) pass ``at``; otherwise it is now.
A step by the wrong role raises ``PermissionDenied``; a step that does not fit the item's stage
or data raises :class:`SupervisionError` with a Chinese-then-English message.
"""

from jiazhou_web.supervision.actions.bulletins import draft_bulletin
from jiazhou_web.supervision.actions.common import SupervisionError
from jiazhou_web.supervision.actions.extensions import decide_extension, request_extension
from jiazhou_web.supervision.actions.holidays import (
    delete_holiday,
    enter_official_schedule,
    save_holiday,
)
from jiazhou_web.supervision.actions.inbox import mark_notifications_read
from jiazhou_web.supervision.actions.items import create_item, create_list
from jiazhou_web.supervision.actions.lifecycle import (
    assign_item,
    close_item,
    report_progress,
    request_completion,
    return_item,
    sign_item,
    verify_item,
)
from jiazhou_web.supervision.actions.notices import (
    answer_notice,
    escalate_notice,
    issue_notice,
    send_reminder,
)

__all__ = [
    "SupervisionError",
    "answer_notice",
    "assign_item",
    "close_item",
    "create_item",
    "create_list",
    "decide_extension",
    "delete_holiday",
    "draft_bulletin",
    "enter_official_schedule",
    "escalate_notice",
    "issue_notice",
    "mark_notifications_read",
    "report_progress",
    "request_completion",
    "request_extension",
    "return_item",
    "save_holiday",
    "send_reminder",
    "sign_item",
    "verify_item",
]
