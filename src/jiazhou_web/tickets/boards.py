"""三率 per unit and 红黑榜 per peer group for a month, from stored timestamps (one query)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from jiazhou.tickets import RankedUnit, TicketFacts, UnitRates, rank_peer_group, three_rates
from jiazhou_web.accounts.choices import DepartmentKind
from jiazhou_web.accounts.models import Department
from jiazhou_web.tickets.choices import Outcome

PEER_GROUPS = (
    (DepartmentKind.COUNTY_BUREAU, "区县"),
    (DepartmentKind.CITY_BUREAU, "市级部门"),
    (DepartmentKind.ZONE_COMMITTEE, "园区"),
)


def parse_month(raw: str | None) -> dt.date:
    """``YYYY-MM`` → the first day of that month; anything else → the current month."""
    today = timezone.localdate()
    if raw and len(raw) == 7 and raw[4] == "-" and raw[:4].isdigit() and raw[5:].isdigit():
        year, month = int(raw[:4]), int(raw[5:])
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return dt.date(year, month, 1)
    return today.replace(day=1)


def month_bounds(first: dt.date) -> tuple[dt.datetime, dt.datetime]:
    nxt = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(first, dt.time(), tzinfo=tz),
        dt.datetime.combine(nxt, dt.time(), tzinfo=tz),
    )


def facts(tickets: Any, start: dt.datetime, end: dt.datetime) -> list[TicketFacts]:
    """The engine's facts for tickets touching ``[start, end)`` (one query)."""
    from django.db.models import OuterRef, Q, Subquery

    from jiazhou_web.tickets.models import Ticket

    # the original ticket's unit of a repeat as a subquery per row, not a join: almost no ticket
    # is a repeat, and the outer join made PostgreSQL hash the whole table for them
    original_unit = Ticket.objects.filter(pk=OuterRef("repeat_of_id")).values("unit_id")[:1]
    rows = (
        tickets.filter(
            Q(response_due_at__gte=start, response_due_at__lt=end)
            | Q(callback_at__gte=start, callback_at__lt=end)
            | Q(repeat_of__isnull=False, received_at__gte=start, received_at__lt=end)
        )
        .filter(unit__isnull=False)
        .annotate(repeat_of_unit=Subquery(original_unit))
        .order_by()  # the engine does not need them sorted
        .values_list(
            "unit_id",
            "response_due_at",
            "first_contact_at",
            "callback_at",
            "outcome",
            "satisfaction",
            "received_at",
            "repeat_of_unit",
        )
    )
    return [
        TicketFacts(
            unit=u,
            response_due_at=due,
            first_contact_at=contact,
            callback_at=cb,
            resolved=None if not outcome else outcome == Outcome.RESOLVED,
            satisfaction=level,
            received_at=received,
            repeat_of_unit=rep,
        )
        for u, due, contact, cb, outcome, level, received, rep in rows
    ]


@dataclass
class UnitRow:
    unit: Department
    rates: UnitRates
    ranked: RankedUnit | None = None


def unit_rates(tickets: Any, first: dt.date) -> list[UnitRow]:
    start, end = month_bounds(first)
    by_unit = three_rates(facts(tickets, start, end), start, end)
    units = Department.objects.in_bulk(list(by_unit))
    rows = [UnitRow(units[u], r) for u, r in by_unit.items() if u in units]
    rows.sort(key=lambda r: (r.rates.score is None, -(r.rates.score or 0), r.unit.code))
    return rows


def boards(tickets: Any, first: dt.date) -> list[tuple[str, list[UnitRow]]]:
    """Each peer group's units ranked by composite score with their board (红/黑榜)."""
    rows = unit_rates(tickets, first)
    out = []
    for kind, label in PEER_GROUPS:
        group = {r.unit.pk: r for r in rows if r.unit.kind == kind}
        ranked = rank_peer_group({pk: r.rates.score for pk, r in group.items()})
        ordered = []
        for item in ranked:
            row = group[item.unit]  # type: ignore[index]
            row.ranked = item
            ordered.append(row)
        out.append((label, ordered))
    return out


@dataclass
class Analysis:
    """诉求分析 of a month: volume by channel, top categories (类别 › 子类), repeats."""

    received: int
    closed: int
    by_channel: list[tuple[str, int]]
    top_categories: list[tuple[str, int]]
    repeats: list[Any]


