"""A ticket's clocks, read from its rows and computed by the pure engine (jiazhou.tickets)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from jiazhou.tickets import Tier, handling_clock, response_due, running_due
from jiazhou.worktime import Extension, Pause, SlaClock, SlaReport, WorkingCalendar, evaluate_sla
from jiazhou_web.supervision.working_calendar import current_calendar
from jiazhou_web.tickets.choices import ExtensionState, TicketState

DEFAULT_TIER = Tier("general", "一般类", response_hours=7, handling_days=5)


def calendar() -> WorkingCalendar:
    return current_calendar()


@dataclass(frozen=True)
class TicketClock:
    response_due_at: datetime
    responded_in_time: bool | None  # None: not yet contacted
    report: SlaReport


def tier_for(ticket: Any) -> Tier:
    from jiazhou_web.tickets.catalogue import tier_of

    version = ticket.leaf.version if ticket.leaf_id else None
    return tier_of(version, ticket.tier) if version is not None else DEFAULT_TIER


def handling_clock_for(
    ticket: Any,
    dispatch: Any,
    *,
    cal: WorkingCalendar | None = None,
    tier: Tier | None = None,
    pauses: list[Any] | None = None,
    extensions: list[Any] | None = None,
) -> SlaClock:
    """The engine's handling clock of ``dispatch`` (rows may be prefetched)."""
    tier = tier or tier_for(ticket)
    pause_rows = pauses if pauses is not None else list(dispatch.pauses.all())
    ext_rows = extensions if extensions is not None else list(dispatch.extensions.all())
    return handling_clock(
        cal or calendar(),
        dispatch.dispatched_at,
        tier.handling_days,
        pauses=tuple(Pause(p.started_at, p.ended_at, p.reason) for p in pause_rows),
        extensions=tuple(
            Extension(e.decided_at, e.working_days, e.reason, requested_at=e.requested_at)
            for e in ext_rows
            if e.state == ExtensionState.APPROVED
        ),
        replied_at=ticket.replied_at
        if ticket.replied_at and ticket.replied_at >= dispatch.dispatched_at
        else None,
    )


def handling_due_for(
    ticket: Any, at: datetime, *, cal: WorkingCalendar | None = None
) -> datetime | None:
    """What ``ticket.handling_due_at`` must hold at ``at``: the engine's
    :func:`~jiazhou.tickets.running_due` of the current dispatch's clock while the ticket is
    with a unit (待签收, 已签收, 办理中, 补正暂停 — the engine gives None while paused), else None
    (待派单, 退单待审定, 已答复, 已办结)."""
    if ticket.state not in (
        TicketState.DISPATCHED,
        TicketState.SIGNED,
        TicketState.HANDLING,
        TicketState.PAUSED,
    ):
        return None
    dispatch = ticket.current_dispatch()
    if dispatch is None:
        return None
    cal = cal or calendar()
    return running_due(handling_clock_for(ticket, dispatch, cal=cal), cal, at)


def clock_for(
    ticket: Any,
    dispatch: Any,
    at: datetime,
    *,
    cal: WorkingCalendar | None = None,
    tier: Tier | None = None,
    pauses: list[Any] | None = None,
    extensions: list[Any] | None = None,
) -> TicketClock:
    """The response and handling clocks of ``dispatch`` at ``at`` (rows may be prefetched)."""
    cal = cal or calendar()
    tier = tier or tier_for(ticket)
    clock = handling_clock_for(
        ticket, dispatch, cal=cal, tier=tier, pauses=pauses, extensions=extensions
    )
    due = response_due(cal, dispatch.dispatched_at, tier.response_hours)
    contacted = ticket.first_contact_at
    in_time = None if contacted is None else contacted <= due
    return TicketClock(due, in_time, evaluate_sla(clock, cal, at))
