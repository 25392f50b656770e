"""Every write of 三张清单 supervision; each is atomic and writes one audit row.

Lifecycle (清单制+责任制+时限制): 立项 ``create_item`` → 交办 ``assign_item`` → 签收
``sign_item`` → 承办 ``report_progress`` → 办结申请 ``request_completion`` → 核查
``verify_item`` → 销号 ``close_item``; ``return_item`` (退回) sends a completion request back;
``request_extension`` / ``decide_extension`` (延期申请/审批) move the deadline.

Steps that happened earlier (the demo, historical records) pass ``at``; otherwise it is now.
A step by the wrong role raises ``PermissionDenied``; a step that does not fit the item's stage
or data raises :class:`SupervisionError` with a Chinese-then-English message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from jiazhou.worktime.sla import refuse_late_extension
from jiazhou_web.core import audit
from jiazhou_web.supervision import rules
from jiazhou_web.supervision.choices import (
    AWAITING_CHECK,
    OPEN_STAGES,
    ExtensionStatus,
    NoticeKind,
    NoticeStatus,
    Stage,
    SupervisionEvent,
)
from jiazhou_web.supervision.models import (
    ExtensionRequest,
    Holiday,
    ItemIndicator,
    Milestone,
    Notice,
    Notification,
    ProgressReport,
    TaskItem,
    TaskList,
)
from jiazhou_web.supervision.notifications import deliver
from jiazhou_web.supervision.permissions import (
    managers,
    may_act_for_item,
    may_manage,
    unit_officers,
)
from jiazhou_web.supervision.working_calendar import closing, current_calendar


class SupervisionError(ValueError):
    """A step that cannot be taken; the message says why (中文 / English)."""


def _now(at: dt.datetime | None) -> dt.datetime:
    return at if at is not None else timezone.now()


def _require_manager(actor: Any, what: str) -> None:
    if actor is not None and not may_manage(actor):
        raise PermissionDenied(
            f"只有督导组（市科技局管理员）可以{what} / only the supervision group may do this"
        )


def _require_unit(actor: Any, item: TaskItem, what: str) -> None:
    if not may_act_for_item(actor, item):
        raise PermissionDenied(
            f"只有牵头单位「{item.lead_unit}」的经办人可以{what} / "
            f"only officers of the lead unit may do this"
        )


def _require_stage(item: TaskItem, allowed: Iterable[str], what_zh: str, what_en: str) -> None:
    allowed = tuple(allowed)
    if item.stage not in allowed:
        names = "、".join(str(Stage(s).label) for s in allowed)
        raise SupervisionError(
            f"事项「{item.code}」当前处于「{item.get_stage_display()}」，不能{what_zh}"
            f"（仅限：{names}） / item {item.code} is '{item.stage}', so it cannot be {what_en} "
            f"(allowed from: {', '.join(allowed)})"
        )


# -- lists and items ---------------------------------------------------------------------------


@transaction.atomic
def create_list(
    *,
    code: str,
    title: str,
    kind: str,
    year: int,
    actor: Any,
    description: str = "",
    source: str = "",
) -> TaskList:
    _require_manager(actor, "建立清单")
    task_list = TaskList.objects.create(
        code=code, title=title, kind=kind, year=year, description=description, source=source
    )
    audit.record(
        SupervisionEvent.LIST_CREATED, actor=actor, target=task_list, after={"title": title}
    )
    return task_list


def _check_dates(code: str, start: dt.date, deadline: dt.date, milestones: Sequence[Any]) -> None:
    if deadline < start:
        raise SupervisionError(
            f"事项「{code}」的截止日期 {deadline} 早于开始日期 {start} / "
            f"item {code}: deadline {deadline} is before start {start}"
        )
    for title, due in milestones:
        if not start <= due <= deadline:
            raise SupervisionError(
                f"事项「{code}」的里程碑「{title}」期限 {due} 不在 {start}–{deadline} 之间 / "
                f"item {code}: milestone {title!r} due {due} is outside {start}–{deadline}"
            )


@transaction.atomic
def create_item(
    task_list: TaskList,
    *,
    code: str,
    title: str,
    lead_unit: Any,
    start_date: dt.date,
    deadline: dt.date,
    actor: Any,
    category: str = "",
    partner_units: Iterable[Any] = (),
    owner: Any = None,
    region: Any = None,
    enterprises: Iterable[Any] = (),
    indicator_codes: Iterable[str] = (),
    platforms: str = "",
    expected_outputs: str = "",
    milestones: Sequence[tuple[str, dt.date]] = (),
    synthetic: bool = False,
) -> TaskItem:
    """立项: register an item (with its milestones) in a list."""
    _require_manager(actor, "立项")
    _check_dates(code, start_date, deadline, milestones)
    if TaskItem.objects.filter(task_list=task_list, code=code).exists():
        raise SupervisionError(
            f"清单「{task_list}」已有编号为「{code}」的事项 / "
            f"list {task_list.code} already has an item numbered {code}"
        )
    item = TaskItem.objects.create(
        task_list=task_list,
        code=code,
        title=title,
        category=category,
        lead_unit=lead_unit,
        owner=owner,
        region=region,
        platforms=platforms,
        expected_outputs=expected_outputs,
        start_date=start_date,
        deadline=deadline,
        original_deadline=deadline,
        synthetic=synthetic,
    )
    partners = [p for p in partner_units if p.pk != lead_unit.pk]
    item.partner_units.set(partners)
    item.enterprises.set(list(enterprises))
    codes = sorted({c.strip() for c in indicator_codes if c.strip()})
    ItemIndicator.objects.bulk_create([ItemIndicator(item=item, code=c) for c in codes])
    Milestone.objects.bulk_create(
        [Milestone(item=item, title=t, deadline=d) for t, d in milestones]
    )
    audit.record(
        SupervisionEvent.ITEM_CREATED,
        actor=actor,
        target=item,
        after={
            "list": task_list.code,
            "title": title,
            "lead_unit": str(lead_unit),
            "partner_units": [str(p) for p in partners],
            "start_date": start_date,
            "deadline": deadline,
            "indicators": codes,
            "milestones": [f"{d} {t}" for t, d in milestones],
        },
    )
    return item


# -- lifecycle ---------------------------------------------------------------------------------


@transaction.atomic
def assign_item(item: TaskItem, *, actor: Any, at: dt.datetime | None = None) -> TaskItem:
    """交办: hand the item to its lead unit; the unit is notified."""
    _require_manager(actor, "交办")
    _require_stage(item, [Stage.DRAFT], "交办", "assigned")
    at = _now(at)
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
    _require_unit(actor, item, "签收")
    _require_stage(item, [Stage.ASSIGNED], "签收", "signed for")
    audit.transition(
        item,
        SupervisionEvent.ITEM_SIGNED,
        actor=actor,
        field="stage",
        to=Stage.SIGNED,
        changes={"signed_at": _now(at)},
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
    _require_unit(actor, item, "报送进展")
    _require_stage(item, [Stage.SIGNED, Stage.IN_PROGRESS], "报送进展", "reported on")
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
    at = _now(at)
    before = {"stage": item.stage, "percent_done": item.percent_done}
    report = ProgressReport.objects.create(
        item=item,
        reported_at=at,
        reported_by=actor,
        percent_done=percent_done,
        text=text,
        milestone=milestone,
        attachment=attachment or "",
    )
    if milestone is not None and milestone.done_at is None:
        milestone.done_at = at
        milestone.save(update_fields=["done_at"])
    item.stage = Stage.IN_PROGRESS
    item.percent_done = percent_done
    item.save(update_fields=["stage", "percent_done", "updated"])
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
    _require_unit(actor, item, "申请办结")
    _require_stage(item, [Stage.IN_PROGRESS], "申请办结", "submitted for completion")
    if not text.strip():
        raise SupervisionError("请填写办结情况说明 / the completion statement is required")
    at = _now(at)
    before = {"stage": item.stage, "percent_done": item.percent_done}
    item.stage = Stage.COMPLETION_REQUESTED
    item.completion_requested_at = at
    item.percent_done = 100
    item.save(update_fields=["stage", "completion_requested_at", "percent_done", "updated"])
    deliver(
        managers(),
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
    _require_manager(actor, "核查")
    _require_stage(item, [Stage.COMPLETION_REQUESTED], "核查", "verified")
    audit.transition(
        item,
        SupervisionEvent.ITEM_VERIFIED,
        actor=actor,
        field="stage",
        to=Stage.VERIFIED,
        changes={"verified_at": _now(at)},
        extra={"note": note},
    )
    return item


@transaction.atomic
def close_item(item: TaskItem, *, actor: Any, at: dt.datetime | None = None) -> TaskItem:
    """销号: close a verified item; its open 督办单 are closed with it."""
    _require_manager(actor, "销号")
    _require_stage(item, [Stage.VERIFIED], "销号", "closed")
    closed = item.notices.filter(status=NoticeStatus.OPEN).update(status=NoticeStatus.CLOSED)
    audit.transition(
        item,
        SupervisionEvent.ITEM_CLOSED,
        actor=actor,
        field="stage",
        to=Stage.CLOSED,
        changes={"closed_at": _now(at)},
        extra={"notices_closed": closed},
    )
    return item


@transaction.atomic
def return_item(
    item: TaskItem, *, reason: str, actor: Any, at: dt.datetime | None = None
) -> TaskItem:
    """退回: send a completion request back to the unit (it stays 承办, the clock runs on)."""
    _require_manager(actor, "退回")
    _require_stage(item, AWAITING_CHECK, "退回", "returned")
    if not reason.strip():
        raise SupervisionError("请填写退回理由 / a reason for returning is required")
    at = _now(at)
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
    _require_unit(actor, item, "申请延期")
    _require_stage(item, OPEN_STAGES, "申请延期", "extended")
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
    at = _now(at)
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
        managers(),
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
    _require_manager(actor, "审批延期")
    if request.status != ExtensionStatus.PENDING:
        raise SupervisionError(
            f"该延期申请已{request.get_status_display()}，不能再次审批 / "
            f"the request is already {request.status}"
        )
    item = request.item
    if approve:
        _require_stage(item, OPEN_STAGES, "延期", "extended")
    at = _now(at)
    request.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REJECTED
    request.decided_by = actor
    request.decided_at = at
    request.decision_note = note
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
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


# -- 督办单 and reminders ----------------------------------------------------------------------

_NOTICE_PREFIX = {
    NoticeKind.BLUE: "乐科督提",
    NoticeKind.YELLOW: "乐科督",
    NoticeKind.RED: "乐科督",
}
_NOTICE_RANK = {NoticeKind.BLUE: 0, NoticeKind.YELLOW: 1, NoticeKind.RED: 2}


def _next_number(kind: str, year: int) -> str:
    prefix = f"{_NOTICE_PREFIX[NoticeKind(kind)]}〔{year}〕"
    taken = Notice.objects.filter(number__startswith=prefix).count()
    return f"{prefix}{taken + 1}号"


@transaction.atomic
def issue_notice(
    item: TaskItem, *, kind: str, reason: str, at: dt.datetime | None = None, actor: Any = None
) -> Notice:
    """督办单: issue a notice of ``kind`` to the lead unit; lower open notices are superseded."""
    _require_manager(actor, "下发督办单")
    at = _now(at)
    today = timezone.localtime(at).date()
    rank = _NOTICE_RANK[NoticeKind(kind)]
    lower = [k for k, r in _NOTICE_RANK.items() if r < rank]
    superseded = item.notices.filter(status=NoticeStatus.OPEN, kind__in=lower).update(
        status=NoticeStatus.SUPERSEDED
    )
    notice = Notice.objects.create(
        number=_next_number(kind, today.year),
        item=item,
        kind=kind,
        issued_on=today,
        respond_by=current_calendar().add_working_days(today, rules.reply_days()),
        reason=reason,
    )
    deliver(
        [*unit_officers(item.lead_unit), *([item.owner] if item.owner else [])],
        key=f"notice:{notice.pk}:0",
        title=f"{notice.get_kind_display()} {notice.number}：{item.code} {item.title}",
        body=f"{reason}\n请于 {notice.respond_by} 前答复。",
        url=notice.get_absolute_url(),
        at=at,
    )
    audit.record(
        SupervisionEvent.NOTICE_ISSUED,
        actor=actor,
        target=item,
        after={"notice": notice.number, "kind": kind, "respond_by": notice.respond_by},
        extra={"reason": reason, "superseded": superseded},
    )
    return notice


@transaction.atomic
def escalate_notice(notice: Notice, *, at: dt.datetime | None = None, actor: Any = None) -> Notice:
    """督办升级: an unanswered notice goes one level up and gets a new reply window."""
    _require_manager(actor, "升级督办")
    if notice.status != NoticeStatus.OPEN:
        raise SupervisionError(
            f"督办单 {notice.number} 已{notice.get_status_display()}，无需升级 / "
            f"notice {notice.number} is not open"
        )
    if notice.level >= rules.MAX_ESCALATION_LEVEL:
        raise SupervisionError(
            f"督办单 {notice.number} 已是最高督办级别 / notice {notice.number} is at the top level"
        )
    at = _now(at)
    today = timezone.localtime(at).date()
    before = {"level": notice.level, "respond_by": notice.respond_by}
    notice.level += 1
    notice.escalated_on = today
    notice.respond_by = current_calendar().add_working_days(today, rules.reply_days())
    notice.save(update_fields=["level", "escalated_on", "respond_by"])
    item = notice.item
    level_name = str(rules.ESCALATION_LEVELS[notice.level])
    deliver(
        [*unit_officers(item.lead_unit), *managers()],
        key=f"notice:{notice.pk}:{notice.level}",
        title=f"督办升级（{level_name}）{notice.number}：{item.code} {item.title}",
        body=f"督办单逾期未答复，已升级至{level_name}。请于 {notice.respond_by} 前答复。",
        url=notice.get_absolute_url(),
        at=at,
    )
    audit.record(
        SupervisionEvent.NOTICE_ESCALATED,
        actor=actor,
        target=item,
        before=before,
        after={"notice": notice.number, "level": notice.level, "respond_by": notice.respond_by},
    )
    return notice


@transaction.atomic
def answer_notice(
    notice: Notice, *, answer: str, actor: Any, at: dt.datetime | None = None
) -> Notice:
    """督办答复: the lead unit answers a notice (stops its escalation)."""
    _require_unit(actor, notice.item, "答复督办单")
    if notice.status != NoticeStatus.OPEN:
        raise SupervisionError(
            f"督办单 {notice.number} 当前为「{notice.get_status_display()}」，不能答复 / "
            f"notice {notice.number} is {notice.status}, so it cannot be answered"
        )
    if not answer.strip():
        raise SupervisionError("请填写答复内容 / the answer is required")
    notice.status = NoticeStatus.ANSWERED
    notice.answer = answer
    notice.answered_at = _now(at)
    notice.answered_by = actor
    notice.save(update_fields=["status", "answer", "answered_at", "answered_by"])
    audit.record(
        SupervisionEvent.NOTICE_ANSWERED,
        actor=actor,
        target=notice.item,
        before={"notice": notice.number, "status": NoticeStatus.OPEN},
        after={"notice": notice.number, "status": notice.status},
        extra={"answer": answer},
    )
    return notice


@transaction.atomic
def send_reminder(
    item: TaskItem,
    *,
    what: str,
    due: dt.date,
    key: str,
    at: dt.datetime | None = None,
    actor: Any = None,
) -> int:
    """临期提醒: remind the unit once per ``key``; writes nothing when already reminded."""
    _require_manager(actor, "发送提醒")
    at = _now(at)
    made = deliver(
        [*unit_officers(item.lead_unit), *([item.owner] if item.owner else [])],
        key=key,
        title=f"临期提醒：{what} 将于 {due} 到期",
        body=f"{item.code} {item.title}：{what}，期限 {due}。",
        url=item.get_absolute_url(),
        at=at,
    )
    if made:
        audit.record(
            SupervisionEvent.REMINDER_SENT,
            actor=actor,
            target=item,
            after={"what": what, "due": due},
            extra={"recipients": made},
        )
    return made


# -- holidays and notifications -----------------------------------------------------------------


@transaction.atomic
def save_holiday(
    holiday: Holiday | None,
    *,
    day: dt.date,
    kind: str,
    actor: Any,
    name: str = "",
    name_zh: str = "",
    year: int | None = None,
    source: str = "",
) -> Holiday:
    """Add or correct one 节假日/调休 record of the working calendar."""
    _require_manager(actor, "维护节假日")
    fields = {
        "day": day,
        "kind": kind,
        "name": name,
        "name_zh": name_zh,
        "year": year or day.year,
        "source": source,
    }
    clash = Holiday.objects.filter(day=day)
    if holiday is not None:
        clash = clash.exclude(pk=holiday.pk)
    if clash.exists():
        raise SupervisionError(f"{day} 已有节假日记录 / {day} already has a holiday record")
    before = audit.snapshot(holiday, list(fields)) if holiday else {}
    if holiday is None:
        holiday = Holiday.objects.create(**fields)
    else:
        for name_, value in fields.items():
            setattr(holiday, name_, value)
        holiday.save(update_fields=[*fields, "updated"])
    current_calendar()  # refuses a table the engine cannot build a calendar from
    audit.record(
        SupervisionEvent.HOLIDAY_SAVED, actor=actor, target=holiday, before=before, after=fields
    )
    return holiday


@transaction.atomic
def delete_holiday(holiday: Holiday, *, actor: Any) -> None:
    _require_manager(actor, "维护节假日")
    before = audit.snapshot(holiday, ["day", "kind", "name_zh", "year"])
    audit.record(SupervisionEvent.HOLIDAY_DELETED, actor=actor, target=holiday, before=before)
    holiday.delete()


@transaction.atomic
def mark_notifications_read(user: Any, *, actor: Any, at: dt.datetime | None = None) -> int:
    """Mark all of ``user``'s unread notifications read."""
    if actor is None or actor.pk != user.pk:
        raise PermissionDenied("只能处理本人的消息 / only your own notifications")
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=_now(at)
    )
    if count:
        audit.record(
            SupervisionEvent.NOTIFICATIONS_READ, actor=actor, target=user, extra={"count": count}
        )
    return count