def analysis(tickets: Any, first: dt.date, top: int = 5) -> Analysis:
    from django.db.models import Count

    from jiazhou_web.tickets.choices import Channel

    start, end = month_bounds(first)
    month = tickets.filter(received_at__gte=start, received_at__lt=end)
    channels = dict(Channel.choices)
    by_channel = [
        (str(channels.get(c, c)), n)
        for c, n in month.values_list("channel").annotate(n=Count("id")).order_by("-n", "channel")
    ]
    categories = (
        month.filter(leaf__isnull=False)
        .values_list("leaf__parent__path")
        .annotate(n=Count("id"))
        .order_by("-n", "leaf__parent__path")[:top]
    )
    repeats = list(
        month.filter(repeat_of__isnull=False)
        .select_related("repeat_of", "enterprise", "leaf")
        .order_by("received_at")[:50]
    )
    closed = tickets.filter(closed_at__gte=start, closed_at__lt=end).count()
    return Analysis(month.count(), closed, by_channel, list(categories), repeats)


def overdue_ids(tickets: Any, at: dt.datetime) -> list[int]:
    """Open tickets whose handling clock has run out at ``at`` (督办): the stored due instant
    compared with the engine's cutoff (``TicketQuerySet.overdue``, one index range)."""
    return list(tickets.overdue(at).order_by("pk").values_list("pk", flat=True))


def computed_overdue_ids(tickets: Any, at: dt.datetime) -> list[int]:
    """The same set computed from the clock rows in bulk with :func:`jiazhou.tickets.sla_states`
    (three queries whatever the number, but every open clock evaluated in Python): what the
    stored ``handling_due_at`` is checked against."""
    from jiazhou.tickets import handling_clock, sla_states
    from jiazhou.worktime import Extension, Pause
    from jiazhou_web.tickets import catalogue, clocks
    from jiazhou_web.tickets.choices import ExtensionState, TicketState
    from jiazhou_web.tickets.models import Dispatch, ExtensionRequest, PauseInterval

    open_states = [
        TicketState.DISPATCHED,
        TicketState.SIGNED,
        TicketState.HANDLING,
        TicketState.PAUSED,
    ]
    open_tickets = tickets.filter(state__in=open_states, dispatched_at__isnull=False)
    rows = list(open_tickets.values_list("pk", "tier", "leaf__version_id"))
    if not rows:
        return []
    # the current dispatch of each open ticket (its dispatched_at equals the ticket's)
    current: dict[int, tuple[int, dt.datetime]] = {}
    for pk, ticket_id, dispatched_at in (
        Dispatch.objects.filter(ticket__in=open_tickets.values("pk"))
        .order_by("dispatched_at", "id")
        .values_list("pk", "ticket_id", "dispatched_at")
    ):
        current[ticket_id] = (pk, dispatched_at)
    pauses: dict[int, list[Pause]] = {}
    for dispatch_id, started, ended, reason in PauseInterval.objects.filter(
        ticket__in=open_tickets.values("pk")
    ).values_list("dispatch_id", "started_at", "ended_at", "reason"):
        pauses.setdefault(dispatch_id, []).append(Pause(started, ended, reason))
    exts: dict[int, list[Extension]] = {}
    for dispatch_id, decided, days, reason, requested in ExtensionRequest.objects.filter(
        ticket__in=open_tickets.values("pk"),
        state=ExtensionState.APPROVED,
        decided_at__isnull=False,
    ).values_list("dispatch_id", "decided_at", "working_days", "reason", "requested_at"):
        exts.setdefault(dispatch_id, []).append(
            Extension(decided, days, reason, requested_at=requested)  # type: ignore[arg-type]
        )
    from jiazhou_web.tickets.models import CatalogueVersion

    rows = [r for r in rows if r[0] in current]  # every dispatched ticket has its row
    versions = CatalogueVersion.objects.in_bulk()
    tiers: dict[tuple[int | None, str], Any] = {}
    cal = clocks.calendar()
    clock_list = []
    for pk, tier_code, version_id in rows:
        dispatch_id, dispatched_at = current[pk]
        tier = tiers.get((version_id, tier_code))
        if tier is None:
            version = versions.get(version_id) if version_id else None
            tier = catalogue.tier_of(version, tier_code) if version else clocks.DEFAULT_TIER
            tiers[(version_id, tier_code)] = tier
        clock_list.append(
            handling_clock(
                cal,
                dispatched_at,
                tier.handling_days,
                pauses=tuple(pauses.get(dispatch_id, ())),
                extensions=tuple(exts.get(dispatch_id, ())),
            )
        )
    states = sla_states(clock_list, cal, at)
    return [row[0] for row, state in zip(rows, states, strict=True) if state == "overdue"]
