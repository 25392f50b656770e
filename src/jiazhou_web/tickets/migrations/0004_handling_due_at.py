"""The running handling clock's due instant on the ticket row, indexed with the state, so that
超期 is one index range instead of every open clock evaluated in Python (issue 15).

Existing rows are filled with the engine (``jiazhou.tickets.running_due``) on the working
calendar of the holiday table, from each ticket's current dispatch, its 补正 pauses and its
approved 延期 — the same facts ``tickets.clocks.handling_due_for`` reads. Self-contained (only
historical models and the pure engine), so it runs on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

BATCH = 1000
WITH_A_UNIT = ("dispatched", "signed", "handling", "paused")


def fill(apps: Any, schema_editor: Any) -> None:
    from django.utils import timezone

    from jiazhou.tickets import Tier, handling_clock, running_due
    from jiazhou.worktime import Extension, HolidayRecord, Pause, WorkingCalendar

    Ticket = apps.get_model("tickets", "Ticket")
    Dispatch = apps.get_model("tickets", "Dispatch")
    Holiday = apps.get_model("supervision", "Holiday")
    alias = schema_editor.connection.alias
    open_tickets = Ticket.objects.using(alias).filter(
        state__in=WITH_A_UNIT, dispatched_at__isnull=False
    )
    if not open_tickets.exists():
        return
    calendar = WorkingCalendar.from_records(
        HolidayRecord(
            day=h.day,
            kind="holiday" if h.kind == "holiday" else "workday",
            name=h.name,
            name_zh=h.name_zh,
            year=h.year,
            source=h.source,
        )
        for h in Holiday.objects.using(alias).order_by("day")
    )
    default = Tier("general", "一般类", response_hours=7, handling_days=5)
    now = timezone.now()
    ids = list(open_tickets.order_by("pk").values_list("pk", flat=True))
    for i in range(0, len(ids), BATCH):
        rows = list(
            Ticket.objects.using(alias)
            .filter(pk__in=ids[i : i + BATCH])
            .select_related("leaf__version")
        )
        current: dict[int, Any] = {}
        for d in (
            Dispatch.objects.using(alias)
            .filter(ticket__in=rows)
            .prefetch_related("pauses", "extensions")
            .order_by("dispatched_at", "id")
        ):
            current[d.ticket_id] = d  # the latest dispatch wins
        for t in rows:
            dispatch = current.get(t.pk)
            if dispatch is None:
                t.handling_due_at = None
                continue
            tiers = t.leaf.version.tiers if t.leaf_id else {}
            data = tiers.get(t.tier) or tiers.get("general")
            tier = Tier(code=t.tier, **data) if data else default
            replied = t.replied_at
            clock = handling_clock(
                calendar,
                dispatch.dispatched_at,
                tier.handling_days,
                pauses=tuple(
                    Pause(p.started_at, p.ended_at, p.reason)
                    for p in sorted(dispatch.pauses.all(), key=lambda p: (p.started_at, p.pk))
                ),
                extensions=tuple(
                    Extension(e.decided_at, e.working_days, e.reason, requested_at=e.requested_at)
                    for e in dispatch.extensions.all()
                    if e.state == "approved"
                ),
                replied_at=replied if replied and replied >= dispatch.dispatched_at else None,
            )
            t.handling_due_at = running_due(clock, calendar, now)
        Ticket.objects.using(alias).bulk_update(rows, ["handling_due_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0002_seed_holidays"),
        ("tickets", "0003_list_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="ticket",
            name="handling_due_at",
            field=models.DateTimeField(
                blank=True,
                help_text="办理时限计时中的到期时刻（由时限引擎计算；补正暂停或未在办理中时为空）",
                null=True,
                verbose_name="办理时限",
            ),
        ),
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(
                fields=["state", "handling_due_at"], name="tickets_state_handling_due"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
