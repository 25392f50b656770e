"""延期申请 and 延期审批: moving an item's deadline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from jiazhou.worktime.sla import refuse_late_extension
from jiazhou_web.core import audit
from jiazhou_web.core.access import holders
from jiazhou_web.core.access.rules import unit_officers
from jiazhou_web.supervision.actions.common import (
    SupervisionError,
    now,
    require_manager,
    require_plausible_date,
    require_step,
    require_unit,
)
from jiazhou_web.supervision.choices import ExtensionStatus, SupervisionEvent
from jiazhou_web.supervision.models import ExtensionRequest, TaskItem
from jiazhou_web.supervision.notifications import deliver
from jiazhou_web.supervision.working_calendar import closing, current_calendar


@transaction.atomic
def request_extension(
    item: TaskItem,
    *,
    proposed_deadline: dt.date,
    reason: str,
    actor: Any,
    at: dt.datetime | None = None,
) -> ExtensionRequest:
    """延期申请: the lead unit asks for a later deadline."""
    require_unit(actor, item, "申请延期")
    require_step(item, "extend")
    require_plausible_date(proposed_deadline, "申请的新期限", "the proposed deadline")
    if proposed_deadline <= item.deadline:
        raise SupervisionError(
            f"申请的新期限 {proposed_deadline} 须晚于当前期限 {item.deadline} / "
            f"the proposed deadline must be after {item.deadline}"
        )
    if not reason.strip():
        raise SupervisionError("请填写延期理由 / a reason is required")
    if item.extensions.filter(status=ExtensionStatus.PENDING).exists():
        raise SupervisionError(
            "该事项已有待审批的延期申请 / the item already has a pending extension request"
        )
    at = now(at)
    # 超期后不能延期 (jiazhou.worktime.sla): a request after close of business on the deadline
    # would turn an overdue item back to running; one made in time may be approved later.
    due = closing(current_calendar(), item.deadline)
    try:
        refuse_late_extension(at, overdue=max(at - due, dt.timedelta(0)))
    except ValueError as exc:
        raise SupervisionError(str(exc)) from None
    request = ExtensionRequest.objects.create(
        item=item,
        requested_by=actor,
        requested_at=at,
        proposed_deadline=proposed_deadline,
        previous_deadline=item.deadline,
        reason=reason,
    )
    deliver(
        holders("supervision.manage"),
        key=f"extension:{request.pk}",
        title=f"延期申请待审批：{item.code} {item.title}",
        body=f"申请延至 {proposed_deadline}：{reason}",
        url=item.get_absolute_url(),
        at=at,
    )
    audit.record(
        SupervisionEvent.EXTENSION_REQUESTED,
        actor=actor,
        target=item,
        after={"proposed_deadline": proposed_deadline, "deadline": item.deadline},
        extra={"reason": reason, "request": request.pk},
    )
    return request


@transaction.atomic
def decide_extension(
    request: ExtensionRequest,
    *,
    approve: bool,
    actor: Any,
    note: str = "",
    at: dt.datetime | None = None,
) -> ExtensionRequest:
    """延期审批: approve (the deadline moves) or reject."""
    require_manager(actor, "审批延期")
    if request.status != ExtensionStatus.PENDING:
        raise SupervisionError(
            f"该延期申请已{request.get_status_display()}，不能再次审批 / "
            f"the request is already {request.status}"
        )
    item = request.item
    if approve:
        require_step(item, "decide_extension")
    at = now(at)
    audit.claim(
        request,
        {
            "status": ExtensionStatus.APPROVED if approve else ExtensionStatus.REJECTED,
            "decided_by": actor,
            "decided_at": at,
            "decision_note": note,
        },
        unchanged=("status",),
    )
    before = {"deadline": item.deadline}
    if approve:
        item.deadline = request.proposed_deadline
        item.save(update_fields=["deadline", "updated"])
    deliver(
        unit_officers(item.lead_unit),
        key=f"extension-decided:{request.pk}",
        title=f"延期申请{request.get_status_display()}：{item.code} {item.title}",
        body=note or f"期限：{item.deadline}",
        url=item.get_absolute_url(),
        at=at,
    )
    audit.record(
        SupervisionEvent.EXTENSION_APPROVED if approve else SupervisionEvent.EXTENSION_REJECTED,
        actor=actor,
        target=item,
        before=before,
        after={"deadline": item.deadline},
        extra={"request": request.pk, "note": note},
    )
    return request
