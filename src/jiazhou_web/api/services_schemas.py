"""The shapes of the later capabilities' records in the open API, each made from one field list.

A :class:`Shape` names a model and the fields an API client gets; from that one list come the
OpenAPI component (a pydantic model, ``schemas.Out``) and the function that turns a row into its answer, so
the two cannot drift apart. The mapping follows ``schemas.py``: exact quantities are decimal
strings, dates ISO 8601, instants with their offset; a coded field ``x`` is followed by
``x_label``, its Chinese name; a link to an enterprise is ``{id, uscc, name}``, to a region
``{code, name}``, to anything else its id (``x_id``). Fields left out on purpose (phone
numbers, bank accounts, full ID numbers) are simply not listed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from ninja import Field
from pydantic import create_model

from jiazhou_web.api.schemas import Out, PageOut, RegionRef

SCALARS: dict[str, Any] = {
    "AutoField": int,
    "BigAutoField": int,
    "CharField": str,
    "SlugField": str,
    "TextField": str,
    "DecimalField": str,
    "DateField": dt.date,
    "DateTimeField": dt.datetime,
    "IntegerField": int,
    "BigIntegerField": int,
    "PositiveIntegerField": int,
    "PositiveSmallIntegerField": int,
    "SmallIntegerField": int,
    "BooleanField": bool,
    "JSONField": Any,
}


class FirmRef(Out):
    """An enterprise named by a record (a firm not yet registered may have no USCC on file)."""

    id: int
    uscc: str | None
    name: str


def decimal_text(value: Decimal | None) -> str | None:
    """``Decimal('100.00')`` → ``"100"`` (never ``"1E+2"``), ``None`` stays ``None``."""
    if value is None:
        return None
    return format(value.normalize(), "f")


def enterprise_ref(e: Any) -> dict[str, Any] | None:
    return None if e is None else {"id": e.pk, "uscc": e.uscc, "name": e.name}


def region_ref(r: Any) -> dict[str, Any] | None:
    return None if r is None else {"code": r.code, "name": r.name}


@dataclass(frozen=True)
class Computed:
    """A field not stored on the model: its name, type and how it is read from a row."""

    name: str
    type: Any
    read: Callable[[Any], Any]
    description: str = ""


@dataclass
class Shape:
    name: str
    model: type[models.Model]
    fields: Sequence[str]
    computed: Sequence[Computed] = ()
    _readers: list[tuple[str, Callable[[Any], Any]]] = field(default_factory=list, init=False)
    _schema: Any = field(default=None, init=False)

    def __post_init__(self) -> None:
        specs: dict[str, Any] = {}
        for name in self.fields:
            f = self.model._meta.get_field(name)
            assert isinstance(f, models.Field), name
            for key, annotation, reader in _columns(f):
                label = str(f.verbose_name)
                if key.endswith("_label") and key != name:
                    label += "（中文名称 / Chinese label）"
                specs[key] = (annotation, Field(..., description=label))
                self._readers.append((key, reader))
        for c in self.computed:
            specs[c.name] = (c.type, Field(..., description=c.description))
            self._readers.append((c.name, c.read))
        self._schema = create_model(self.name, __base__=Out, **specs)

    @property
    def schema(self) -> Any:
        """The ninja schema of one row (an OpenAPI component named after the shape)."""
        return self._schema

    @property
    def page(self) -> Any:
        """``PageOut`` of this shape (a component ``PageOut_<name>_``)."""
        return PageOut.__class_getitem__(self._schema)

    @property
    def related(self) -> list[str]:
        """The links read by the answer (for ``select_related``: a constant number of queries)."""
        out = []
        for name in self.fields:
            f = self.model._meta.get_field(name)
            if isinstance(f, models.ForeignKey) and _ref_kind(f) is not None:
                out.append(name)
        return out

    def out(self, row: Any) -> dict[str, Any]:
        return {key: read(row) for key, read in self._readers}

    def each(self, rows: list[Any]) -> list[dict[str, Any]]:
        return [self.out(row) for row in rows]


def _ref_kind(f: models.ForeignKey[Any, Any]) -> str | None:
    label = f.related_model._meta.label if f.related_model is not None else ""
    return {"enterprises.Enterprise": "enterprise", "regions.Region": "region"}.get(label)


def _columns(f: models.Field[Any, Any]) -> list[tuple[str, Any, Callable[[Any], Any]]]:
    """(key, annotation, reader) of one model field: one column, two with a label."""
    name = f.name
    nullable = bool(f.null)
    if isinstance(f, models.ForeignKey):
        kind = _ref_kind(f)
        if kind == "enterprise":
            ann: Any = FirmRef | None if nullable else FirmRef
            return [(name, ann, lambda row: enterprise_ref(getattr(row, name)))]
        if kind == "region":
            ann = RegionRef | None if nullable else RegionRef
            return [(name, ann, lambda row: region_ref(getattr(row, name)))]
        key = f"{name}_id"
        return [(key, int | None if nullable else int, lambda row: getattr(row, key))]
    base = SCALARS[f.get_internal_type()]
    ann = base | None if nullable and base is not Any else base
    if f.get_internal_type() == "DecimalField":

        def read(row: Any) -> Any:
            return decimal_text(getattr(row, name))

    else:

        def read(row: Any) -> Any:
            return getattr(row, name)

    columns: list[tuple[str, Any, Callable[[Any], Any]]] = [(name, ann, read)]
    if f.choices:
        labels = {k: str(v) for k, v in f.flatchoices}

        def label(row: Any) -> Any:
            value = getattr(row, name)
            return None if value is None else labels.get(value, str(value))

        columns.append((f"{name}_label", str | None if nullable else str, label))
    return columns
