"""The daily supervision run (每日督办): 督办单 for yellow/red items, blue reminders before
deadlines, milestone reminders, and escalation of unanswered notices.

Idempotent: what it creates is keyed so a second run on the same day finds everything already
done and creates nothing (one open notice per item and colour is also a database constraint).
One run at a time: the run holds a database lock (``core.job_locks``); a second one is refused
with a clear message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from jiazhou.worktime import CalendarRangeError
from jiazhou_web.core import audit, job_locks
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


# A step refused for one item: a date the calendar cannot answer, or a state another request
# changed first (already issued, answered or escalated). Reported in the summary; the run goes on.
_STEP_REFUSED = (CalendarRangeError, actions.SupervisionError, audit.ConflictError)

LOCK_NAME = "supervision.daily_run"
LOCK_TTL = dt.timedelta(hours=2)  # a run killed halfway blocks the next one at most this long


def run_daily(at: dt.datetime | None = None) -> RunSummary:
    """Run the daily checks as of ``at`` (default now), one run at a time.

    A second run while one is going raises :class:`~jiazhou_web.core.job_locks.JobBusy` and
    changes nothing. Each step commits on its own and is conditional, so a run killed halfway
    is finished by the next one, and a step already done (by a concurrent web action) is
    skipped without a second audit row. A date the working calendar cannot answer skips that
    item with the reason in ``summary.skipped``; the run goes on."""
    with job_locks.hold(LOCK_NAME, ttl=LOCK_TTL):
        return _run(at or timezone.now())


def _run(at: dt.datetime) -> RunSummary:
    calendar = current_calendar()
    today = timezone.localtime(at).date()
    summary = RunSummary()
    try:
        cutoff = calendar.add_working_days(today, -rules.reissue_days())
    except CalendarRangeError as exc:
        summary.skipped.append(f"全部事项 all items: {exc}")
        return summary
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
        if kind is None:
            continue
        try:
            if _needs_notice(item, kind, today, cutoff):
                notice = actions.issue_notice(
                    item, kind=kind, reason=_reason(item, reading.light, reading), at=at
                )
                summary.issued.append(notice.number)
        except _STEP_REFUSED as exc:
            summary.skipped.append(f"{item.code}: {exc}")
    summary.reminders += _milestone_reminders(at, today, summary)
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
        try:
            actions.escalate_notice(notice, at=at)
        except _STEP_REFUSED as exc:
            summary.skipped.append(f"{notice.number}: {exc}")
            continue
        summary.escalated.append(notice.number)
    return summary


# Milestones due within the blue window are found among those due in the next 60 calendar
# days (more than enough for any run of working days the window can have).
_MILESTONE_LOOKAHEAD = dt.timedelta(days=60)


def _milestone_reminders(at: dt.datetime, today: dt.date, summary: RunSummary) -> int:
    """Remind units of open milestones due within the blue window (once per milestone date)."""
    calendar = current_calendar()
    made = 0
    for milestone in (
        Milestone.objects.filter(
            done_at__isnull=True,
            deadline__gte=today,
            deadline__lte=today + _MILESTONE_LOOKAHEAD,
            item__stage__in=OPEN_STAGES,
        )
        .select_related("item__lead_unit", "item__owner")
        .order_by("pk")
    ):
        try:
            if calendar.working_days_between(today, milestone.deadline) > rules.due_soon_days():
                continue
        except CalendarRangeError as exc:
            summary.skipped.append(f"{milestone.item.code}「{milestone.title}」: {exc}")
            continue
        made += actions.send_reminder(
            milestone.item,
            what=f"里程碑「{milestone.title}」",
            due=milestone.deadline,
            key=f"milestone:{milestone.pk}:{milestone.deadline.isoformat()}",
            at=at,
        )
    return made
