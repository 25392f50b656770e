"""Whether a number fits the database column it is meant for (defect 3 of issue 11).

A ``DecimalField(max_digits=20, decimal_places=4)`` holds at most 16 digits before the point.
SQLite stores a larger value anyway and every page reading it then fails; PostgreSQL refuses it
with a database error. Forms, imports and actions check here first and say so, zh / en.
"""

from __future__ import annotations

from decimal import Context, Decimal
from typing import Any

from django.db import models

_SQLITE_READ = Context(prec=15)
#: The largest value a 32-bit integer column holds (IntegerField on every backend).
MAX_INTEGER = 2_147_483_647


def digits_of(model: type[models.Model], field_name: str) -> tuple[int, int]:
    """``(max_digits, decimal_places)`` of a model's DecimalField."""
    field = model._meta.get_field(field_name)
    assert isinstance(field, models.DecimalField), f"{model.__name__}.{field_name}"
    return int(field.max_digits or 0), int(field.decimal_places or 0)


def too_large(value: Decimal, max_digits: int, decimal_places: int) -> tuple[str, str] | None:
    """``(zh, en)`` if ``value`` (finite) has more digits before the point than the column
    holds (also once rounded to a binary float, as SQLite stores it)."""
    whole_digits = max_digits - decimal_places
    bound = Decimal(10) ** whole_digits
    # SQLite keeps decimals as binary floats and Django reads them back with 15 significant
    # digits: 9999999999999999 comes back as 1E+16, one digit too many for the column.
    as_read = _SQLITE_READ.create_decimal_from_float(float(value))
    if abs(value) < bound and abs(as_read) < bound:
        return None
    limit = f"{Decimal(10) ** whole_digits:,.0f}"
    return (
        f"数值过大：绝对值须小于 {limit}（最多 {whole_digits} 位整数）",
        f"too large: the absolute value must be below {limit} ({whole_digits} digits before the point)",
    )


def check_fits(value: Any, model: type[models.Model], field_name: str) -> tuple[str, str] | None:
    """:func:`too_large` against the column ``model.field_name``."""
    return too_large(Decimal(value), *digits_of(model, field_name))
