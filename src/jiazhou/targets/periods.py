"""Observation periods in the notation of ``observations.csv``.

``2023`` (calendar year), ``2025-01..2025-08`` (within-year months), ``2023-01-01..2023-11-13``
(to a cut-off date), ``2021..2025`` (cumulative over years), ``asof:2023-11`` (a stock at a
date; also ``asof:2025`` and ``asof:2023-11-13``) and ``unstated``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

__all__ = ["ObservationPeriod", "PeriodKind", "decimal_year", "parse_period", "year_end"]

PeriodKind = Literal["year", "range", "cumulative", "asof", "unstated"]

_YEAR = re.compile(r"^(\d{4})$")
_YEARS = re.compile(r"^(\d{4})\.\.(\d{4})$")
_MONTH = r"(\d{4})-(\d{2})"
_DAY = r"(\d{4})-(\d{2})-(\d{2})"


def year_end(year: int) -> date:
    return date(year, 12, 31)


def decimal_year(day: date) -> float:
    """Position on a continuous year axis; 31 December of Y is exactly ``Y + 1``."""
    length = 366 if calendar.isleap(day.year) else 365
    return day.year + day.timetuple().tm_yday / length


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _point(text: str, *, end: bool) -> date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as its first (or last) day."""
    if m := re.fullmatch(_DAY, text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(_MONTH, text):
        year, month = int(m[1]), int(m[2])
        return _month_end(year, month) if end else date(year, month, 1)
    if m := _YEAR.match(text):
        return year_end(int(m[1])) if end else date(int(m[1]), 1, 1)
    return None


@dataclass(frozen=True)
class ObservationPeriod:
    """A parsed period: what it covers (``start``–``end``) and what kind of figure it dates."""

    notation: str
    kind: PeriodKind
    start: date | None
    end: date | None

    @property
    def is_year_to_date(self) -> bool:
        """A within-year range from 1 January that stops before 31 December (e.g. 1–8月)."""
        return (
            self.kind == "range"
            and self.start is not None
            and self.end is not None
            and self.start == date(self.end.year, 1, 1)
            and self.end != year_end(self.end.year)
        )

    @property
    def is_part_of_a_year(self) -> bool:
        """A within-year range that is not the whole year (1–8月, or 7–12月)."""
        return self.kind == "range" and (
            self.start is None
            or self.end is None
            or self.start != date(self.start.year, 1, 1)
            or self.end != year_end(self.end.year)
        )

    @property
    def year_share(self) -> float | None:
        """Share of its calendar year that a year-to-date range covers (8/12 for 1–8月)."""
        if not self.is_year_to_date or self.end is None:
            return None
        first = date(self.end.year, 1, 1)
        return ((self.end - first).days + 1) / ((year_end(self.end.year) - first).days + 1)


@lru_cache(maxsize=4096)
def parse_period(text: str) -> ObservationPeriod:
    """Parse one period notation; raises ``ValueError`` naming the text otherwise."""
    notation = text.strip()
    start: date | None
    end: date | None
    if notation == "unstated" or notation == "":
        return ObservationPeriod(notation or "unstated", "unstated", None, None)
    if notation.startswith("asof:"):
        end = _point(notation[5:], end=True)
        if end is not None:
            return ObservationPeriod(notation, "asof", None, end)
    elif m := _YEAR.match(notation):
        year = int(m[1])
        return ObservationPeriod(notation, "year", date(year, 1, 1), year_end(year))
    elif m := _YEARS.match(notation):
        start, end = date(int(m[1]), 1, 1), year_end(int(m[2]))
        if start <= end:
            return ObservationPeriod(notation, "cumulative", start, end)
    elif ".." in notation:
        left, right = notation.split("..", 1)
        start, end = _point(left, end=False), _point(right, end=True)
        if start is not None and end is not None and start <= end:
            kind: PeriodKind = "range" if start.year == end.year else "cumulative"
            return ObservationPeriod(notation, kind, start, end)
    raise ValueError(
        f"无法识别的观测期 {text!r}（应为 2023、2025-01..2025-08、2021..2025、asof:2023-11 或 "
        f"unstated） / unrecognised period {text!r} (expected 2023, 2025-01..2025-08, "
        f"2021..2025, asof:2023-11 or unstated)"
    )
