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
    from django.db.models import Q

    rows = (
        tickets.filter(
            Q(response_due_at__gte=start, response_due_at__lt=end)
            | Q(callback_at__gte=start, callback_at__lt=end)
            | Q(repeat_of__isnull=False, received_at__gte=start, received_at__lt=end)
        )
        .filter(unit__isnull=False)
        .values_list(
            "unit_id",
            "response_due_at",
            "first_contact_at",
            "callback_at",
            "outcome",
            "satisfaction",
            "received_at",
            "repeat_of__unit_id",
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
