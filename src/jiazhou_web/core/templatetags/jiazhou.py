"""Template helpers of the page shell."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from jiazhou_web.core.tables import Table

register = template.Library()


@register.simple_tag(takes_context=True)
def table_row(context: Any, table: Table, row: Any) -> SafeString:
    """A row's cells (:meth:`Table.row_html`)."""
    return table.row_html(row, context)


@register.filter
def page_numbers(page: Any, around: int = 2) -> list[int | None]:
    """Page numbers to link: first, last and ``around`` either side of the current one;
    ``None`` marks a gap (shown as …)."""
    last = page.paginator.num_pages
    wanted = {1, last, *range(page.number - around, page.number + around + 1)}
    shown = sorted(n for n in wanted if 1 <= n <= last)
    out: list[int | None] = []
    for n in shown:
        if out and out[-1] is not None and n - out[-1] > 1:
            out.append(None)
        out.append(n)
    return out
