"""Boundaries of the amount formulas that the mutation run (issue 23) found unpinned.

Every expected value is computed by hand from the rule it cites: the band table of §1.4 (遂宁
主营收入首次突破 5/10/20/30/50/100亿 → 10/20/40/60/100/200万, ``(lo, hi]`` bands), 差额补足 of
§1.5(c) (the city pays only the difference; nothing when the higher-level award is above) and
the "summed exactly, floored to 分 once" rule of §1.5(a) / ADR 0016.
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from jiazhou.policies import amount_for, load_policy, parse_policy
from jiazhou.policies.amounts import clause_expr

MILESTONE = load_policy("draft-leshan-hnte-reward").clause("revenue-milestone")


@pytest.mark.parametrize(
    ("revenue", "expected"),
    [
        (500_000_000, "0.00"),  # 5亿 exactly: not "above 5亿" — below the first band (5, 10]
        (500_000_001, "100000.00"),  # 1元 above 5亿 → 10万
        (1_000_000_000, "100000.00"),  # 10亿 exactly is the top of (5, 10] → 10万, not 20万
        (1_000_000_001, "200000.00"),  # (10, 20] → 20万
        (10_000_000_000, "1000000.00"),  # 100亿 exactly: top of (50, 100] → 100万
        (20_000_000_000, "2000000.00"),  # open band (100亿, ∞) → 200万
    ],
)
def test_revenue_milestone_bands_are_lo_exclusive_hi_inclusive(revenue: int, expected: str) -> None:
    # §1.4 遂宁 table; the clause's bands are (lo, hi] so a milestone counts once passed
    assert amount_for(MILESTONE, revenue) == Decimal(expected)


def _policy(amount: str, stacking: str = "additive", extra_field: str = "") -> str:
    return f"""
code = "t"
title_zh = "测试"
document = "测试"
issuer = "测试"
version = "1"
effective_from = 2020-01-01
status = "draft"
[[clauses]]
code = "c"
ref = "c"
title_zh = "测试"
class = "奖补"
delivery = "快申快享"
tag = "U"
cite = "§1.5"
stacking = "{stacking}"
[[clauses.fields]]
name = "b"
expr = "CAST(NULL AS DOUBLE)"
{extra_field}
[clauses.amount]
{amount}
"""


HIGHER = """[[clauses.fields]]
name = "h"
expr = "CAST(NULL AS DOUBLE)"
"""
RATE_HALF = 'kind = "rate"\nrate = "0.5"\nbase = "b"\nhigher_level = "h"'


def test_top_up_pays_the_difference_and_nothing_above() -> None:
    # §1.5(c) 差额补足: local standard 50% × 20万 = 10万
    clause = parse_policy(_policy(RATE_HALF, "top_up", HIGHER)).clause("c")
    assert amount_for(clause, 200_000, Decimal("30000")) == Decimal("70000.00")  # 10万 − 3万
    assert amount_for(clause, 200_000, Decimal("100000")) == Decimal("0.00")  # equal: nothing
    assert amount_for(clause, 200_000, Decimal("120000")) == Decimal("0.00")  # above: nothing


def test_top_up_over_a_population_reads_the_higher_level_field() -> None:
    # the population run names no column: the clause's own higher_level field "h" is used
    clause = parse_policy(_policy(RATE_HALF, "top_up", HIGHER)).clause("c")
    frame = pl.DataFrame({"b": [200_000.0, 200_000.0], "h": [30_000.0, 150_000.0]})
    assert frame.select(clause_expr(clause))[:, 0].to_list() == [7_000_000, 0]  # 分


def test_additive_clause_ignores_a_higher_level_award() -> None:
    # §1.5(c): only `top_up` subtracts the higher-level award; `additive` pays its own standard
    clause = parse_policy(_policy(RATE_HALF, "additive", HIGHER)).clause("c")
    assert amount_for(clause, 200_000, Decimal("30000")) == Decimal("100000.00")
    frame = pl.DataFrame({"b": [200_000.0], "h": [30_000.0]})
    assert frame.select(clause_expr(clause)).item() == 10_000_000


PROGRESSIVE_HALF = """kind = "progressive"
base = "b"
bands = [
  { lo = 0, hi = 0.01, rate = "0.5" },
  { lo = 0.01, rate = "0.5" },
]"""


def test_progressive_parts_are_summed_exactly_then_floored_once() -> None:
    # §1.5(a) / ADR 0016: Σ rate_k × part_k exactly, floored to 分 once
    clause = parse_policy(_policy(PROGRESSIVE_HALF)).clause("c")
    assert amount_for(clause, Decimal("0.01")) == Decimal("0.00")  # 0.5分 → 0
    # 1分 × 50% + 1分 × 50% = 1分 (flooring each band first would give 0)
    assert amount_for(clause, Decimal("0.02")) == Decimal("0.01")
    assert amount_for(clause, Decimal("0.03")) == Decimal("0.01")  # 1.5分 → 1分
