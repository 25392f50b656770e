"""Edges of the expert draw (docs/specs/next-capabilities.md §7.1: experts drawn at random from
the field after 回避; the seed is recorded so the draw can be checked afterwards)."""

from __future__ import annotations

import dataclasses

import pytest

from jiazhou.projects import Applicant, DrawError, Expert, draw_experts
from jiazhou.projects.conflicts import ConflictRules

RULES = ConflictRules(lookback_years=3)
APP = Applicant(unit="91511100MA00000001")
POOL = [Expert(f"x{i}", f"专家{i}", fields=frozenset({"新材料"})) for i in range(3)]


def test_a_draw_of_one_expert() -> None:
    """One expert is the smallest draw there is (a 函评 by one reviewer); zero is refused."""
    d = draw_experts(POOL, APP, field="新材料", n=1, rules=RULES, year=2026, seed=3)
    assert len(d.chosen) == 1 and d.eligible == 3
    with pytest.raises(DrawError, match="至少为 1"):
        draw_experts(POOL, APP, field="新材料", n=0, rules=RULES, year=2026, seed=3)


def test_the_draws_terms_are_named() -> None:
    """field, n, rules, year and seed are given by name: a call that lists them by position
    (where n and year, both numbers, could swap unnoticed) is refused."""
    with pytest.raises(TypeError):
        draw_experts(POOL, APP, "新材料", 1, RULES, 2026, 3)  # type: ignore[misc]


def test_a_recorded_draw_cannot_be_changed() -> None:
    d = draw_experts(POOL, APP, field="新材料", n=2, rules=RULES, year=2026, seed=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.seed = 4  # type: ignore[misc]
