"""督办 of overdue 企业诉求 (spec §4.1 closed loop 办理→回复→督办; issue 15: "overdue tickets
generate 督办 entries"), in the vocabulary of 三张清单 supervision (督办单, 答复期限, 督办升级).

* A ticket whose **response clock** ran out (dispatched, not yet contacted, ``response_due_at``
  passed) gets one entry of kind 超响应时限 at level 0.
* A ticket whose **handling clock** ran out (:meth:`TicketQuerySet.overdue`, the stored due
  instant against the engine's cutoff) gets an entry of kind 超办理时限 at the level the engine
  gives (:func:`jiazhou.tickets.supervision_level`): 督办承办单位 from the first overdue working
  day, 督办承办单位负责人 after ``SUPERVISION_REPLY_WORKING_DAYS`` (3) more working days, 提请市政府
  督查室督办 after twice that. Only the level reached is issued; a lower level missed by a run
  that did not happen is not back-filled.
* One entry per (dispatch, kind, level), exactly once: the run checks, the ticket row is locked
  while issuing, and a unique constraint backs it. A second run the same day creates nothing.
* An entry is **resolved** once its clock stops: first contact (response), reply, 退单,
  re-dispatch, 重办 or close — by the action that stops it (inside that action, covered by its
  audit row) and, for anything left over, by the run (one audit row per entry).

Every issue and run-side resolution is its own ``@transaction.atomic`` action with one audit row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from jiazhou.tickets import supervision_level
from jiazhou.worktime import CalendarRangeError
from jiazhou_web.core import audit, job_locks
from jiazhou_web.core.numbering import next_number
from jiazhou_web.supervision import rules
from jiazhou_web.tickets import clocks
from jiazhou_web.tickets.choices import OverdueKind, SupervisionLevel, TicketEvent, TicketState
from jiazhou_web.tickets.models import Dispatch, Ticket, TicketSupervision

#: states in which a dispatch's clocks are still with the unit (a 督办 stays open)
WITH_UNIT = (
    TicketState.DISPATCHED,
    TicketState.SIGNED,
    TicketState.HANDLING,
    TicketState.PAUSED,
)
LOCK_NAME = "tickets.supervise"
LOCK_TTL = dt.timedelta(hours=2)
TOP_LEVEL = max(SupervisionLevel.values)


@dataclass
class RunSummary:
    issued: list[str] = field(default_factory=list)
    resolved: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _resolution(ticket: Ticket, entry: TicketSupervision, current_dispatch_id: int | None) -> str:
    """Why ``entry`` no longer stands ('' while it does)."""
    if entry.dispatch_id != current_dispatch_id:
        return "已改派或重办"
    if ticket.state == TicketState.CLOSED:
        return "已办结"
    if ticket.state == TicketState.REPLIED:
        return "已答复"
    if ticket.state == TicketState.RETURNED:
        return "已退单"
    if ticket.state not in WITH_UNIT:
        return "已不在办理中"
    if entry.kind == OverdueKind.RESPONSE and ticket.first_contact_at is not None:
        return "已联系诉求人"
    return ""


def settle(ticket: Ticket, at: dt.datetime) -> int:
    """Resolve the ticket's open entries whose clock has stopped; called by the actions that
    stop a clock, under their row lock, covered by their audit row. Returns how many."""
    entries = list(TicketSupervision.objects.filter(ticket=ticket, resolved_at__isnull=True))
    if not entries:
        return 0
    current = ticket.current_dispatch()
    done = 0
    for entry in entries:
        why = _resolution(ticket, entry, current.pk if current else None)
        if why:
            done += TicketSupervision.objects.filter(pk=entry.pk, resolved_at__isnull=True).update(
                resolved_at=at, resolution=why
            )
    return done


def _reason(kind: str, level: int, due_at: dt.datetime) -> str:
    due = timezone.localtime(due_at).strftime("%Y年%m月%d日 %H:%M")
    what = "首次联系诉求人" if kind == OverdueKind.RESPONSE else "答复诉求人"
    text = f"已超过{what}时限（{due}）"
    if level:
        text += f"，督办后仍未办理，升级为「{SupervisionLevel(level).label}」"
    return text + "。"


@transaction.atomic
def issue(
    ticket: Ticket, *, kind: str, level: int, at: dt.datetime, actor: Any = None
) -> TicketSupervision | None:
    """Issue one 督办 entry for the ticket's current dispatch, unless that clock is no longer
    overdue or an entry of this level or higher exists (then None, nothing written)."""
    locked = Ticket.objects.select_for_update().filter(pk=ticket.pk).first()
    if locked is None or locked.state not in WITH_UNIT:
        return None
    dispatch = locked.current_dispatch()
    if dispatch is None:
        return None
    if kind == OverdueKind.RESPONSE:
        due = locked.response_due_at
        if locked.first_contact_at is not None or due is None or due >= at:
            return None
    else:
        if not Ticket.objects.filter(pk=locked.pk).overdue(at).exists():
            return None
        due = locked.handling_due_at
        assert due is not None  # overdue() compares it
    if TicketSupervision.objects.filter(dispatch=dispatch, kind=kind, level__gte=level).exists():
        return None
    today = timezone.localtime(at).date()
    cal = clocks.calendar()
    try:
        with transaction.atomic():
            entry = TicketSupervision.objects.create(
                number=f"DB{today.year}{next_number('ticket_supervision', today.year):06d}",
                ticket=locked,
                dispatch=dispatch,
                unit_id=dispatch.unit_id,
                kind=kind,
                level=level,
                due_at=due,
                issued_on=today,
                issued_at=at,
                respond_by=cal.add_working_days(today, rules.reply_days()),
                reason=_reason(kind, level, due),
            )
    except IntegrityError:  # issued concurrently by another run
        return None
    audit.record(
        TicketEvent.SUPERVISED,
        actor=actor,
        target=locked,
        after={
            "督办编号": entry.number,
            "督办事由": entry.get_kind_display(),
            "督办级别": entry.get_level_display(),
            "答复期限": entry.respond_by,
        },
    )
    return entry


@transaction.atomic
def resolve(entry: TicketSupervision, *, why: str, at: dt.datetime, actor: Any = None) -> bool:
    """Resolve one entry left open (conditional: of two runs one does it, with one audit row)."""
    if not TicketSupervision.objects.filter(pk=entry.pk, resolved_at__isnull=True).update(
        resolved_at=at, resolution=why
    ):
        return False
    audit.record(
        TicketEvent.SUPERVISION_RESOLVED,
        actor=actor,
        target=entry.ticket,
        after={"督办编号": entry.number, "解除原因": why},
    )
    return True


def _current_dispatches(ticket_ids: list[int]) -> dict[int, int]:
    current: dict[int, int] = {}
    for pk, ticket_id in (
        Dispatch.objects.filter(ticket_id__in=ticket_ids)
        .order_by("dispatched_at", "id")
        .values_list("pk", "ticket_id")
    ):
        current[ticket_id] = pk
    return current


def run(at: dt.datetime | None = None) -> RunSummary:
    """The 督办 run as of ``at`` (default now), one at a time (``core.job_locks``)."""
    with job_locks.hold(LOCK_NAME, ttl=LOCK_TTL):
        return _run(at or timezone.now())


def _run(at: dt.datetime) -> RunSummary:
    summary = RunSummary()
    today = timezone.localtime(at).date()
    # 1. entries left open whose clock has stopped
    open_entries = list(
        TicketSupervision.objects.filter(resolved_at__isnull=True)
        .select_related("ticket")
        .order_by("pk")
    )
    current = _current_dispatches(sorted({e.ticket_id for e in open_entries}))
    for entry in open_entries:
        why = _resolution(entry.ticket, entry, current.get(entry.ticket_id))
        if why and resolve(entry, why=why, at=at):
            summary.resolved.append(entry.number)
    # 2. response clocks run out
    late_response = list(
        Ticket.objects.filter(
            state__in=WITH_UNIT, first_contact_at__isnull=True, response_due_at__lt=at
        )
        .exclude(  # already supervised for the current dispatch (its instant is the ticket's)
            supervisions__kind=OverdueKind.RESPONSE,
            supervisions__dispatch__dispatched_at=F("dispatched_at"),
        )
        .order_by("pk")
    )
    for ticket in late_response:
        made = issue(ticket, kind=OverdueKind.RESPONSE, level=0, at=at)
        if made is not None:
            summary.issued.append(made.number)
    # 3. handling clocks run out, at the level reached today
    cal = clocks.calendar()
    step = rules.reply_days()
    for ticket in Ticket.objects.overdue(at).order_by("pk"):
        try:
            level = supervision_level(
                cal, ticket.handling_due_at, today, step_days=step, top=TOP_LEVEL
            )
        except CalendarRangeError as exc:
            summary.skipped.append(f"{ticket.number}: {exc}")
            continue
        if level < 0:
            continue
        made = issue(ticket, kind=OverdueKind.HANDLING, level=level, at=at)
        if made is not None:
            summary.issued.append(made.number)
    return summary
