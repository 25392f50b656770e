"""PostgreSQL ``timestamptz`` values parsed by psycopg's C loader (Django ticket #36960).

Django's psycopg 3 support registers, on every connection, a ``timestamptz`` loader derived
from psycopg's pure-Python one (so that it can set the time zone of what it returns): each
timestamp read then costs about 3.6 µs instead of 0.4 µs with psycopg's binary build. A list
page reads hundreds of them and the 三率 page thousands (a month's tickets: 30 ms a request).

:class:`FastTzLoader` keeps Django's contract exactly — the instant parsed in the connection's
time zone, its ``tzinfo`` replaced by Django's (``timezone`` attribute, which Django's
``create_cursor`` compares) — and parses with the optimised class psycopg itself substitutes
for its Python loader (what its global adapters map holds). Without the
binary build it is the Python loader, as before. Installed when a connection opens
(:func:`install`, connected in ``CoreConfig.ready``).
"""

from __future__ import annotations

from typing import Any

import psycopg
from django.db.backends.postgresql.psycopg_any import BaseTzLoader
from psycopg.pq import Format
from psycopg.types.datetime import TimestamptzLoader

TIMESTAMPTZ = "timestamptz"


def _optimised_class() -> type[Any]:
    """The class psycopg's global adapters use for ``timestamptz`` text: its C build's
    (registered as ``TimestamptzLoader``, substituted by psycopg) when installed."""
    oid = psycopg.adapters.types[TIMESTAMPTZ].oid
    return psycopg.adapters.get_loader(oid, Format.TEXT) or TimestamptzLoader


OPTIMISED = _optimised_class()


class FastTzLoader(BaseTzLoader):
    """Django's ``BaseTzLoader`` whose parsing is psycopg's optimised loader."""

    def __init__(self, oid: int, context: Any = None) -> None:
        super().__init__(oid, context)
        self._parse = OPTIMISED(oid, context).load

    def load(self, data: Any) -> Any:
        value = self._parse(data)
        # in a UTC session the parsed value already carries ``datetime.timezone.utc``, the
        # connection's zone: no copy (a page of 三率 reads ~100,000 timestamps)
        if value.tzinfo is self.timezone:
            return value
        return value.replace(tzinfo=self.timezone)


def loader_for(tz: Any) -> type[FastTzLoader]:
    return type("SpecificFastTzLoader", (FastTzLoader,), {"timezone": tz})


def install(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created``: replace Django's loader on a new PostgreSQL connection with the
    same contract (same ``timezone``) parsed in C."""
    if connection.vendor != "postgresql":
        return
    adapters = connection.connection.adapters
    current = adapters.get_loader(adapters.types[TIMESTAMPTZ].oid, Format.TEXT)
    tz = getattr(current, "timezone", connection.timezone)
    adapters.register_loader(TIMESTAMPTZ, loader_for(tz))
