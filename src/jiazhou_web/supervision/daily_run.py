"""The daily supervision run (每日督办): 督办单 for yellow/red items, blue reminders before
deadlines, milestone reminders, and escalation of unanswered notices.

Idempotent: what it creates is keyed so a second run on the same day finds everything already
done and creates nothing (one open notice per item and colour is also a database constraint).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from jiazhou_web.supervision import actions, rules
from jiazhou_web.supervision.choices import OPEN_STAGES, Light, NoticeKind, NoticeStatus
from jiazhou_web.supervision.lights import LightReading, lights_for
from jiazhou_web.supervision.models import Milestone, Notice, TaskItem
from jiazhou_web.supervision.working_calendar import current_calendar

_HIGHER_OR_EQUAL = {
    NoticeKind.BLUE: [NoticeKind.BLUE, NoticeKind.YELLOW, NoticeKind.RED],
    NoticeKind.YELLOW: [NoticeKind.YELLOW, NoticeKind.RED],
    NoticeKind.RED: [NoticeKind.RED],
}


@dataclass
class RunSummary:
    """What one run did."""

    issued: list[str] = field(default_factory=list)
    escalated: list[str] = field(default_factory=list)
    reminders: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.issued or self.escalated or self.reminders)


def _reason(item: TaskItem, light: Light, reading: LightReading) -> str:
    if light == Light.RED:
        return f"已超过办结期限 {item.deadline}，当前完成 {item.percent_done}%。"
    if light == Light.YELLOW:
        return (
            f"进度落后于序时进度：已完成 {item.percent_done}%，"
            f"序时进度 {reading.elapsed_pct or 0:.0f}%（或有里程碑逾期）。"
        )
    return f"距办结期限 {item.deadline} 不足 {rules.due_soon_days()} 个工作日。"


def _needs_notice(item: TaskItem, kind: NoticeKind, today: dt.date, cutoff: dt.date) -> bool:
    """No open notice of this colour or higher, and none answered recently (or, for blue, no
    reminder already in this deadline's window)."""
    notices = Notice.objects.filter(item=item, kind__in=_HIGHER_OR_EQUAL[kind])
    if notices.filter(status=NoticeStatus.OPEN).exists():
        return False
    if kind == NoticeKind.BLUE:
        window = current_calendar().add_working_days(item.deadline, -rules.due_soon_days() - 1)
        return not notices.filter(issued_on__gt=window).exists()
    return not notices.filter(
        Q(status=NoticeStatus.ANSWERED, answered_at__date__gte=cutoff) | Q(issued_on=today)
    ).exists()


def run_daily(at: dt.datetime | None = None) -> RunSummary:
    """Run the daily checks as of ``at`` (default now)."""
    at = at or timezone.now()
    calendar = current_calendar()
    today = timezone.localtime(at).date()
    cutoff = calendar.add_working_days(today, -rules.reissue_days())
    summary = RunSummary()
    items = list(
        TaskItem.objects.filter(stage__in=OPEN_STAGES)
        .select_related("lead_unit", "owner")
        .order_by("pk")
    )
    readings = lights_for(items, at, calendar)
    colour = {
        Light.RED: NoticeKind.RED,
        Light.YELLOW: NoticeKind.YELLOW,
        Light.BLUE: NoticeKind.BLUE,
    }
    for item in items:
        reading = readings[item.pk]
        if reading.light == Light.UNKNOWN:
            summary.skipped.append(f"{item.code}: {reading.note}")
            continue
        kind = colour.get(reading.light)
        if kind is not None and _needs_notice(item, kind, today, cutoff):
            notice = actions.issue_notice(
                item, kind=kind, reason=_reason(item, reading.light, reading), at=at
            )
            summary.issued.append(notice.number)
    summary.reminders += _milestone_reminders(at, today)
    for notice in (
        Notice.objects.filter(
            status=NoticeStatus.OPEN,
            kind__in=[NoticeKind.YELLOW, NoticeKind.RED],
            respond_by__lt=today,
            level__lt=rules.MAX_ESCALATION_LEVEL,
        )
        .select_related("item__lead_unit")
        .order_by("pk")
    ):
        actions.escalate_notice(notice, at=at)
        summary.escalated.append(notice.number)
    return summary


def _milestone_reminders(at: dt.datetime, today: dt.date) -> int:
    """Remind units of open milestones due within the blue window (once per milestone date)."""
    horizon = current_calendar().add_working_days(today, rules.due_soon_days())
    made = 0
    for milestone in (
        Milestone.objects.filter(
            done_at__isnull=True,
            deadline__gte=today,
            deadline__lte=horizon,
            item__stage__in=OPEN_STAGES,
        )
        .select_related("item__lead_unit", "item__owner")
        .order_by("pk")
    ):
        made += actions.send_reminder(
            milestone.item,
            what=f"里程碑「{milestone.title}」",
            due=milestone.deadline,
            key=f"milestone:{milestone.pk}:{milestone.deadline.isoformat()}",
            at=at,
        )
    return made
