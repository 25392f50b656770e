"""督办单 (issue, escalate, answer) and 临期提醒."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from jiazhou_web.core import audit
from jiazhou_web.supervision import rules
from jiazhou_web.supervision.actions.common import (
    SupervisionError,
    now,
    require_manager,
    require_unit,
)
from jiazhou_web.supervision.choices import NoticeKind, NoticeStatus, SupervisionEvent
from jiazhou_web.supervision.models import Notice, TaskItem
from jiazhou_web.supervision.notifications import deliver
from jiazhou_web.supervision.permissions import managers, unit_officers
from jiazhou_web.supervision.working_calendar import current_calendar

_NOTICE_PREFIX = {
    NoticeKind.BLUE: "乐科督提",
    NoticeKind.YELLOW: "乐科督",
    NoticeKind.RED: "乐科督",
}


def _provisional(day: dt.date) -> str:
    """ "（暂定）" when ``day`` was computed on a year without the official holiday notice."""
    return "（暂定）" if current_calendar().is_provisional(day) else ""


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
    require_manager(actor, "下发督办单")
    at = now(at)
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
        body=f"{reason}\n请于 {notice.respond_by}{_provisional(notice.respond_by)} 前答复。",
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
    require_manager(actor, "升级督办")
    if notice.status != NoticeStatus.OPEN:
        raise SupervisionError(
            f"督办单 {notice.number} 已{notice.get_status_display()}，无需升级 / "
            f"notice {notice.number} is not open"
        )
    if notice.level >= rules.MAX_ESCALATION_LEVEL:
        raise SupervisionError(
            f"督办单 {notice.number} 已是最高督办级别 / notice {notice.number} is at the top level"
        )
    at = now(at)
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
        body=f"督办单逾期未答复，已升级至{level_name}。请于 {notice.respond_by}{_provisional(notice.respond_by)} 前答复。",
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
    require_unit(actor, notice.item, "答复督办单")
    if notice.status != NoticeStatus.OPEN:
        raise SupervisionError(
            f"督办单 {notice.number} 当前为「{notice.get_status_display()}」，不能答复 / "
            f"notice {notice.number} is {notice.status}, so it cannot be answered"
        )
    if not answer.strip():
        raise SupervisionError("请填写答复内容 / the answer is required")
    notice.status = NoticeStatus.ANSWERED
    notice.answer = answer
    notice.answered_at = now(at)
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
    require_manager(actor, "发送提醒")
    at = now(at)
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
