"""Declarative tables: the columns a list page shows, chooses and exports.

A ``Table`` subclass lists its ``Column``s once; the list page, the column chooser and the Excel
export all read that list, so the export contains exactly what the page shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from django.template.base import render_value_in_context
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from jiazhou.humanize import local_datetime

_NUM = mark_safe(' class="num"')


@dataclass(frozen=True)
class Column:
    """One column: a key, a label and how to read the value from a row object."""

    name: str
    label: str | Promise
    accessor: str | Callable[[Any], Any] | None = None
    link: bool = False
    default: bool = True
    numeric: bool = False

    def value(self, obj: Any) -> Any:
        """The cell value: a dotted attribute path (calling ``get_*_display`` style callables)."""
        if callable(self.accessor):
            return self.accessor(obj)
        value: Any = obj
        for part in (self.accessor or self.name).split("."):
            value = getattr(value, part, None)
            if callable(value):
                value = value()
            if value is None:
                return None
        return value


def display(value: Any) -> Any:
    """A value as a spreadsheet cell or page text: Decimals stay exact, booleans read 是/否."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return value.normalize() if value == value.to_integral() else value
    return value


class Table:
    """Rows plus the chosen columns."""

    columns: ClassVar[Sequence[Column]] = ()

    def __init__(self, rows: Iterable[Any], selected: Sequence[str] | None = None) -> None:
        self.rows = rows
        known = {c.name for c in self.columns}
        chosen = [name for name in (selected or []) if name in known]
        self.visible = (
            [c for c in self.columns if c.name in chosen]
            if chosen
            else [c for c in self.columns if c.default]
        )

    @property
    def visible_names(self) -> list[str]:
        return [c.name for c in self.visible]

    def cells(self, obj: Any) -> list[tuple[Column, Any]]:
        """(column, value) for each visible column of one row."""
        return [(c, display(c.value(obj))) for c in self.visible]

    def row_html(self, obj: Any, context: Any) -> SafeString:
        """One row's ``<td>`` cells, written as ``core/includes/table_row.html`` writes them
        (localised, escaped, the link column to the row's page) without a template node per
        cell, and the row's URL reversed once: on a 50-row page the cell templates were the
        larger part of the page's time."""
        url: Any = None
        parts = []
        for column, value in self.cells(obj):
            text = render_value_in_context("" if value is None else value, context)
            if column.link:
                if url is None:
                    link = getattr(obj, "get_absolute_url", None)
                    url = (link() if callable(link) else link) or ""
                if url:
                    text = format_html('<a href="{}">{}</a>', url, text)
            parts.append(format_html("<td{}>{}</td>", _NUM if column.numeric else "", text))
        return mark_safe("".join(parts))  # noqa: S308 - every part is format_html output

    def matrix(self) -> tuple[list[str], list[list[Any]]]:
        """Header labels and cell values for every row, for the Excel export."""
        header, body = self.stream()
        return header, list(body)

    def stream(self, chunk_size: int = 2000) -> tuple[list[str], Iterator[list[Any]]]:
        """Header labels and a generator of cell values, reading a queryset in chunks
        (prefetches included): an export of any length holds one chunk in memory."""
        header = [str(c.label) for c in self.visible]
        rows = self.rows
        model = getattr(rows, "model", None)
        readers = [_fast_reader(c, model) for c in self.visible]
        if isinstance(rows, QuerySet):
            rows = rows.iterator(chunk_size=chunk_size)
        return header, ([display(read(obj)) for read in readers] for obj in rows)


def _fast_reader(column: Column, model: Any) -> Callable[[Any], Any]:
    """``column.value``, except that a ``get_<field>_display`` column reads its labels from a
    table built once: Django's own method rebuilds (and hashes) the choices on every call,
    which was a third of a 10,000-row export."""
    accessor = column.accessor
    if not (
        model is not None
        and isinstance(accessor, str)
        and accessor.startswith("get_")
        and accessor.endswith("_display")
        and "." not in accessor
    ):
        return column.value
    name = accessor[len("get_") : -len("_display")]
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return column.value
    if not getattr(field, "flatchoices", None):
        return column.value
    labels = {key: str(label) for key, label in field.flatchoices}
    attname = field.attname

    def read(obj: Any) -> Any:
        value = getattr(obj, attname)
        return labels.get(value, value)

    return read


class AuditLogTable(Table):
    columns = (
        Column("event_time", "时间", lambda e: local_datetime(e.event_time, seconds=True)),
        Column("actor_name", "操作人"),
        Column("event", "事件", lambda e: e.event_label),
        Column("object_repr", "对象"),
        Column(
            "changes",
            "变更",
            lambda e: "；".join(f"{k}：{a} → {b}" for k, a, b in e.readable_changes()),
        ),
        Column(
            "extra",
            "说明",
            lambda e: e.readable_extra(),
            default=False,
        ),
    )
