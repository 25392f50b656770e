"""Clauses over a population: 免申即享 lists, explanations, simulation (spec §1.6, §1.9 test 7)."""

from __future__ import annotations

from typing import Any

import polars as pl

from jiazhou.policies import evaluate, load_policy, simulate
from jiazhou.policies.engine import explanations

RD = load_policy("sichuan-rd-post-subsidy-2020")
DRAFT = load_policy("draft-leshan-hnte-reward")


def _panel(rows: list[dict[str, Any]]) -> pl.DataFrame:
    out = []
    for r in rows:
        for fy, rd in ((2024, r.get("rd24")), (2025, r.get("rd25"))):
            out.append(
                {
                    "uscc": r["uscc"],
                    "fiscal_year": fy,
                    "region_code": r.get("region", "511102"),
                    "in_zone": r.get("zone", False),
                    "rd_expense_deduction_basis": rd,
                    "hnte_certified": r.get("hnte", {}).get(fy),
                    "main_business_revenue": r.get("rev", {}).get(fy),
                }
            )
    return pl.DataFrame(
        out,
        schema={
            "uscc": pl.String,
            "fiscal_year": pl.Int64,
            "region_code": pl.String,
            "in_zone": pl.Boolean,
            "rd_expense_deduction_basis": pl.Float64,
            "hnte_certified": pl.Boolean,
            "main_business_revenue": pl.Float64,
        },
    )


def test_one_unknown_input_keeps_a_firm_off_the_list_until_the_feed_arrives() -> None:
    # §1.9 test 7: firm B lacks the Y-2 tax figure (unknown); after the feed it is a candidate
    before = _panel(
        [
            {"uscc": "A", "rd24": 1_000_000, "rd25": 2_200_000},
            {"uscc": "B", "rd24": None, "rd25": 3_000_000},
            {"uscc": "C", "rd24": 1_000_000, "rd25": 1_400_000},  # Δ = 40万: unmet
            {"uscc": "D", "region": "510104", "rd24": 0, "rd25": 9_000_000},  # 成都: unmet
        ]
    )
    ev = evaluate([RD], before, 2026)
    status = dict(ev.long.select("uscc", "status").iter_rows())
    assert status == {"A": "pass", "B": "unknown", "C": "fail", "D": "fail"}
    cands = ev.candidates()
    assert cands["uscc"].to_list() == ["A"]
    after = before.with_columns(
        pl.when((pl.col("uscc") == "B") & (pl.col("fiscal_year") == 2024))
        .then(2_000_000.0)
        .otherwise(pl.col("rd_expense_deduction_basis"))
        .alias("rd_expense_deduction_basis")
    )
    ev = evaluate([RD], after, 2026)
    # B: Δ = 100万 → 50万 × 3% = 1.5万 = 1,500,000 分
    assert dict(ev.candidates().select("uscc", "computed").iter_rows()) == {
        "A": 1_900_000,
        "B": 1_500_000,
    }


def test_candidate_amount_is_the_hand_value() -> None:
    panel = _panel([{"uscc": "A", "rd24": 1_000_000, "rd25": 2_200_000}])
    ev = evaluate([RD], panel, 2026)
    # Δ = 120万: band 1 (50, 100] → 1.5万; band 2 part 20万 × 2% = 0.4万 → 1.9万 = 1,900,000 分
    assert ev.candidates()["computed"].to_list() == [1_900_000]


def test_why_not_eligible_names_value_requirement_and_gap() -> None:
    panel = _panel([{"uscc": "C", "rd24": 1_000_000, "rd25": 1_400_000}])
    ev = evaluate([RD], panel, 2026)
    rows = {r["id"]: r for r in ev.explain("C", "rd-increment")["criteria"]}
    assert rows["R2"]["status"] == "unmet"
    assert rows["R2"]["value"] == 400_000
    assert rows["R2"]["gap"] == 100_000
    assert rows["R1"]["status"] == "met"


def test_simulation_counts_money_by_county_and_cuts() -> None:
    panel = _panel(
        [
            # first-time HNTE in 2025 and revenue crossing 10亿 → 20万 + 20万 = 40万 = cap
            {"uscc": "A", "hnte": {2024: False, 2025: True}, "rev": {2024: 4e8, 2025: 1.2e9}},
            # renewal → 5万
            {"uscc": "B", "region": "511112", "hnte": {2024: True, 2025: True}},
            # unknown Y-2 title → not a candidate
            {"uscc": "C", "hnte": {2025: True}},
        ]
    )
    sim = simulate([DRAFT], panel, 2026)
    assert sim.firms == 2
    assert sim.total == 20_000_000 + 20_000_000 + 5_000_000
    by = {
        r["region_code"]: (r["firms"], r["amount"]) for r in sim.by_county().iter_rows(named=True)
    }
    assert by == {"511102": (1, 40_000_000), "511112": (1, 5_000_000)}
    clauses = {r["clause"]: r for r in sim.by_clause().iter_rows(named=True)}
    assert clauses["hnte-first"]["unknown"] == 1


def test_simulation_reports_what_the_cap_cut() -> None:
    panel = _panel(
        [{"uscc": "A", "hnte": {2024: False, 2025: True}, "rev": {2024: 4e8, 2025: 2.5e9}}]
    )
    sim = simulate([DRAFT], panel, 2026)
    # 20万 + 40万 (band 20–30亿) = 60万 → policy cap 40万 cuts the revenue clause by 20万
    assert sim.total == 40_000_000
    assert sim.cut_totals().rows() == [("policy_cap", 1, 20_000_000)]


def test_stored_explanations_for_many_firms_at_once() -> None:
    # what an offer keeps (§1.6 eligibility rows): per firm, each condition with its label,
    # status, value, requirement, gap and citation; a firm not in the panel has no rows
    panel = _panel(
        [
            {"uscc": "C", "rd24": 1_000_000, "rd25": 1_400_000},  # Δ 40万: 10万 short of 50万
            {"uscc": "A", "rd24": 1_000_000, "rd25": 2_200_000},  # Δ 120万: met
        ]
    )
    ev = evaluate([RD], panel, 2026)
    rows = explanations(ev, "rd-increment", ["C", "A", "Z"])
    assert list(rows) == ["C", "A", "Z"] and rows["Z"] == []
    r1, r2 = rows["C"]
    assert (r1["id"], r1["label"], r1["status"]) == ("R1", "注册地在乐山市", "met")
    assert (r2["id"], r2["status"], r2["value"], r2["requirement"], r2["gap"]) == (
        "R2",
        "unmet",
        400_000,
        500_000,
        100_000,
    )
    assert r2["cite"] == "§1.5(a) 第一档 (50万, 100万]"
    assert [(r["id"], r["status"], r["gap"]) for r in rows["A"]] == [
        ("R1", "met", None),
        ("R2", "met", 0),
    ]
    assert explanations(ev, "rd-increment", []) == {}