# -- 通报 -----------------------------------------------------------------------------------------


@transaction.atomic
def draft_bulletin(
    task_list: TaskList, *, year: int, month: int, actor: Any, at: dt.datetime | None = None
) -> Any:
    """月度通报: draft (or re-draft) the month's bulletin of a list as Word and PDF."""
    from django.core.files.base import ContentFile

    from jiazhou_web.supervision.bulletin_content import compose
    from jiazhou_web.supervision.models import Bulletin

    _require_manager(actor, "起草通报")
    at = _now(at)
    existing = Bulletin.objects.filter(task_list=task_list, year=year, month=month).first()
    if existing is not None:
        number = existing.number
    else:
        prefix = f"乐科督通〔{year}〕"
        number = f"{prefix}{Bulletin.objects.filter(number__startswith=prefix).count() + 1}号"
    content = compose(task_list, year=year, month=month, number=number)
    stem = f"{task_list.code}-{year}-{month:02d}"
    bulletin = existing or Bulletin(task_list=task_list, year=year, month=month, number=number)
    bulletin.title = content.title
    bulletin.issued_on = timezone.localtime(at).date()
    bulletin.created_by = audit.acting_user(actor)
    bulletin.created_at = at
    bulletin.docx.save(f"{stem}.docx", ContentFile(content.to_docx()), save=False)
    bulletin.pdf.save(f"{stem}.pdf", ContentFile(content.to_pdf()), save=False)
    bulletin.save()
    audit.record(
        SupervisionEvent.BULLETIN_DRAFTED,
        actor=actor,
        target=bulletin,
        after={"number": number, "title": content.title, "docx": bulletin.docx.name},
    )
    return bulletin
