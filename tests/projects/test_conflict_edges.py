"""回避 edges (next-capabilities §7.1, rules.toml [conflicts]) found unpinned by the mutation run
(issue 23): a holding sold during the review year, a rules table that switches nothing on, and
the records that every caller shares must not be changed in place."""

from __future__ import annotations

import dataclasses

import pytest

from jiazhou.projects import Applicant, Expert, Tie, conflicts_of
from jiazhou.projects.conflicts import Conflict, ConflictRules

FIRM = "91511100MA00000001"
APP = Applicant(unit=FIRM, team=frozenset({"张三"}))


def test_a_holding_sold_this_year_still_conflicts() -> None:
    # equity has no look-back: a holding counts while it lasts, the year it ends included
    rules = ConflictRules(lookback_years=3)
    sold_now = Expert("e", "赵六", holdings=(Tie(FIRM, until=2026),))
    assert [c.rule for c in conflicts_of(sold_now, APP, rules, 2026)] == ["equity"]
    assert conflicts_of(sold_now, APP, rules, 2027) == []


def test_a_rule_absent_from_the_table_is_off() -> None:
    # rules.toml switches each rule on by name; a table naming none switches none on
    rules = ConflictRules.from_table({"lookback_years": 3})
    assert rules.enabled == frozenset()
    expert = Expert("e", "赵六", affiliations=(Tie(FIRM),), relatives=frozenset({"张三"}))
    assert conflicts_of(expert, APP, rules, 2026) == []


def test_records_are_read_only() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Expert("e", "赵六").active = False  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Conflict("declared", "x", "本人申明回避").rule = "none"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        ConflictRules(lookback_years=3).lookback_years = 0  # type: ignore[misc]


def test_every_year_inside_the_look_back_counts() -> None:
    # "近三年": a tie that ended in 2025 (or any year from 2023 on) conflicts in 2026
    rules = ConflictRules(lookback_years=3)
    for until in (2023, 2024, 2025):
        expert = Expert("e", "赵六", affiliations=(Tie(FIRM, until=until),))
        assert [c.rule for c in conflicts_of(expert, APP, rules, 2026)] == ["same_unit"]
    # a holding that lasts beyond the review year counts too
    held = Expert("e", "赵六", holdings=(Tie(FIRM, until=2027),))
    assert [c.rule for c in conflicts_of(held, APP, rules, 2026)] == ["equity"]
