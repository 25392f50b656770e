"""企业诉求 keeps each running ticket's handling due instant (``Ticket.handling_due_at``), which
the engine computes on the working calendar: when the holiday table changes, it is computed
again for every running ticket so the 超期 query keeps agreeing with the clocks."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch

from jiazhou.tickets import running_due
from jiazhou_web.tickets import clocks
from jiazhou_web.tickets.models import RUNNING_STATES, Dispatch, Ticket


def recompute(at: dt.datetime) -> int:
    """Recompute the stored due instant of every running ticket (rows locked); returns how many
    changed. Paused tickets keep none, so they need nothing."""
    ids = list(
        Ticket.objects.select_for_update()
        .filter(state__in=RUNNING_STATES)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    cal = clocks.calendar()
    changed = []
    for start in range(0, len(ids), 2000):
        rows = (
            Ticket.objects.filter(pk__in=ids[start : start + 2000])
            .select_related("leaf__version")
            .prefetch_related(
                Prefetch(
                    "dispatches",
                    queryset=Dispatch.objects.prefetch_related("pauses", "extensions").order_by(
                        "dispatched_at", "id"
                    ),
                )
            )
        )
        for t in rows:
            dispatches = list(t.dispatches.all())
            due = (
                running_due(clocks.handling_clock_for(t, dispatches[-1], cal=cal), cal, at)
                if dispatches
                else None
            )
            if due != t.handling_due_at:
                t.handling_due_at = due
                changed.append(t)
    Ticket.objects.bulk_update(changed, ["handling_due_at"], batch_size=1000)
    return len(changed)
