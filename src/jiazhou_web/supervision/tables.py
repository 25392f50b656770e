"""Columns of the item and notice lists (also their Excel exports)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.tables import Column, Table
from jiazhou_web.supervision.lights import LightLabel, LightReading, lights_for, read_light
from jiazhou_web.supervision.working_calendar import current_calendar


def item_reading(item: Any) -> LightReading:
    """The item's light now, computed once per row object."""
    cached: LightReading | None = getattr(item, "_reading", None)
    if cached is None:
        cached = read_light(item, timezone.now(), current_calendar())
        item._reading = cached
    return cached


def _elapsed(item: Any) -> Any:
    pct = item_reading(item).elapsed_pct
    return None if pct is None else round(pct)


def _respond_by(notice: Any) -> Any:
    if getattr(notice, "respond_by_provisional", False):
        return f"{notice.respond_by.isoformat()}（暂定）"
    return notice.respond_by


class ItemTable(Table):
    """Items with their lights, all read in a fixed number of queries for the whole page."""

    def __init__(self, rows: Iterable[Any], selected: Sequence[str] | None = None) -> None:
        rows = list(rows)
        super().__init__(rows, selected)
        readings = lights_for(rows, timezone.now(), current_calendar())
        for row in rows:
            row._reading = readings[row.pk]

    columns = (
        Column("light", _("Light"), lambda i: LightLabel.of(item_reading(i))),
        Column("code", _("Item number"), link=True),
        Column("title", _("Title"), link=True),
        Column("task_list", pgettext_lazy("supervision", "List"), "task_list.title", default=False),
        Column("category", _("Category")),
        Column("lead_unit", _("Lead unit"), "lead_unit.name"),
        Column(
            "partner_units",
            _("Partner units"),
            lambda i: "、".join(p.name for p in i.partner_units.all()),
            default=False,
        ),
        Column("owner", _("Responsible person"), default=False),
        Column("stage", _("Stage"), "get_stage_display"),
        Column("percent_done", _("Percent done"), numeric=True),
        Column("elapsed", _("Time-elapsed %"), _elapsed, numeric=True),
        Column("start_date", _("Start date"), default=False),
        Column("deadline", _("Deadline")),
        Column(
            "indicators",
            _("Indicators"),
            lambda i: "、".join(x.code for x in i.indicator_links.all()),
            default=False,
        ),
        Column(
            "synthetic",
            _("Synthetic data"),
            lambda i: gettext("Synthetic data") if i.synthetic else "",
        ),
    )


class NoticeTable(Table):
    """Notices; a reply date computed on a provisional (暂定) calendar year says so."""

    def __init__(self, rows: Iterable[Any], selected: Sequence[str] | None = None) -> None:
        rows = list(rows)
        super().__init__(rows, selected)
        calendar = current_calendar()
        for row in rows:
            row.respond_by_provisional = calendar.is_provisional(row.respond_by)

    columns = (
        Column("number", _("Number"), link=True),
        Column("kind", _("Colour"), "get_kind_display"),
        Column("item", _("Item"), lambda n: str(n.item)),
        Column("unit", _("Lead unit"), "item.lead_unit.name"),
        Column("level", _("Escalation level"), numeric=True),
        Column("status", _("Status"), "get_status_display"),
        Column("issued_on", _("Issued on")),
        Column("respond_by", _("Reply due"), _respond_by),
        Column("reason", _("Reason"), default=False),
        Column("answer", _("Answer"), default=False),
    )
