"""Edges of the period notation of observations.csv that the notation tests leave open.

The notation (``jiazhou.targets.periods``): ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` on either
side of ``..``; a bare year on the left starts on 1 January, on the right ends on 31 December.
评价规则说明 「序时进度」: 年度流量的年内累计数按当年已过天数占全年天数计算（如1—8月为243/365）.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from jiazhou.targets import parse_period


def test_a_bare_year_on_the_left_starts_on_1_january() -> None:
    """``2025..2025-08`` is 1 January – 31 August 2025: the same 1–8月 as ``2025-01..2025-08``,
    so a year-to-date range worth 243/365 of the year."""
    period = parse_period("2025..2025-08")
    assert (period.kind, period.start, period.end) == ("range", date(2025, 1, 1), date(2025, 8, 31))
    assert period.is_year_to_date
    assert period.year_share == pytest.approx(243 / 365)


def test_a_bare_year_on_the_right_ends_on_31_december() -> None:
    """``2024-07..2025`` runs to 31 December 2025 (across a year end: cumulative)."""
    period = parse_period("2024-07..2025")
    assert (period.kind, period.start, period.end) == (
        "cumulative",
        date(2024, 7, 1),
        date(2025, 12, 31),
    )


def test_parsed_periods_are_read_only() -> None:
    """``parse_period`` hands out one remembered value per notation (it is cached): a caller
    changing it would change every later reading of that notation, so it cannot be changed."""
    period = parse_period("2025-01..2025-08")
    with pytest.raises(dataclasses.FrozenInstanceError):
        period.end = date(2025, 12, 31)  # type: ignore[misc]
    assert parse_period("2025-01..2025-08").end == date(2025, 8, 31)


@pytest.mark.parametrize("text", ["unstated", "2025", "asof:2025-08", "2021..2025"])
def test_only_a_within_year_range_is_part_of_a_year(text: str) -> None:
    """「part of a year」 is said of a within-year range only (1–8月, 7–12月): an unstated
    period, a calendar year, a stock at a date and a span of years are not."""
    assert not parse_period(text).is_part_of_a_year
