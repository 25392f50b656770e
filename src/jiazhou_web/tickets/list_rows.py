"""The officers' ticket list rows and the clock badge, written in Python.

On the 50-row list the per-cell template nodes (and the clock include per row) were half of
the page's time. The HTML is what ``tickets/index.html`` and ``tickets/_clock.html`` wrote
(``tests/test_list_rows.py`` renders both and compares); every value is escaped by
``format_html``.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext

from jiazhou.humanize import local_datetime

_DASH = "—"
_NO_CLOCK = mark_safe('<span class="text-muted">—</span>')


def _clock_text(state: str, state_zh: str) -> str:
    if state == "running":
        return gettext("Clock running")
    if state == "paused":
        return gettext("Clock paused (supplements)")
    if state == "overdue":
        return pgettext("ticket clock", "Overdue")
    if state == "completed_on_time":
        return gettext("Closed on time")
    if state == "completed_late":
        return gettext("Closed late")
    return state_zh


def _tone(state: str, elapsed_pct: float) -> str:
    if state in ("overdue", "completed_late"):
        return "text-bg-danger"
    if state == "paused":
        return "text-bg-secondary"
    return "text-bg-warning" if elapsed_pct >= 80 else "text-bg-success"


def clock_badge(clock: Any) -> SafeString:
    """The handling clock as a coloured badge and its due instant; a dash without a clock."""
    if not clock:
        return _NO_CLOCK
    r = clock.report
    return format_html(
        '<span class="badge {}" data-testid="clock">{}</span> <small class="text-muted">{}{}'
        "</small>",
        _tone(r.state, r.elapsed_pct),
        _clock_text(r.state, r.state_zh),
        gettext("due "),
        local_datetime(r.due_at),
    )


def row_html(t: Any) -> SafeString:
    """One ticket's ``<tr>`` of the officers' list (``state_label`` and ``channel_label`` are
    set by the view, ``clock`` by ``_annotate_clocks``)."""
    return format_html(
        '<tr><td><a href="{}">{}</a>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        reverse("tickets:detail", args=[t.pk]),
        t.number,
        format_html(
            ' <span class="badge text-bg-warning">{}</span>', pgettext("ticket badge", "Repeat")
        )
        if t.repeat_of_id
        else "",
        t.title,
        t.enterprise.name if t.enterprise else t.caller_name,
        t.channel_label,
        (t.leaf.name if t.leaf is not None else "") or _DASH,
        (t.unit.name if t.unit is not None else "") or _DASH,
        t.state_label,
        clock_badge(getattr(t, "clock", None)),
        local_datetime(t.received_at),
    )
