"""The target status table's rows, written in Python.

The city's target dashboard lists about 70 targets; each row was an include of the light, a
``{% url %}`` and a dozen filtered values, and the rows were about half of the page's time.
The HTML is what ``monitoring/includes/status_table.html`` wrote
(``tests/test_status_rows.py`` keeps the template as the reference and compares, in both
languages); every value is escaped by ``format_html``.
"""

from __future__ import annotations

from typing import Any

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext

from jiazhou_web.core.templatetags.zh import measure, num, period, said

_DASH = "—"


def light_html(light: str, label: str) -> SafeString:
    """``monitoring/includes/light.html``: the coloured dot and the light's name."""
    return format_html(
        '<span class="light light-{}" aria-hidden="true"></span> '
        '<span data-testid="light" data-light="{}">{}</span>\n',
        light,
        light,
        label,
    )


def _pct(value: Any) -> Any:
    return _DASH if value is None else format_html("{}%", floatformat(value, 1))


def _current(s: Any, ev: Any) -> Any:
    if ev.current_value is None:
        return _DASH
    basis = format_html(" · {}", s.basis_label) if s.basis_label else ""
    return format_html(
        '{}<div class="small text-muted">{}{}</div>',
        num(ev.current_value),
        period(ev.current_period),
        basis,
    )


def _schedule(ev: Any) -> Any:
    if ev.schedule_pct is not None:
        return _pct(ev.schedule_pct)
    return _pct(ev.elapsed_pct)


def row_html(row: dict[str, Any]) -> SafeString:
    """One target's ``<tr>`` (``row`` as ``monitoring.views._rows`` builds it)."""
    s, ev = row["status"], row["ev"]
    target = s.target
    synthetic = (
        format_html(' <span class="jz-synthetic">{}</span>', pgettext("badge", "Synthetic data"))
        if s.synthetic
        else ""
    )
    threshold = (
        format_html(" {}", measure(ev.threshold, target.unit)) if ev.threshold is not None else ""
    )
    links = format_html_join(
        "",
        '<a class="d-block" href="{}" data-testid="explain-link"><i class="bi bi-{}"></i> {}</a>',
        ((link.url, link.icon, link.label) for link in row["links"]),
    )
    return format_html(
        '\n<tr data-testid="status-row" data-light="{}" data-target="{}">\n'
        '<td class="text-nowrap">{}</td>\n'
        '<td style="min-width:10rem"><a href="{}">{}</a>{}</td>\n'
        '<td class="text-nowrap">{}</td>\n'
        '<td style="min-width:9rem">{} · {}{}</td>\n'
        '<td class="num">{}</td>\n'
        '<td class="num">{}</td>\n'
        '<td class="num">{}</td>\n'
        '<td class="num">{}</td>\n'
        '<td class="num">{}</td>\n'
        '<td class="small" style="min-width:22rem">{}</td>\n'
        '<td class="small text-nowrap">{}</td>\n'
        "</tr>",
        s.light,
        target.code,
        light_html(s.light, s.light_label),
        reverse("monitoring:indicator_detail", args=[target.indicator.code]),
        target.indicator.name,
        synthetic,
        target.region,
        target.target_year,
        target.comparator_text or target.comparator,
        threshold,
        _current(s, ev),
        _pct(ev.attainment_pct),
        _pct(ev.progress_pct),
        _schedule(ev),
        _DASH if ev.gap is None else floatformat(ev.gap, "-2"),
        said(ev, "explanation"),
        links,
    )


def rows_html(rows: list[dict[str, Any]]) -> SafeString:
    """The table body's rows, joined."""
    return mark_safe("".join(row_html(row) for row in rows))  # noqa: S308 - each row escaped
