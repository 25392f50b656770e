"""Template helpers of the page shell."""

from __future__ import annotations

from typing import Any

from django import template

from jiazhou_web.core.tables import Column, Table

register = template.Library()


@register.filter
def table_cells(row: Any, table: Table) -> list[tuple[Column, Any]]:
    """(column, value) pairs of a row for the visible columns."""
    return table.cells(row)
