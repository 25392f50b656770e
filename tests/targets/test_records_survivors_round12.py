"""Reading target and observation rows: rules the full mutation run left unpinned (issue 23).

The rows are ``targets.csv`` / ``observations.csv`` of the Leshan extraction: every cell is a
string there (``target_from_row`` / ``observation_from_row`` docstrings). No test reads today.
"""

from __future__ import annotations

from datetime import date

import pytest

from jiazhou.targets import observation_from_row, target_from_row


def _target(**values: str) -> dict[str, str]:
    base = {"target_id": "T9", "indicator": "x", "region": "乐山市", "target_year": "2025"}
    return base | values


def _observation(**values: str) -> dict[str, str]:
    return {"obs_id": "O9", "indicator": "x", "region": "乐山市", "value": "1"} | values


def test_a_ceiling_stays_a_ceiling() -> None:
    """「不高于 5%」 is written ``<=``: the target keeps ``<=`` (not ``=`` or ``>=``)."""
    t = target_from_row(_target(comparator="<=", value="5"))
    assert (t.kind, t.comparator, t.value) == ("level", "<=", 5.0)


@pytest.mark.parametrize("comparator", ["top_n", "unstated", "increasing", ">="])
def test_only_leading_in_province_names_the_provincial_benchmark(comparator: str) -> None:
    """Only 走在全省前列 (``leading_in_province``) compares with the provincial leaders; a 前N名
    rank, a target without a value, 持续上升 or a level keep the national default."""
    t = target_from_row(_target(comparator=comparator, value="3"))
    assert t.benchmark == "national_avg"


def test_dates_written_in_a_csv_are_read_as_dates() -> None:
    """A CSV cell ``2022-08-30`` is the date 30 August 2022, not the text."""
    t = target_from_row(
        _target(comparator=">=", value="1", base_date="2022-08-30", target_date="2025-06-30")
    )
    assert (t.base_date, t.target_date) == (date(2022, 8, 30), date(2025, 6, 30))
    o = observation_from_row(_observation(period="2024", reported_on="2025-01-20"))
    assert o.reported_on == date(2025, 1, 20)
    assert o.on == date(2024, 12, 31)


def test_a_bad_date_is_refused_naming_row_and_field() -> None:
    """A date that is no date is refused with the row and the column, Chinese then English."""
    with pytest.raises(ValueError, match=r"^目标 T9 字段 base_date 不是日期：'2022-13-01' / "):
        target_from_row(_target(comparator=">=", value="1", base_date="2022-13-01"))


def test_every_period_basis_is_read_as_written_and_unknown_ones_refused() -> None:
    """``period_basis`` is one of stated, inferred, uncertain, unstated: each is kept as it is;
    anything else (``x``) is refused, naming the row."""
    for basis in ("stated", "inferred", "uncertain", "unstated"):
        assert observation_from_row(_observation(period_basis=basis)).period_basis == basis
    with pytest.raises(ValueError, match=r"^观测 O9 的 period_basis 'x' 无法识别"):
        observation_from_row(_observation(period_basis="x"))


@pytest.mark.parametrize(
    ("basis", "year"),
    [
        ("vs_end_of_13th_FYP(2020)", 2020),
        ("vs_end_of_13th_FYP(2016-2020)(2020)", 2020),  # the year is in the last parentheses
        ("vs_end_of_13th_FYP(2020", None),  # not closed: no base year
        ("vs_2020)", None),  # never opened: no base year
    ],
)
def test_the_growth_base_year_is_the_number_in_closing_parentheses(
    basis: str, year: int | None
) -> None:
    """``other_growth_basis`` of the form ``vs_end_of_13th_FYP(2020)`` gives the base year 2020;
    a text not ending in such parentheses gives none."""
    o = observation_from_row(_observation(other_growth_basis=basis, other_growth_pct="75"))
    assert o.growth_base_year == year
