"""回避 and the expert draw (docs/specs/next-capabilities.md §7.1: same unit, co-authors or
partners in recent years, relatives, equity ties, self-declaration; look-back 3 years [U])."""

from __future__ import annotations

import pytest

from jiazhou.projects import Applicant, DrawError, Expert, Tie, conflicts_of, draw_experts
from jiazhou.projects.conflicts import ConflictRules

RULES = ConflictRules(lookback_years=3)
FIRM = "91511100MA00000001"
PARTNER = "91511100MA00000002"
APP = Applicant(
    unit=FIRM,
    co_units=frozenset({PARTNER}),
    team=frozenset({"张三", "李四"}),
    shareholders=frozenset({"王五"}),
)


def rules_of(expert: Expert, year: int = 2026, rules: ConflictRules = RULES) -> list[str]:
    return [c.rule for c in conflicts_of(expert, APP, rules, year)]


def test_no_link_no_conflict() -> None:
    assert rules_of(Expert("e", "赵六", affiliations=(Tie("91510000XX"),))) == []


def test_current_affiliation_with_lead_or_co_applicant() -> None:
    assert rules_of(Expert("e", "赵六", affiliations=(Tie(FIRM, since=2010),))) == ["same_unit"]
    assert rules_of(Expert("e", "赵六", affiliations=(Tie(PARTNER),))) == ["same_unit"]


def test_past_affiliation_counts_for_exactly_three_years() -> None:
    # left in 2023: 2026 − 3 = 2023 is inside the look-back; left in 2022 is not
    assert rules_of(Expert("e", "赵六", affiliations=(Tie(FIRM, until=2023),))) == ["same_unit"]
    assert rules_of(Expert("e", "赵六", affiliations=(Tie(FIRM, until=2022),))) == []
    # the same tie reviewed a year later has aged out
    assert rules_of(Expert("e", "赵六", affiliations=(Tie(FIRM, until=2023),)), 2027) == []


def test_collaboration_within_the_look_back_only() -> None:
    assert rules_of(Expert("e", "赵六", collaborators=(Tie("张三", until=2023),))) == [
        "collaboration"
    ]
    assert rules_of(Expert("e", "赵六", collaborators=(Tie("张三", until=2022),))) == []
    assert rules_of(Expert("e", "赵六", collaborators=(Tie("钱七"),))) == []


def test_relatives_equity_and_declarations() -> None:
    assert rules_of(Expert("e", "赵六", relatives=frozenset({"李四"}))) == ["relative"]
    assert rules_of(Expert("e", "赵六", holdings=(Tie(FIRM),))) == ["equity"]
    assert rules_of(Expert("e", "赵六", holdings=(Tie(FIRM, until=2025),))) == []
    assert rules_of(Expert("e", "王五")) == ["equity"]  # the expert is a shareholder
    assert rules_of(Expert("e", "赵六", declared=frozenset({PARTNER}))) == ["declared"]


def test_every_reason_is_listed_with_a_chinese_explanation() -> None:
    e = Expert(
        "e",
        "赵六",
        affiliations=(Tie(FIRM),),
        relatives=frozenset({"张三"}),
        declared=frozenset({"李四"}),
    )
    found = conflicts_of(e, APP, RULES, 2026)
    assert [c.rule for c in found] == ["same_unit", "relative", "declared"]
    assert str(found[0]) == "同一单位：现任职于申报单位"
    assert "张三" in found[1].reason


def test_a_rule_switched_off_in_the_rules_file_does_not_exclude() -> None:
    off = ConflictRules.from_table({"lookback_years": 3, "same_unit": False, "relative": True})
    assert rules_of(Expert("e", "赵六", affiliations=(Tie(FIRM),)), rules=off) == []
    assert rules_of(Expert("e", "赵六", relatives=frozenset({"张三"})), rules=off) == ["relative"]


POOL = [Expert(f"x{i}", f"专家{i}", fields=frozenset({"新材料"})) for i in range(6)] + [
    Expert("c1", "冲突甲", fields=frozenset({"新材料"}), affiliations=(Tie(FIRM),)),
    Expert("o1", "他领域", fields=frozenset({"生物医药"})),
    Expert("i1", "停用", fields=frozenset({"新材料"}), active=False),
]


def test_draw_excludes_conflicted_and_other_fields_and_is_reproducible() -> None:
    kw = {"field": "新材料", "n": 5, "rules": RULES, "year": 2026}
    d1 = draw_experts(POOL, APP, seed=7, **kw)
    d2 = draw_experts(list(reversed(POOL)), APP, seed=7, **kw)
    assert [e.key for e in d1.chosen] == [e.key for e in d2.chosen]
    assert len(d1.chosen) == 5 and d1.eligible == 6
    assert {e.key for e in d1.chosen} <= {f"x{i}" for i in range(6)}
    assert [(e.key, [c.rule for c in cs]) for e, cs in d1.excluded] == [("c1", ["same_unit"])]
    # a different seed gives another sample of the same eligible experts
    assert {
        tuple(e.key for e in draw_experts(POOL, APP, seed=s, **kw).chosen) for s in range(8)
    } != {tuple(e.key for e in d1.chosen)}


def test_draw_exactly_all_eligible_and_one_too_many() -> None:
    kw = {"field": "新材料", "rules": RULES, "year": 2026, "seed": 1}
    assert len(draw_experts(POOL, APP, n=6, **kw).chosen) == 6
    with pytest.raises(DrawError, match="回避后仅余 6 名"):
        draw_experts(POOL, APP, n=7, **kw)
    with pytest.raises(DrawError, match="至少为 1"):
        draw_experts(POOL, APP, n=0, **kw)


def test_experts_already_drawn_are_not_drawn_again() -> None:
    kw = {"field": "新材料", "rules": RULES, "year": 2026, "seed": 1}
    d = draw_experts(POOL, APP, n=2, already=frozenset({"x0", "x1", "x2", "x3"}), **kw)
    assert {e.key for e in d.chosen} == {"x4", "x5"}
