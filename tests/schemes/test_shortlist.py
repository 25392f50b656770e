"""The near-eligible shortlist rule (issue 12), hand-computed."""

from __future__ import annotations

import pytest

from jiazhou.schemes import load_scheme
from jiazhou.schemes.shortlist import (
    NearRule,
    is_near,
    rule_for,
    score_is_near,
    score_shortfalls,
    shortfall_text,
)

RULE = NearRule(max_blocking=2, max_rel_gap=0.25, max_unknown=0, score_margin=10)


@pytest.mark.parametrize(
    ("gaps", "near"),
    [
        ([0.10], True),  # 9 of 100 staff against 10 %: 10 % short
        ([0.25], True),  # the boundary: 25 % of the requirement is still near
        ([0.26], False),
        ([0.10, 0.20], True),  # two blocking conditions, each within 25 %
        ([0.10, 0.10, 0.10], False),  # three blocking conditions
        ([None], False),  # a flag (incident, listing): no gap a year of help closes
        ([-0.3], False),  # unmet for another reason than its value
    ],
)
def test_gates_each_within_a_share_of_the_requirement(gaps: list[float | None], near: bool) -> None:
    assert is_near(RULE, n_unmet=len(gaps), n_unknown=0, failed=True, unmet_rel_gaps=gaps) is near


def test_unknown_data_keeps_a_firm_off_the_shortlist() -> None:
    assert not is_near(RULE, n_unmet=0, n_unknown=1, failed=False, unmet_rel_gaps=[])


def test_hnte_score_only_failure_within_the_margin_195号_gt_70() -> None:
    hnte = load_scheme("hnte-2016")
    # best total 65 → 71 needed (integer scores, > 70): 6 short, 6/70 < 25 %, ≤ 10 → near
    shorts = score_shortfalls(hnte, {}, 65.0)
    assert shorts == [("total", 70.0, 6.0)]
    assert score_is_near(RULE, shorts)
    assert shortfall_text(hnte, shorts) == "总分还差 6 分（须高于 70 分）"
    # best total exactly 70 fails (不含70): one point more
    assert score_shortfalls(hnte, {}, 70.0) == [("total", 70.0, 1.0)]
    assert not score_is_near(RULE, score_shortfalls(hnte, {}, 60.0))  # 11 short > 10
    assert score_is_near(RULE, score_shortfalls(hnte, {}, 61.0))  # 10 short: the margin


def test_group_minimum_63号_创新能力_at_least_20() -> None:
    scheme = load_scheme("innovative-sme-2026")
    # IP 5 + RD 10 = 15 < 20 (5 short, 25 %); growth 20 + 10; field 10 + MBR 20: total 75.
    best = {"IP": 5.0, "RD": 10.0, "GROW": 20.0, "DEBT": 10.0, "FIELD": 10.0, "MBR": 20.0}
    shorts = score_shortfalls(scheme, best, 75.0)
    assert shorts == [("INNOV", 20.0, 5.0)]
    assert score_is_near(RULE, shorts)
    assert "创新能力得分还差 5 分（不低于 20 分）" in shortfall_text(scheme, shorts)
    # 成长性 15 needed, 10 reached: 5 short is 33 % of 15 > 25 % → not near
    best2 = {**best, "IP": 10.0, "GROW": 5.0, "DEBT": 5.0}
    assert score_shortfalls(scheme, best2, 70.0) == [("GROWTH", 15.0, 5.0)]
    assert not score_is_near(RULE, score_shortfalls(scheme, best2, 70.0))


def test_overrides_and_unknown_settings() -> None:
    assert rule_for("hnte", {"hnte": {"max_rel_gap": 0.1}}).max_rel_gap == 0.1
    assert rule_for("hnte").max_blocking == 2
    with pytest.raises(ValueError, match="unknown near-eligible settings"):
        rule_for("hnte", {"hnte": {"max_gap": 0.1}})
