"""Allocation steps of spec next-capabilities §1.5(c)–(e) at their edges (issue 23).

Each value is worked by hand from the step it cites: stacking groups (§1.5(c), only a named
group competes), the budget line with ``none`` (§1.5(d): the excess is recorded, nothing cut),
the city share ``floor(amount × r_city)`` (§1.5(e)), and the simulation's read-outs.
"""

from __future__ import annotations

from typing import Any, cast

import polars as pl
import pytest

from jiazhou.policies import allocate, parse_policy, simulate
from jiazhou.policies.engine import Evaluation, Simulation

HEAD = """
code = "p"
title_zh = "测试"
document = "测试"
issuer = "测试"
version = "1"
effective_from = 2020-01-01
status = "draft"
"""


def _clause(code: str, extra: str = "") -> str:
    return f"""
[[clauses]]
code = "{code}"
ref = "{code}"
title_zh = "测试"
class = "奖补"
delivery = "免申即享"
tag = "U"
cite = "§1.5"
{extra}
[clauses.amount]
kind = "fixed"
value = 1
"""


def _awards(rows: list[tuple[str, str, int]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=["uscc", "clause", "computed"], orient="row")


def test_city_share_is_floored_at_the_clause_ratio() -> None:
    # §1.5(e): r_city = 0.3 → city = floor(1001 × 0.3) = floor(300.3) = 300 分, county 701
    policy = parse_policy(HEAD + _clause("c", 'r_city = "0.3"'))
    final, _ = allocate(_awards([("A", "c", 1001)]), policy.clauses, [policy])
    assert final.select("amount", "city", "county").row(0) == (1001, 300, 701)


def test_only_a_named_group_competes() -> None:
    # §1.5(c): "exclusive" keeps one award per stacking group; two exclusive clauses without
    # a group name are in no group and both pay, while g1/g2 (group "g", same priority) keep
    # the larger award
    policy = parse_policy(
        HEAD
        + _clause("x", 'stacking = "exclusive"')
        + _clause("y", 'stacking = "exclusive"')
        + _clause("g1", 'stacking = "exclusive"\nstacking_group = "g"')
        + _clause("g2", 'stacking = "exclusive"\nstacking_group = "g"')
    )
    rows = [("A", "x", 100), ("A", "y", 200), ("A", "g1", 300), ("A", "g2", 400)]
    final, cuts = allocate(_awards(rows), policy.clauses, [policy])
    assert dict(final.select("clause", "amount").iter_rows()) == {
        "x": 100,
        "y": 200,
        "g1": 0,
        "g2": 400,
    }
    assert cuts.select("clause", "step", "before", "after").rows() == [("g1", "exclusive", 300, 0)]


def test_additive_clauses_in_a_group_both_pay() -> None:
    # §1.5(c): a group only limits "exclusive" clauses; additive ones sharing the group name
    # stack (the exclusive pair e1/e2 keeps the step running: the lower priority e1 wins)
    policy = parse_policy(
        HEAD
        + _clause("a1", 'stacking = "additive"\nstacking_group = "g"')
        + _clause("a2", 'stacking = "additive"\nstacking_group = "g"')
        + _clause("e1", 'stacking = "exclusive"\nstacking_group = "e"\npriority = 1')
        + _clause("e2", 'stacking = "exclusive"\nstacking_group = "e"\npriority = 2')
    )
    rows = [("A", "a1", 100), ("A", "a2", 200), ("A", "e1", 1), ("A", "e2", 400)]
    final, _ = allocate(_awards(rows), policy.clauses, [policy])
    assert dict(final.select("clause", "amount").iter_rows()) == {
        "a1": 100,
        "a2": 200,
        "e1": 1,
        "e2": 0,
    }


def test_budget_without_a_rule_records_the_excess_and_cuts_nothing() -> None:
    # §1.5(d): over_budget_rule = none — Σ 600 + 600 = 1200 分 > 10元 = 1000 分: both rows
    # recorded as "over_budget" with before = after; at exactly the budget nothing is recorded
    policy = parse_policy(HEAD + _clause("c", 'over_budget_rule = "none"\nbudget = 10'))
    final, cuts = allocate(_awards([("A", "c", 600), ("B", "c", 600)]), policy.clauses, [policy])
    assert final["amount"].to_list() == [600, 600]
    assert cuts.select("uscc", "step", "before", "after").rows() == [
        ("A", "over_budget", 600, 600),
        ("B", "over_budget", 600, 600),
    ]
    _, cuts = allocate(_awards([("A", "c", 600), ("B", "c", 400)]), policy.clauses, [policy])
    assert cuts.height == 0


def test_rank_pays_a_total_exactly_at_the_budget() -> None:
    # §1.5(d) rank: 600 + 400 = 1000 分 = the 10元 line: both fit, nothing is cut
    policy = parse_policy(HEAD + _clause("c", 'over_budget_rule = "rank"\nbudget = 10'))
    rows = [("A", "c", 600), ("B", "c", 400), ("C", "c", 1)]
    final, cuts = allocate(_awards(rows), policy.clauses, [policy])
    # 1001 > 1000: descending A 600, B 400 (running 1000 fits), C 1 (1001) is cut
    assert dict(final.select("uscc", "amount").iter_rows()) == {"A": 600, "B": 400, "C": 0}
    assert cuts.select("uscc", "step").rows() == [("C", "rank")]


def test_a_clause_code_names_one_clause_or_none() -> None:
    # clause codes repeat between policies: a bare code must be unique to be looked up
    results = {"p/a": "A", "q/a": "A2", "p/b": "B"}
    ev = Evaluation((), cast(Any, results), pl.DataFrame(), pl.DataFrame())
    assert cast(Any, ev.result("b")) == "B"
    assert cast(Any, ev.result("q/a")) == "A2"
    with pytest.raises(KeyError, match="不唯一"):
        ev.result("a")
    with pytest.raises(KeyError, match="不存在"):
        ev.result("z")
    # a clause code may itself hold a slash (第一条/第二款): the policy code ends at the first
    slashed = Evaluation(
        (), cast(Any, {"p/art1/2": "S", "p/art1": "T"}), pl.DataFrame(), pl.DataFrame()
    )
    assert cast(Any, slashed.result("art1/2")) == "S"
    assert cast(Any, slashed.result("art1")) == "T"


def _simulation(amounts: list[int]) -> Simulation:
    awards = pl.DataFrame(
        {
            "uscc": [f"F{i}" for i in range(len(amounts))],
            "clause": ["c"] * len(amounts),
            "policy": ["p"] * len(amounts),
            "amount": amounts,
            "city": [0] * len(amounts),
            "county": amounts,
        }
    )
    statuses = ["pass", "review", "unknown", "fail", "unknown"]
    clauses = ["c", "c", "c", "c", "d"]  # "d": evaluated, nobody paid
    long = pl.DataFrame({"policy": ["p"] * 5, "clause": clauses, "status": statuses})
    ev = Evaluation(
        (), {}, long, pl.DataFrame(schema={"uscc": pl.String, "region_code": pl.String})
    )
    return Simulation(awards, pl.DataFrame(), ev)


def test_distribution_bands_are_lo_exclusive_hi_inclusive_in_wan_yuan() -> None:
    # edges 1, 5, 10, 50万元 (分: 1,000,000 …); an award of exactly 1万 is in "0–1万元"
    sim = _simulation([0, 1_000_000, 1_000_001, 10_000_000, 50_000_000, 50_000_001])
    assert sim.distribution() == [
        ("0–1万元", 1),
        ("1–5万元", 1),
        ("5–10万元", 1),
        ("10–50万元", 1),
        ("50万元以上", 1),
    ]
    assert sim.firms == 5 and sim.total == 112_000_002


def test_by_clause_counts_paid_firms_and_each_status_once() -> None:
    # a firm paid 1 分 is paid; one review and one unknown row among pass/review/unknown/fail
    sim = _simulation([0, 1, 2])
    rows = sim.by_clause().select("clause", "firms", "amount", "review", "unknown").rows()
    assert rows == [("c", 2, 3, 1, 1), ("d", 0, 0, 0, 1)]  # "d": no award is 0 firms, 0 分


def test_candidates_need_pass_and_a_positive_amount() -> None:
    # §1.6: the 免申即享 list is every gate met and an amount above 0 (1 分 is above 0)
    long = pl.DataFrame(
        {
            "uscc": ["A", "B", "C", "D"],
            "status": ["pass", "pass", "pass", "review"],
            "computed": [0, 1, -1, 5],
        }
    )
    ev = Evaluation((), {}, long, pl.DataFrame())
    assert ev.candidates()["uscc"].to_list() == ["B"]


def test_a_zero_budget_line_is_exceeded_by_any_award() -> None:
    # §1.5(d): budget 0 元 — an award of 1 分 is already over the line
    policy = parse_policy(HEAD + _clause("c", 'over_budget_rule = "none"\nbudget = 0'))
    _, cuts = allocate(_awards([("A", "c", 1)]), policy.clauses, [policy])
    assert cuts.select("uscc", "step").rows() == [("A", "over_budget")]


def test_rank_cuts_only_its_own_clause() -> None:
    # §1.5(d): the 10元 line of clause "b" is spent by b's awards alone; clause "a" (no budget,
    # coded before "b") is never counted against it nor cut
    policy = parse_policy(
        HEAD + _clause("a") + _clause("b", 'over_budget_rule = "rank"\nbudget = 10')
    )
    rows = [("A", "a", 5000), ("A", "b", 600), ("B", "b", 500)]
    final, cuts = allocate(_awards(rows), policy.clauses, [policy])
    assert final.select("uscc", "clause", "amount").rows() == [
        ("A", "a", 5000),
        ("A", "b", 600),
        ("B", "b", 0),  # 600 + 500 = 1100 > 1000
    ]
    assert cuts.select("uscc", "clause", "step").rows() == [("B", "b", "rank")]


def test_firm_counts_and_totals_at_their_edges() -> None:
    # a 1 分 award is a paid firm; an unpaid firm is in no county's count; no award totals 0
    sim = _simulation([0, 1, 2])
    assert sim.firms == 2
    assert sim.by_county().rows() == [("", 2, 3)]
    assert _simulation([]).total == 0


def test_distribution_from_one_fen_to_above_the_last_edge() -> None:
    # 1 分 is in "0–1万元"; exactly 5万 in "1–5万元"; 5万 + 1 分 in "5–10万元"; 60万 above 50万
    sim = _simulation([1, 5_000_000, 5_000_001, 60_000_000])
    assert [n for _, n in sim.distribution()] == [1, 1, 1, 0, 1]


def test_a_panel_without_region_codes_is_simulated_under_an_unknown_county() -> None:
    # by county (spec §1.5(e) split reporting): a firm whose region is not in the panel is
    # counted under "" (unknown), it is not an error; with the column, each firm is under its own
    policy = parse_policy(HEAD + _clause("a") + _clause("b"))  # 1元 each, no conditions
    panel = pl.DataFrame({"uscc": ["A", "B"], "fiscal_year": [2025, 2025]})
    assert simulate([policy], panel, 2026).by_county().rows() == [("", 2, 400)]
    panel = panel.with_columns(region_code=pl.Series(["511102", "511112"]))
    assert simulate([policy], panel, 2026).by_county().rows() == [
        ("511102", 1, 200),
        ("511112", 1, 200),
    ]


def test_an_award_of_another_policy_does_not_use_this_policys_cap() -> None:
    # §1.5(c): the cap is per policy document per firm per year; an award under policy "z"
    # (not among the clauses given) leaves p's 10元 cap whole for p's own 6元
    policy = parse_policy(HEAD + "firm_year_cap = 10\n" + _clause("a"))
    awards = pl.DataFrame(
        [("A", "z", "x", 600), ("A", "p", "a", 600)],
        schema=["uscc", "policy", "clause", "computed"],
        orient="row",
    )
    final, cuts = allocate(awards, policy.clauses, [policy])
    assert final.select("policy", "amount").rows() == [("z", 600), ("p", 600)]
    assert cuts.height == 0


def test_priority_decides_before_the_amount_even_for_billions() -> None:
    # §1.5(c) exclusive: the lowest priority is kept, the amount only breaks a priority tie;
    # a 60亿元 award (6 × 10^11 分) at priority 2 does not beat 1 分 at priority 1
    policy = parse_policy(
        HEAD
        + _clause("e1", 'stacking = "exclusive"\nstacking_group = "g"\npriority = 1')
        + _clause("e2", 'stacking = "exclusive"\nstacking_group = "g"\npriority = 2')
    )
    final, _ = allocate(
        _awards([("A", "e1", 1), ("A", "e2", 600_000_000_000)]), policy.clauses, [policy]
    )
    assert dict(final.select("clause", "amount").iter_rows()) == {"e1": 1, "e2": 0}


def test_distribution_labels_are_whole_wan_yuan_at_any_edge() -> None:
    # labels are 分 // 1,000,000 (万元) however large the edge: 99.9999亿元 = 999,999万元
    sim = _simulation([1, 999_999_000_001, 1_999_998_000_001])
    assert sim.distribution(edges=(999_999_000_000, 1_999_998_000_000)) == [
        ("0–999999万元", 1),
        ("999999–1999998万元", 1),
        ("1999998万元以上", 1),
    ]


def test_a_budget_line_without_awards_is_not_exceeded() -> None:
    # §1.5(d): nothing awarded under clause "b" (budget 0元, prorata) is Σ 0 ≤ 0: not over,
    # nothing scaled; clause "a" pays in full
    policy = parse_policy(
        HEAD + _clause("a") + _clause("b", 'over_budget_rule = "prorata"\nbudget = 0')
    )
    final, cuts = allocate(_awards([("A", "a", 500)]), policy.clauses, [policy])
    assert final.select("clause", "amount").rows() == [("a", 500)]
    assert cuts.height == 0
