"""督办单 (issue, escalate, answer) and 临期提醒."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from jiazhou_web.core import audit
from jiazhou_web.core.access import holders
from jiazhou_web.core.access.rules import unit_officers
from jiazhou_web.core.locality import locality
from jiazhou_web.core.numbering import next_number
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
from jiazhou_web.supervision.working_calendar import current_calendar

# Document series (core.locality) of each colour: yellow and red cards share one numbering.
_NOTICE_SERIES = {
    NoticeKind.BLUE: "notice_blue",
    NoticeKind.YELLOW: "notice",
    NoticeKind.RED: "notice",
}


def _provisional(day: dt.date) -> str:
    """ "（暂定）" when ``day`` was computed on a year without the official holiday notice."""
    return "（暂定）" if current_calendar().is_provisional(day) else ""


_NOTICE_RANK = {NoticeKind.BLUE: 0, NoticeKind.YELLOW: 1, NoticeKind.RED: 2}


def _next_number(kind: str, year: int) -> str:
    """The next number of the year's series, from its database sequence (core.numbering).

    The first number of a year's sequence continues after the highest one already taken.
    """
    series = _NOTICE_SERIES[NoticeKind(kind)]
    place = locality()
    head = f"{place.prefix(series)}〔{year}〕"

    def highest() -> int:
        taken = [0]
        for number in Notice.objects.filter(number__startswith=head).values_list(
            "number", flat=True
        ):
            digits = number[len(head) :].removesuffix("号")
            if digits.isdigit():
                taken.append(int(digits))
        return max(taken)

    return place.number(series, year, next_number(series, year, existing=highest))


_NUMBER_ATTEMPTS = 5


def _create_notice(item: TaskItem, *, kind: str, year: int, **fields: Any) -> Notice:
    """Insert the notice with the next number. Numbers come from a sequence, so a clash means
    a number typed in by hand elsewhere: the insert fails inside its own savepoint and takes the
    next one. A concurrent issue of the same colour for the same item is refused (one open
    notice per item and colour), so nothing is issued twice."""
    for _attempt in range(_NUMBER_ATTEMPTS):
        try:
            with transaction.atomic():
                return Notice.objects.create(
                    number=_next_number(kind, year), item=item, kind=kind, **fields
                )
        except IntegrityError:
            if Notice.objects.filter(item=item, kind=kind, status=NoticeStatus.OPEN).exists():
                raise SupervisionError(
                    f"事项「{item.code}」已有未答复的{NoticeKind(kind).label}，未重复下发 / "
                    f"item {item.code} already has an open {kind} notice; none was issued"
                ) from None
    raise SupervisionError(
        "督办单编号连续冲突，请稍后重试 / notice numbers kept clashing; please retry"
    )


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
    notice = _create_notice(
        item,
        kind=kind,
        year=today.year,
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
    audit.claim(
        notice,
        {
            "level": notice.level + 1,
            "escalated_on": today,
            "respond_by": current_calendar().add_working_days(today, rules.reply_days()),
        },
        unchanged=("status", "level"),
    )
    item = notice.item
    level_name = str(rules.ESCALATION_LEVELS[notice.level])
    deliver(
        [*unit_officers(item.lead_unit), *holders("supervision.manage")],
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
    audit.claim(
        notice,
        {
            "status": NoticeStatus.ANSWERED,
            "answer": answer,
            "answered_at": now(at),
            "answered_by": actor,
        },
        unchanged=("status",),
    )
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
