"""Edges of the near-eligible shortlist (``schemes.shortlist``), hand-computed.

The rule is the module's documented local default (tag L, issue 12): at most 2 blocking
conditions (1 for 瞪羚 / 独角兽), each within 25 % of its requirement (the relative gap of
criteria.md §8.8), no missing data, and a score-only failure within 10 points of the line.
Score rules: 高企 total > 70 on integer scores (195号 "不含70分", criteria.md §1.5: 71 needed);
科技型中小企业 研发投入 is the better of two measures (≤ 50) and 科技人员 must score (criteria.md
§2.3); 创新型中小企业 pass at 60 with group minimums (63号, criteria.md §3.2).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from jiazhou.schemes import Scheme, load_scheme
from jiazhou.schemes.shortlist import (
    PROGRAMME_RULES,
    NearRule,
    is_near,
    rule_for,
    score_is_near,
    score_shortfalls,
    shortfall_text,
)

RULE = NearRule()


def _min(scheme: Scheme, mins: dict[str, float]) -> Scheme:
    """The scheme with other score minimums (a node's best is checked against them)."""
    return replace(scheme, outcome=replace(scheme.outcome, min_points=mins))


def test_the_documented_defaults() -> None:
    assert (RULE.max_blocking, RULE.max_rel_gap, RULE.max_unknown, RULE.score_margin) == (
        2,
        0.25,
        0,
        10.0,
    )
    for code in ("hnte", "tech_sme", "innovative_sme", "srdi_sme", "little_giant"):
        assert PROGRAMME_RULES[code] == NearRule(2, 0.25, 0, 10.0)
    for code in ("gazelle", "unicorn"):
        assert PROGRAMME_RULES[code] == NearRule(1, 0.25, 0, 10.0)
    assert rule_for("no-such-programme") == NearRule()
    assert rule_for("gazelle", {"hnte": {"max_blocking": 5}}).max_blocking == 1
    assert rule_for("gazelle", {"gazelle": {"max_unknown": 2}}) == NearRule(1, 0.25, 2, 10.0)


def test_describe_zh_states_the_numbers() -> None:
    text = NearRule(max_blocking=1, max_rel_gap=0.3, max_unknown=2, score_margin=7.5).describe_zh()
    assert "不超过 1 项" in text and "30%" in text and "不超过 2 项" in text and "7.5 分" in text


def test_describe_en_states_the_same_numbers() -> None:
    text = NearRule(max_blocking=1, max_rel_gap=0.3, max_unknown=2, score_margin=7.5).describe_en()
    assert "at most 1 mandatory conditions unmet" in text
    assert "by at most 30%" in text and "at most 2 values missing" in text
    assert "at most 7.5 points below the pass mark" in text


def test_a_score_only_failure_counts_as_one_blocking_condition() -> None:
    one = NearRule(max_blocking=1)
    # one unmet gate within 10 %: near under a limit of one
    assert is_near(one, n_unmet=1, n_unknown=0, failed=True, unmet_rel_gaps=[0.1])
    # score alone (no gate unmet): one blocking condition, 5 points short → near
    score = [("total", 60.0, 5.0)]
    assert is_near(one, n_unmet=0, n_unknown=0, failed=True, unmet_rel_gaps=[], shortfalls=score)
    # the same score shortfall with a gate unmet as well: the gate is the one blocking condition
    # that counts (a score short while a gate fails is not "score only")
    assert is_near(one, n_unmet=1, n_unknown=0, failed=True, unmet_rel_gaps=[0.1], shortfalls=score)
    # two unmet gates exceed a limit of one
    assert not is_near(one, n_unmet=2, n_unknown=0, failed=True, unmet_rel_gaps=[0.1, 0.1])
    # under the default limit of two, two are near
    assert is_near(RULE, n_unmet=2, n_unknown=0, failed=True, unmet_rel_gaps=[0.1, 0.1])


def test_score_only_failure_beyond_the_margin_is_not_near() -> None:
    far = [("total", 60.0, 11.0)]  # 11 points short > 10
    assert not is_near(RULE, n_unmet=0, n_unknown=0, failed=True, unmet_rel_gaps=[], shortfalls=far)
    # not failed (an undecided result with no gate unmet): the score margin does not apply
    assert is_near(RULE, n_unmet=0, n_unknown=0, failed=False, unmet_rel_gaps=[], shortfalls=far)


def test_missing_data_up_to_the_allowance() -> None:
    lenient = NearRule(max_unknown=1)
    assert is_near(lenient, n_unmet=1, n_unknown=1, failed=True, unmet_rel_gaps=[0.1])
    assert not is_near(lenient, n_unmet=1, n_unknown=2, failed=True, unmet_rel_gaps=[0.1])
    assert not is_near(RULE, n_unmet=1, n_unknown=1, failed=True, unmet_rel_gaps=[0.1])


def test_a_zero_gap_is_no_measurable_gap() -> None:
    # an unmet gate whose shown value meets its requirement (gap 0) is unmet for another reason
    assert not is_near(RULE, n_unmet=1, n_unknown=0, failed=True, unmet_rel_gaps=[0.0])
    assert is_near(RULE, n_unmet=1, n_unknown=0, failed=True, unmet_rel_gaps=[0.001])


def test_hnte_best_total_of_71_misses_nothing() -> None:
    hnte = load_scheme("hnte-2016")
    assert score_shortfalls(hnte, {}, 71.0) == []  # > 70 reached
    assert score_shortfalls(hnte, {}, None) == [("total", 70.0, 71.0)]  # no score: 71 short
    assert score_is_near(RULE, [])


def test_tech_sme_score_edges_at_60_and_the_staff_minimum() -> None:
    tech = load_scheme("tech-sme-2017")
    # ≥ 60: a best of exactly 60 misses nothing; 59 is one point short (no "+1" as for 高企)
    assert score_shortfalls(tech, {"STAFF": 4.0}, 60.0) == []
    assert score_shortfalls(tech, {"STAFF": 4.0}, 59.0) == [("total", 60.0, 1.0)]
    # 科技人员 scores 0 at best: its minimum of 1 point is missed by 1 (an item absent scores 0)
    assert score_shortfalls(tech, {}, 80.0) == [("STAFF", 1.0, 1.0)]
    assert (
        shortfall_text(tech, [("STAFF", 1.0, 1.0)])
        == "科技人员指标：科技人员数占职工总数比例得分还差 1 分（不低于 1 分）"
    )
    assert shortfall_text(tech, [("total", 60.0, 1.0)]) == "总分还差 1 分（须不低于 60 分）"
    # a node without a label is shown by its id
    assert shortfall_text(tech, [("ZZ", 2.0, 1.0)]) == "ZZ得分还差 1 分（不低于 2 分）"


def test_a_max_group_takes_its_better_measure_and_its_cap() -> None:
    # tech-sme RD (≤ 50) is the better of RD_SALES / RD_COST; srdi-sme-2022's RDIN the better of
    # X2a / X2b (≤ 10) inside 创新能力 XIN. A minimum on them is checked against that maximum.
    tech = load_scheme("tech-sme-2017")
    rule = NearRule(max_rel_gap=1.0, score_margin=100)
    sme = _min(tech, {"RD": 40.0})
    assert score_shortfalls(sme, {"STAFF": 4, "RD_SALES": 30, "RD_COST": 20}, 80.0) == [
        ("RD", 40.0, 10.0)
    ]
    # 50 + 50 would be 100 as a sum, capped at 50 it meets a minimum of 50 exactly
    sme50 = _min(tech, {"RD": 50.0})
    assert score_shortfalls(sme50, {"STAFF": 4, "RD_SALES": 50, "RD_COST": 50}, 80.0) == []
    assert score_shortfalls(sme50, {"STAFF": 4, "RD_SALES": 49, "RD_COST": 45}, 80.0) == [
        ("RD", 50.0, 1.0)
    ]
    assert score_is_near(rule, [("RD", 50.0, 1.0)])


def test_a_capped_sum_group_and_a_nested_group() -> None:
    srdi = load_scheme("srdi-sme-2022")
    xin = {"XIN": 30.0}
    scheme = _min(srdi, xin)
    # X1 10 + max(X2a 8, X2b 10) + X3 5 + X4 10 = 35 ≥ 30
    best = {"X1": 10, "X2a": 8, "X2b": 10, "X3": 5, "X4": 10}
    assert score_shortfalls(scheme, best, 90.0) == []
    # X1 10 + max(6, 4) + X3 5 + X4 8 = 29: 1 short (a sum of X2a + X2b would give 33)
    low = {"X1": 10, "X2a": 6, "X2b": 4, "X3": 5, "X4": 8}
    assert score_shortfalls(scheme, low, 90.0) == [("XIN", 30.0, 1.0)]
    # ZHUAN (≤ 25) with a minimum of 25: 5 + 10 + 5 + 5 = 25 meets it, and a best above the cap
    # is still only the cap
    zhuan = _min(srdi, {"ZHUAN": 25.0})
    assert score_shortfalls(zhuan, {"Z1": 5, "Z2": 10, "Z3": 5, "Z4": 5}, 90.0) == []
    big = _min(srdi, {"ZHUAN": 26.0})
    assert score_shortfalls(big, {"Z1": 5, "Z2": 10, "Z3": 5, "Z4": 5}, 90.0) == [
        ("ZHUAN", 26.0, 1.0)
    ]


def test_an_empty_max_group_scores_nothing() -> None:
    tech = load_scheme("tech-sme-2017")
    empty = replace(_min(tech, {"RD": 1.0}), items=tuple(i for i in tech.items if i.group != "RD"))
    assert score_shortfalls(empty, {"STAFF": 4}, 80.0) == [("RD", 1.0, 1.0)]


@pytest.mark.parametrize(
    ("shorts", "near"),
    [
        ([("INNOV", 20.0, 5.0)], True),  # 25 %: the boundary is near
        ([("INNOV", 20.0, 5.1)], False),
        ([("total", 60.0, 10.0)], True),  # 10 points (16.7 %): the margin
        ([("total", 60.0, 10.5)], False),
        # two shortfalls: the largest decides the margin (a point counts in both)
        ([("INNOV", 40.0, 10.0), ("total", 60.0, 3.0)], True),
        ([("INNOV", 44.0, 11.0), ("total", 60.0, 3.0)], False),
        ([("X", 0.0, 3.0)], True),  # a requirement of 0 has no relative gap
    ],
)
def test_score_is_near_at_its_edges(shorts: list[tuple[str, float, float]], near: bool) -> None:
    assert score_is_near(RULE, shorts) is near
