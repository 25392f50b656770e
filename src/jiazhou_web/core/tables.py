"""Declarative tables: the columns a list page shows, chooses and exports.

A ``Table`` subclass lists its ``Column``s once; the list page, the column chooser and the Excel
export all read that list, so the export contains exactly what the page shows.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, QuerySet, prefetch_related_objects, signals
from django.db.models.base import ModelState
from django.db.models.query import ModelIterable
from django.template.base import render_value_in_context
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

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
    """A value as a spreadsheet cell or page text: Decimals stay exact, booleans read 是/否
    (Yes/No on the English switch)."""
    if isinstance(value, bool):
        return pgettext("boolean", "Yes") if value else pgettext("boolean", "No")
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

    def url(self, obj: Any) -> str | None:
        """Where the link column of ``obj``'s row leads: the row's own page."""
        link = getattr(obj, "get_absolute_url", None)
        return link() if callable(link) else link

    def row_html(self, obj: Any, context: Any) -> SafeString:
        """One row's ``<td>`` cells, written as ``core/includes/table_row.html`` writes them
        (localised, escaped, the link column to the row's page) without a template node per
        cell, and the row's URL reversed once: on a 50-row page the cell templates were the
        larger part of the page's time. Plain text (most cells) is escaped directly — what
        ``render_value_in_context`` does to a ``str`` — and the ``<td>`` is joined as text
        around values already escaped (what ``format_html`` would do to them)."""
        url: Any = None
        parts = []
        autoescape = context.autoescape
        for column, value in self.cells(obj):
            if value is None:
                text = ""
            elif type(value) is str:
                text = html.escape(value) if autoescape else value
            else:
                text = render_value_in_context(value, context)
            if column.link:
                if url is None:
                    url = conditional_escape(self.url(obj) or "")
                if url:
                    text = f'<a href="{url}">{text}</a>'
            parts.append(f"<td{_NUM if column.numeric else ''}>{text}</td>")
        return mark_safe("".join(parts))  # noqa: S308 - every value escaped above

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
            rows = light_rows(rows, chunk_size) or rows.iterator(chunk_size=chunk_size)
        return header, ([display(read(obj)) for read in readers] for obj in rows)


def light_rows(rows: QuerySet[Any], chunk_size: int = 2000) -> Iterator[Any] | None:
    """The model instances of ``rows``, read in chunks as ``QuerySet.iterator`` reads them,
    but built from ``values_list`` rows without Django's per-object machinery; ``None`` when
    ``rows`` is a queryset this reader does not know (then Django reads it).

    On a 10,000-row register, building the instances (``Model.__init__`` with its signals and
    a descriptor call per field, then a new Region and Industry per row for
    ``select_related``) cost several times the query itself. Here an instance is its field
    values set directly in ``__dict__`` (what ``Model.from_db`` ends with); the values come
    through the same database converters; annotations are set as Django sets them; a
    ``select_related`` object is built once per key and shared (the code tables: ten
    counties, one industry); prefetches run per chunk as in ``QuerySet.iterator``. So the
    column accessors and lambdas see the same values, and the cells are the same.

    Known: plain model querysets with forward many-to-one ``select_related`` one level deep,
    non-aggregate annotations, no ``only``/``defer``/``distinct``/``extra``/combinators, and
    models without their own ``__init__``/``from_db``, init signals or parent tables."""
    model = rows.model
    query = rows.query
    if (
        rows._iterable_class is not ModelIterable  # noqa: SLF001 - checked, not changed
        or getattr(rows, "_fields", None) is not None
        or getattr(rows, "_known_related_objects", None)
        or query.deferred_loading != (frozenset(), True)
        or query.extra_select
        or query.group_by is not None
        or query.distinct
        or query.combinator
        or not _plain_model(model)
    ):
        return None
    related = query.select_related
    if related is True:
        return None
    relations: list[tuple[str, str, Any, list[str]]] = []
    for name, deeper in (related or {}).items():
        if deeper:
            return None
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        if not (field.many_to_one and field.concrete) or field.unique:
            return None  # a unique relation would also cache the reverse side
        target = field.related_model
        if not _plain_model(target):
            return None
        names = [f.attname for f in target._meta.concrete_fields]
        relations.append((name, field.attname, target, names))
    own = [f.attname for f in model._meta.concrete_fields] + list(query.annotation_select)
    paths = own + [f"{name}__{attname}" for name, _, _, names in relations for attname in names]
    values = rows.values_list(*paths)
    lookups = getattr(rows, "_prefetch_related_lookups", ())
    return _light_iterator(model, own, relations, values, lookups, rows.db, chunk_size)


def _plain_model(model: Any) -> bool:
    return (
        model.__init__ is Model.__init__
        and model.from_db.__func__ is Model.from_db.__func__  # type: ignore[attr-defined]
        and not model._meta.parents
        and not signals.pre_init.has_listeners(model)
        and not signals.post_init.has_listeners(model)
    )


def _light_iterator(
    model: Any,
    own: list[str],
    relations: list[tuple[str, str, Any, list[str]]],
    values: QuerySet[Any],
    lookups: Sequence[Any],
    db: str,
    chunk_size: int,
) -> Iterator[Any]:
    shared: list[dict[Any, Any]] = [{} for _ in relations]
    width = len(own)
    chunk: list[Any] = []
    for row in values.iterator(chunk_size=chunk_size):
        obj = _instance(model, own, row, db)
        if relations:
            cache: dict[str, Any] = {}
            start = width
            for (name, attname, target, names), seen in zip(relations, shared, strict=True):
                key = obj.__dict__[attname]
                end = start + len(names)
                if key is None:
                    cache[name] = None
                else:
                    other = seen.get(key)
                    if other is None:
                        other = seen[key] = _instance(target, names, row[start:end], db)
                    cache[name] = other
                start = end
            obj._state.fields_cache = cache
        chunk.append(obj)
        if len(chunk) >= chunk_size:
            yield from _prefetched(chunk, lookups)
            chunk = []
    if chunk:
        yield from _prefetched(chunk, lookups)


def _instance(model: Any, names: list[str], row: Sequence[Any], db: str) -> Any:
    """What ``Model.from_db`` gives for these values, without ``__init__``."""
    obj = model.__new__(model)
    state = ModelState()
    state.adding = False
    state.db = db
    obj.__dict__.update(zip(names, row, strict=False))
    obj._state = state
    return obj


def _prefetched(chunk: list[Any], lookups: Sequence[Any]) -> list[Any]:
    if lookups:
        prefetch_related_objects(chunk, *lookups)
    return chunk


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
        Column("event_time", _("Time"), lambda e: local_datetime(e.event_time, seconds=True)),
        Column("actor_name", _("Actor")),
        Column("event", _("Event"), lambda e: str(e.event_label)),
        Column("object_repr", _("Object")),
        Column(
            "changes",
            _("Changes"),
            lambda e: "；".join(f"{k}：{a} → {b}" for k, a, b in e.readable_changes()),
        ),
        Column(
            "extra",
            _("Details"),
            lambda e: e.readable_extra(),
            default=False,
        ),
    )
