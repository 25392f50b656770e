"""交办 → 签收 → 承办 → 办结申请 → 核查 → 销号, and 退回."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath
from typing import Any

from django.db import transaction

from jiazhou_web.core import audit, stored_files
from jiazhou_web.core.access import holders
from jiazhou_web.core.access.rules import unit_officers
from jiazhou_web.core.stored_files import discard_on_failure
from jiazhou_web.supervision import rules
from jiazhou_web.supervision.actions.common import (
    SupervisionError,
    now,
    require_manager,
    require_step,
    require_unit,
)
from jiazhou_web.supervision.choices import NoticeStatus, Stage, SupervisionEvent
from jiazhou_web.supervision.models import Milestone, ProgressReport, TaskItem
from jiazhou_web.supervision.notifications import deliver


@transaction.atomic
def assign_item(item: TaskItem, *, actor: Any, at: dt.datetime | None = None) -> TaskItem:
    """交办: hand the item to its lead unit; the unit is notified."""
    require_manager(actor, "交办")
    require_step(item, "assign")
    at = now(at)
    audit.transition(
        item,
        SupervisionEvent.ITEM_ASSIGNED,
        actor=actor,
        field="stage",
        to=Stage.ASSIGNED,
        changes={"assigned_at": at},
        after={"lead_unit": str(item.lead_unit), "deadline": item.deadline},
    )
    deliver(
        [*unit_officers(item.lead_unit), *([item.owner] if item.owner else [])],
        key=f"assigned:{item.pk}:{at.isoformat()}",
        title=f"新交办事项：{item.code} {item.title}",
        body=f"请于 {item.deadline} 前办结，并及时签收、报送进展。",
        url=item.get_absolute_url(),
        at=at,
    )
    return item


@transaction.atomic
def sign_item(item: TaskItem, *, actor: Any, at: dt.datetime | None = None) -> TaskItem:
    """签收: the lead unit acknowledges the assignment (its response time is measured)."""
    require_unit(actor, item, "签收")
    require_step(item, "sign")
    audit.transition(
        item,
        SupervisionEvent.ITEM_SIGNED,
        actor=actor,
        field="stage",
        to=Stage.SIGNED,
        changes={"signed_at": now(at)},
    )
    return item


def _check_attachment(attachment: Any) -> None:
    if attachment is None:
        return
    limit = rules.attachment_max_bytes()
    if attachment.size > limit:
        raise SupervisionError(
            f"附件「{attachment.name}」大小 {attachment.size} 字节，超过上限 {limit} 字节 / "
            f"attachment {attachment.name!r} is {attachment.size} bytes, over the {limit} limit"
        )
    suffix = PurePath(attachment.name).suffix.lower().lstrip(".")
    if suffix not in rules.ATTACHMENT_EXTENSIONS:
        raise SupervisionError(
            f"附件「{attachment.name}」类型不允许（允许：{'、'.join(rules.ATTACHMENT_EXTENSIONS)}） / "
            f"attachment type .{suffix} is not allowed"
        )


@discard_on_failure
@transaction.atomic
def report_progress(
    item: TaskItem,
    *,
    percent_done: int,
    text: str,
    actor: Any,
    attachment: Any = None,
    milestone: Milestone | None = None,
    at: dt.datetime | None = None,
) -> ProgressReport:
    """承办: report progress (% done, text, optional attachment, a milestone reached)."""
    require_unit(actor, item, "报送进展")
    require_step(item, "report")
    if not 0 <= percent_done <= 100:
        raise SupervisionError(
            f"完成比例须在 0–100 之间，收到 {percent_done} / % done must be 0–100, got {percent_done}"
        )
    if percent_done < item.percent_done:
        raise SupervisionError(
            f"完成比例 {percent_done}% 不得低于上次填报的 {item.percent_done}% / "
            f"% done {percent_done} is below the last report ({item.percent_done})"
        )
    if not text.strip():
        raise SupervisionError("请填写进展情况 / the progress text is required")
    if milestone is not None and milestone.item_id != item.pk:
        raise SupervisionError("里程碑不属于该事项 / the milestone belongs to another item")
    _check_attachment(attachment)
    at = now(at)
    before = {"stage": item.stage, "percent_done": item.percent_done}
    audit.claim(
        item,
        {"stage": Stage.IN_PROGRESS, "percent_done": percent_done},
        unchanged=("stage", "percent_done"),
    )
    report = ProgressReport(
        item=item,
        reported_at=at,
        reported_by=actor,
        percent_done=percent_done,
        text=text,
        milestone=milestone,
    )
    if attachment:  # written now under a pending name, moved into place on commit
        stored_files.stage(report, "attachment", attachment)
    report.save()
    if milestone is not None and milestone.done_at is None:
        milestone.done_at = at
        milestone.save(update_fields=["done_at"])
    audit.record(
        SupervisionEvent.PROGRESS_REPORTED,
        actor=actor,
        target=item,
        before=before,
        after={"stage": item.stage, "percent_done": percent_done},
        extra={
            "report": report.pk,
            "milestone": str(milestone) if milestone else "",
            "attachment": report.attachment.name if report.attachment else "",
        },
    )
    return report


@transaction.atomic
def request_completion(
    item: TaskItem, *, text: str, actor: Any, at: dt.datetime | None = None
) -> TaskItem:
    """办结申请: the lead unit says the item is done (100 %); the supervision group checks."""
    require_unit(actor, item, "申请办结")
    require_step(item, "complete")
    if not text.strip():
        raise SupervisionError("请填写办结情况说明 / the completion statement is required")
    at = now(at)
    before = {"stage": item.stage, "percent_done": item.percent_done}
    audit.claim(
        item,
        {"stage": Stage.COMPLETION_REQUESTED, "completion_requested_at": at, "percent_done": 100},
        unchanged=("stage",),
    )
    deliver(
        holders("supervision.manage"),
        key=f"completion:{item.pk}:{at.isoformat()}",
        title=f"办结申请待核查：{item.code} {item.title}",
        body=text,
        url=item.get_absolute_url(),
        at=at,
    )
    audit.record(
        SupervisionEvent.COMPLETION_REQUESTED,
        actor=actor,
        target=item,
        before=before,
        after={"stage": item.stage, "percent_done": 100},
        extra={"statement": text},
    )
    return item


@transaction.atomic
def verify_item(
    item: TaskItem, *, actor: Any, note: str = "", at: dt.datetime | None = None
) -> TaskItem:
    """核查: the supervision group confirms the completion evidence."""
    require_manager(actor, "核查")
    require_step(item, "verify")
    audit.transition(
        item,
        SupervisionEvent.ITEM_VERIFIED,
        actor=actor,
        field="stage",
        to=Stage.VERIFIED,
        changes={"verified_at": now(at)},
        extra={"note": note},
    )
    return item


@transaction.atomic
def close_item(item: TaskItem, *, actor: Any, at: dt.datetime | None = None) -> TaskItem:
    """销号: close a verified item; its open 督办单 are closed with it."""
    require_manager(actor, "销号")
    require_step(item, "close")
    closed = item.notices.filter(status=NoticeStatus.OPEN).update(status=NoticeStatus.CLOSED)
    audit.transition(
        item,
        SupervisionEvent.ITEM_CLOSED,
        actor=actor,
        field="stage",
        to=Stage.CLOSED,
        changes={"closed_at": now(at)},
        extra={"notices_closed": closed},
    )
    return item


@transaction.atomic
def return_item(
    item: TaskItem, *, reason: str, actor: Any, at: dt.datetime | None = None
) -> TaskItem:
    """退回: send a completion request back to the unit (it stays 承办, the clock runs on)."""
    require_manager(actor, "退回")
    require_step(item, "return")
    if not reason.strip():
        raise SupervisionError("请填写退回理由 / a reason for returning is required")
    at = now(at)
    audit.transition(
        item,
        SupervisionEvent.ITEM_RETURNED,
        actor=actor,
        field="stage",
        to=Stage.IN_PROGRESS,
        changes={"completion_requested_at": None, "verified_at": None},
        extra={"reason": reason},
    )
    deliver(
        unit_officers(item.lead_unit),
        key=f"returned:{item.pk}:{at.isoformat()}",
        title=f"事项被退回：{item.code} {item.title}",
        body=reason,
        url=item.get_absolute_url(),
        at=at,
    )
    return item
