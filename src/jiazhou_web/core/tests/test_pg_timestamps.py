"""Timestamps read on PostgreSQL with the C-parsed loader are the values Django's own loader
gives (core/pg_timestamps.py): same instants, same ``tzinfo``, same refusals."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from psycopg.pq import Format

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the loader is PostgreSQL's (DATABASE_URL)"
    ),
]

LITERALS = [
    "2026-12-07 15:27:52.927405+00",
    "2026-12-31 23:59:59.999999+08",  # Asia/Shanghai's last microsecond of the year
    "2027-01-01 00:00:00+08",
    "2024-02-29 12:00:00-03:30",  # a leap day, an offset with minutes
    "0001-01-02 00:00:00+00",  # a day in: year 1 in every session time zone
    "9999-12-30 12:00:00+00",
    "1900-01-01 08:05:43+08:05:43",  # a historical offset with seconds (LMT)
]


def _read(loader_class: Any, time_zone: str) -> list[Any]:
    """The literals read through ``loader_class`` with the session in ``time_zone``."""
    from psycopg import sql

    connection.ensure_connection()
    raw = connection.connection
    with raw.cursor() as cur:
        cur.execute(sql.SQL("SET TIME ZONE {}").format(sql.Literal(time_zone)))
        cur.adapters.register_loader("timestamptz", loader_class)
        cur.execute(
            "SELECT " + ", ".join("%s::timestamptz" for _ in LITERALS), LITERALS, prepare=False
        )
        row = cur.fetchone()
        cur.execute("SET TIME ZONE 'UTC'")
    assert row is not None
    return list(row)


def test_a_django_connection_reads_timestamps_with_the_c_parsed_loader() -> None:
    from jiazhou_web.core.pg_timestamps import FastTzLoader

    connection.ensure_connection()
    adapters = connection.connection.adapters
    loader = adapters.get_loader(adapters.types["timestamptz"].oid, Format.TEXT)
    assert issubclass(loader, FastTzLoader)
    assert loader.timezone == connection.timezone  # Django's create_cursor compares this
    with connection.cursor() as cur:
        cur.execute("SELECT %s::timestamptz", ["2026-12-07 23:27:52.5+08"])
        (value,) = cur.fetchone()
    assert value == dt.datetime(2026, 12, 7, 15, 27, 52, 500000, tzinfo=dt.UTC)
    assert value.tzinfo is connection.timezone


@pytest.mark.parametrize("time_zone", ["UTC", "Asia/Shanghai", "America/St_Johns"])
@pytest.mark.parametrize("tz", [dt.UTC, None])
def test_the_fast_loader_gives_what_djangos_loader_gives(time_zone: str, tz: Any) -> None:
    """Instant, wall time and tzinfo identical for every literal, in whatever time zone the
    session is (Django's contract: parse in the session's zone, then set ``tzinfo``)."""
    from django.db.backends.postgresql.psycopg_any import BaseTzLoader

    from jiazhou_web.core.pg_timestamps import loader_for

    django_loader = type("DjangoTzLoader", (BaseTzLoader,), {"timezone": tz})
    fast = _read(loader_for(tz), time_zone)
    slow = _read(django_loader, time_zone)
    assert [(v, v.tzinfo) for v in fast] == [(v, v.tzinfo) for v in slow]
    assert all(v.tzinfo is tz for v in fast)


def test_a_timestamp_python_cannot_hold_is_refused_as_django_refuses_it() -> None:
    import psycopg

    from jiazhou_web.core.pg_timestamps import loader_for

    connection.ensure_connection()
    with connection.connection.cursor() as cur:
        cur.adapters.register_loader("timestamptz", loader_for(dt.UTC))
        for literal in ("infinity", "-infinity", "0044-03-15 12:00:00+00 BC"):
            cur.execute("SELECT %s::timestamptz", [literal])
            with pytest.raises(psycopg.DataError):
                cur.fetchone()
