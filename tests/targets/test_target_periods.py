"""Period notations of observations.csv (README "period notation")."""

from __future__ import annotations

from datetime import date

import pytest

from jiazhou.targets import decimal_year, parse_period


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2023", "year", date(2023, 1, 1), date(2023, 12, 31)),  # O001
        ("2025-01..2025-08", "range", date(2025, 1, 1), date(2025, 8, 31)),  # O023
        ("2023-01-01..2023-11-13", "range", date(2023, 1, 1), date(2023, 11, 13)),  # O020
        ("2021..2025", "cumulative", date(2021, 1, 1), date(2025, 12, 31)),  # O034
        ("2022..2023", "cumulative", date(2022, 1, 1), date(2023, 12, 31)),  # O009
        ("asof:2023-11", "asof", None, date(2023, 11, 30)),  # O006
        ("asof:2025", "asof", None, date(2025, 12, 31)),  # O030
        ("asof:2024-02", "asof", None, date(2024, 2, 29)),
        ("asof:2023-11-13", "asof", None, date(2023, 11, 13)),
        ("unstated", "unstated", None, None),  # O002
    ],
)
def test_notations(text: str, kind: str, start: date | None, end: date | None) -> None:
    period = parse_period(text)
    assert (period.kind, period.start, period.end) == (kind, start, end)


def test_year_to_date_share() -> None:
    # 1–8月 2025: 31+28+31+30+31+30+31+31 = 243 of 365 days.
    period = parse_period("2025-01..2025-08")
    assert period.is_year_to_date
    assert period.year_share == pytest.approx(243 / 365)
    assert not parse_period("2025-01..2025-12").is_year_to_date
    assert not parse_period("2023").is_year_to_date
    assert parse_period("2023").year_share is None


@pytest.mark.parametrize("text", ["2023-13", "asof:", "2025..2021", "FY2023", "2023-05..2023-02"])
def test_bad_notation_is_refused_chinese_first(text: str) -> None:
    with pytest.raises(ValueError, match=r"^无法识别的观测期"):
        parse_period(text)


def test_decimal_year_puts_year_end_on_the_integer() -> None:
    assert decimal_year(date(2020, 12, 31)) == 2021.0
    assert decimal_year(date(2024, 12, 31)) == 2025.0
    assert decimal_year(date(2025, 1, 1)) == pytest.approx(2025 + 1 / 365)


def test_period_boundaries() -> None:
    # Leap year: 1–8月 2024 is 244 of 366 days.
    assert parse_period("2024-01..2024-08").year_share == pytest.approx(244 / 366)
    # One day is a period (start = end), part of a year but not year-to-date (not from 1 January).
    one = parse_period("2025-03-05..2025-03-05")
    assert (one.kind, one.start, one.end) == ("range", date(2025, 3, 5), date(2025, 3, 5))
    assert one.is_part_of_a_year and not one.is_year_to_date and one.year_share is None
    assert parse_period("2025-01-01..2025-01-01").year_share == pytest.approx(1 / 365)
    second_half = parse_period("2025-07..2025-12")
    assert second_half.is_part_of_a_year and not second_half.is_year_to_date
    assert not parse_period("2025-01..2025-12").is_part_of_a_year
    assert not parse_period("2025").is_part_of_a_year
    # A range across a year end is cumulative.
    across = parse_period("2024-03..2025-02")
    assert (across.kind, across.start, across.end) == (
        "cumulative",
        date(2024, 3, 1),
        date(2025, 2, 28),
    )
    assert not across.is_year_to_date and across.year_share is None
    # A single year written as a range is cumulative over that year.
    assert parse_period("2025..2025").kind == "cumulative"
    # Blank and padded notations.
    assert parse_period("").kind == "unstated"
    assert parse_period(" 2023 ").end == date(2023, 12, 31)
    with pytest.raises(ValueError, match="无法识别的观测期"):
        parse_period("2023-03-05..2023-03-04")
    assert decimal_year(date(2024, 1, 1)) == pytest.approx(2024 + 1 / 366)
