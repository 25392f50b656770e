"""Reading numbers from query strings and posts without trusting them.

``str.isdigit()`` accepts ``²`` and full-width ``２０２６`` (``int("²")`` then fails) and a
20-digit id overflows the database's integer: :func:`int_param` takes ASCII digits within a
range and answers ``None`` for anything else, so a bad parameter is ignored or refused with a
message — never a 500.
"""

from __future__ import annotations

import re
from typing import Any

_ASCII_INT = re.compile(r"-?[0-9]{1,18}")
#: Largest id a database integer key holds (PostgreSQL bigint, SQLite INTEGER).
MAX_ID = 2**63 - 1


def int_param(raw: Any, *, lo: int = 0, hi: int = MAX_ID) -> int | None:
    """``raw`` as an int if it is plain ASCII digits within ``lo..hi``; ``None`` otherwise."""
    if raw is None:
        return None
    text = str(raw).strip()
    if not _ASCII_INT.fullmatch(text):
        return None
    value = int(text)
    return value if lo <= value <= hi else None


def year_param(raw: Any) -> int | None:
    """A plausible year (2000–2100) or ``None``."""
    return int_param(raw, lo=2000, hi=2100)
