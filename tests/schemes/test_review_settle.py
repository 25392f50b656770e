"""Settling a unit after the expert review (``schemes.review``), hand-computed from the rules.

高新技术企业认定 (hnte-2016): the 创新能力评价 total must exceed 70 (195号 "70分以上（不含70分）",
criteria.md §1.1 H7 and §1.5); groups A 知识产权 ≤ 30, B 成果转化 ≤ 30, C 研发组织管理 ≤ 20,
D 成长性 ≤ 20 (criteria.md §1.5); every gate H0–H8 is required. Expert-judged items carry a
points interval and ``manual_review`` (criteria.md §0.3), the expert picks a value inside it.
科技型中小企业 (tech-sme-2017): 研发投入 is *one* of two measures (criteria.md §2.3: the better
one, group RD combines by max, ≤ 50), 科技人员 must score above 0, pass at 60, and a direct route
D1–D4 confirms without scoring (criteria.md §2.2).
"""

from __future__ import annotations

import pytest

from jiazhou.schemes import load_scheme
from jiazhou.schemes.review import (
    MET,
    NA,
    REVIEW,
    UNKNOWN,
    UNMET,
    Criterion,
    ReviewError,
    apply_decisions,
    settle,
)

HNTE = load_scheme("hnte-2016")
TECH_SME = load_scheme("tech-sme-2017")
HNTE_GATES = ("H0", "H1", "H2", "H3", "H4", "H5", "H5b", "H6", "H8")


def _item(lo: float, hi: float | None = None, status: str = MET) -> Criterion:
    return Criterion("item", status, lo, lo if hi is None else hi)


def _gate(status: str = MET, kind: str = "gate") -> Criterion:
    return Criterion(kind, status)


def hnte(points: dict[str, float], **gates: str) -> dict[str, Criterion]:
    """Every gate met unless named; each item at the given points (0 when not named)."""
    out = {g: _gate(gates.get(g, MET)) for g in HNTE_GATES}
    for item in HNTE.items:
        value = points.get(item.id, 0.0)
        out[item.id] = _item(value, status=MET if value > 0 else UNMET)
    return out


# A 8+8+8+6 = 30, B 25, C 6+6+4+4 = 20 → 75 before D; D adds what the case needs.
FULL_ABC = {"A1": 8, "A2": 8, "A3": 8, "A4": 6, "B1": 25, "C1": 6, "C2": 6, "C3": 4, "C4": 4}


def test_hnte_total_of_70_fails_and_71_passes_不含70() -> None:
    # 75 − 5 = 70 with D 0: 不含70 → fail; with D1 = 1 → 71 → pass.
    seventy = hnte({**FULL_ABC, "B1": 20})
    settled = settle(HNTE, seventy, {})
    assert (settled.status, settled.total_min, settled.total_max) == ("fail", 70.0, 70.0)
    assert settled.total == 70.0
    passing = settle(HNTE, hnte({**FULL_ABC, "B1": 20, "D1": 1}), {})
    assert (passing.status, passing.total) == ("pass", 71.0)
    assert passing.n_unmet == passing.n_unknown == passing.n_review == 0


def test_a_group_is_capped_at_its_maximum_知识产权_30() -> None:
    # A1–A4 full (30) plus A5 标准 2 → still 30 (criteria.md §1.5: "The IP indicator total stays
    # ≤ 30"); B 30, C 20, D 20 → 100, not 102.
    full = {**FULL_ABC, "A5": 2, "B1": 30, "D1": 10, "D2": 10}
    settled = settle(HNTE, hnte(full), {})
    assert (settled.status, settled.total) == ("pass", 100.0)


def test_an_open_interval_across_the_pass_mark_stays_under_review() -> None:
    # A1 under review in [0, 8]: A 22 … 30, C 20, D 0; with B 20 the total is 62 … 70 → fail at
    # best (不含70); with B 21 it is 63 … 71: it can pass, it has not passed → review.
    criteria = hnte({**FULL_ABC, "B1": 21})
    criteria["A1"] = _item(0, 8, REVIEW)
    settled = settle(HNTE, criteria, {})
    assert (settled.status, settled.total_min, settled.total_max) == ("review", 63.0, 71.0)
    assert settled.total is None and settled.n_review == 1
    assert settle(HNTE, {**criteria, "B1": _item(20)}, {}).status == "fail"
    # the expert's 8 settles it at 71 → pass; 7 → 70 → fail
    decided = settle(HNTE, criteria, {"A1": 8})
    assert (decided.status, decided.total) == ("pass", 71.0)
    assert decided.n_review == 0 and decided.criteria["A1"] == Criterion("item", MET, 8.0, 8.0)
    assert settle(HNTE, criteria, {"A1": 7}).status == "fail"


def test_the_low_end_at_the_pass_mark_passes_only_when_nothing_is_open() -> None:
    # every item fixed, total 80; a required gate (H2 核心知识产权) still under review → review;
    # decided met → pass; decided unmet → fail (all eight conditions must hold, §1.1).
    criteria = hnte({**FULL_ABC, "D1": 5})
    criteria["H2"] = _gate(REVIEW)
    open_gate = settle(HNTE, criteria, {})
    assert (open_gate.status, open_gate.total, open_gate.n_review) == ("review", 80.0, 1)
    assert settle(HNTE, criteria, {"H2": True}).status == "pass"
    unmet = settle(HNTE, criteria, {"H2": False})
    assert (unmet.status, unmet.n_unmet) == ("fail", 1)


def test_missing_data_reads_unknown_before_review() -> None:
    # H4 unknown (data missing) and H2 under review: unknown wins over review
    criteria = hnte({**FULL_ABC, "D1": 5}, H4=UNKNOWN, H2=REVIEW)
    settled = settle(HNTE, criteria, {})
    assert (settled.status, settled.n_unknown, settled.n_review) == ("unknown", 1, 1)
    # an item with missing data counts as unknown too, but does not hold the result open
    only_item = hnte({**FULL_ABC, "D1": 5})
    only_item["D2"] = _item(0, 10, UNKNOWN)
    item_unknown = settle(HNTE, only_item, {})
    assert (item_unknown.status, item_unknown.n_unknown) == ("pass", 1)
    only_item["B1"] = _item(0, 30, UNKNOWN)  # 50 … 80: cannot tell yet
    assert settle(HNTE, only_item, {}).status == "unknown"
    only_item["D2"] = _item(0)
    only_item["B1"] = _item(0, 30, REVIEW)
    assert settle(HNTE, only_item, {}).status == "review"


def test_an_unmet_required_gate_fails_even_with_full_marks() -> None:
    full = {**FULL_ABC, "B1": 30, "D1": 10, "D2": 10}
    settled = settle(HNTE, hnte(full, H8=UNMET), {})
    assert (settled.status, settled.n_unmet, settled.total) == ("fail", 1, 100.0)


def test_not_applicable_and_absent_items_score_nothing() -> None:
    criteria = hnte({**FULL_ABC, "D1": 5})
    criteria["D1"] = Criterion("item", NA, 5.0, 5.0)  # not applicable: its points do not count
    assert settle(HNTE, criteria, {}).total == 75.0
    del criteria["D1"]
    assert settle(HNTE, criteria, {}).total == 75.0
    criteria["D1"] = Criterion("item", MET, None, None)  # no points stored: 0
    assert settle(HNTE, criteria, {}).total == 75.0


def test_totals_are_rounded_to_ten_decimals() -> None:
    # 0.1 + 0.2 is 0.30000000000000004 in binary floating point; the stored total is 0.3
    criteria = {g: _gate() for g in HNTE_GATES} | {"C1": _item(0.1), "C2": _item(0.2)}
    settled = settle(HNTE, criteria, {})
    assert settled.total_min == settled.total_max == 0.3


# --- 科技型中小企业: max-combined group, top-level items, minimum points, direct routes -----------

TECH_GATES = ("T1", "T2a", "T2b", "T2c", "T3", "T4")


def tech(staff: float, rd_sales: float, rd_cost: float, ip: float, **more: Criterion):
    out = {g: _gate() for g in TECH_GATES}
    out |= {"STAFF": _item(staff), "RD_SALES": _item(rd_sales), "RD_COST": _item(rd_cost)}
    out |= {"IP": _item(ip)} | {d: _gate(UNMET, "route") for d in ("D1", "D2", "D3", "D4")}
    return out | more


def test_tech_sme_rd_counts_the_better_of_its_two_measures() -> None:
    # 科技人员 20 + 研发投入 max(20, 30) = 30 + 科技成果 12 = 62 ≥ 60 → pass (a sum would be 82)
    settled = settle(TECH_SME, tech(20, 20, 30, 12), {})
    assert (settled.status, settled.total) == ("pass", 62.0)
    # 12 + max(30, 10) + 12 = 54 < 60 → fail
    assert settle(TECH_SME, tech(12, 30, 10, 12), {}).status == "fail"
    # exactly 60 passes (60分以上, ≥): 16 + 20 + 24
    assert settle(TECH_SME, tech(16, 20, 0, 24), {}).status == "pass"
    assert settle(TECH_SME, tech(16, 20, 0, 23), {}).status == "fail"


def test_tech_sme_staff_score_of_zero_fails_whatever_the_total() -> None:
    # 科技人员 0 (< 10 %) ⇒ fails regardless of total (criteria.md §2.3): 0 + 50 + 30 = 80
    settled = settle(TECH_SME, tech(0, 50, 0, 30), {})
    assert (settled.status, settled.total) == ("fail", 80.0)
    assert settle(TECH_SME, tech(4, 50, 0, 30), {}).status == "pass"  # 4 points is enough
    # 科技人员 under review in [0, 4]: could still pass → review, not fail
    open_staff = tech(0, 50, 0, 30, STAFF=_item(0, 4, REVIEW))
    assert settle(TECH_SME, open_staff, {}).status == "review"
    assert settle(TECH_SME, open_staff, {"STAFF": 0}).status == "fail"
    assert settle(TECH_SME, open_staff, {"STAFF": 1}).status == "pass"


def test_tech_sme_direct_route_confirms_without_the_score() -> None:
    # 0 points on everything, but a valid 高企 certificate (D1) → pass (criteria.md §2.2)
    d1 = tech(0, 0, 0, 0, D1=_gate(MET, "route"))
    assert settle(TECH_SME, d1, {}).status == "pass"
    # D1 still under review: the route may hold → review; decided unmet → fail
    open_route = tech(0, 0, 0, 0, D1=_gate(REVIEW, "route"))
    assert settle(TECH_SME, open_route, {}).status == "review"
    assert settle(TECH_SME, open_route, {"D1": True}).status == "pass"
    assert settle(TECH_SME, open_route, {"D1": False}).status == "fail"
    # a route with missing data keeps the result open: it is not a failure yet
    unknown_route = tech(0, 0, 0, 0, D1=_gate(UNKNOWN, "route"))
    assert settle(TECH_SME, unknown_route, {}).status != "fail"
    # but a route does not excuse T1–T4: an unmet condition fails
    assert settle(TECH_SME, d1 | {"T3": _gate(UNMET)}, {}).status == "fail"


def test_tech_sme_an_optional_gate_unmet_does_not_fail() -> None:
    # RDM and T0 are informative (required = false): unmet does not fail, open does not hold
    assert not next(g for g in TECH_SME.gates if g.id == "RDM").required
    criteria = tech(20, 20, 30, 12, RDM=_gate(UNMET), T0=_gate(REVIEW))
    settled = settle(TECH_SME, criteria, {})
    assert (settled.status, settled.n_unmet, settled.n_review) == ("pass", 0, 0)


def test_nested_max_group_is_combined_before_its_parent() -> None:
    # 专精特新 2022 (srdi-sme-2022): 研发机构 RDIN (≤ 10, the better of X2a / X2b) inside 创新能力
    # XIN (≤ 35): X1 10 + max(8, 6) + X3 5 + X4 10 = 33 (a sum inside would cap at 35)
    srdi = load_scheme("srdi-sme-2022")
    criteria = {g.id: _gate() for g in srdi.gates}
    points = {"X1": 10, "X2a": 8, "X2b": 6, "X3": 5, "X4": 10}
    criteria |= {i.id: _item(points.get(i.id, 0)) for i in srdi.items}
    assert settle(srdi, criteria, {}).total == 33.0


def test_a_penalty_group_is_floored() -> None:
    # 乐山 创新积分 (innovation-points-2024-leshan): 扣分 PENALTY floored at −30;
    # −20 −10 −10 −20 = −60 → −30 (at most 30 points off)
    leshan = load_scheme("innovation-points-2024-leshan")
    penalties = {"P01": -20.0, "P02": -10.0, "P03": -10.0, "P04": -20.0}
    criteria = {i: _item(v) for i, v in penalties.items()} | {"T01": _item(50.0)}
    assert settle(leshan, criteria, {}).total == 20.0
    criteria |= {"P01": _item(-5.0), "P02": _item(0.0), "P03": _item(0.0), "P04": _item(0.0)}
    assert settle(leshan, criteria, {}).total == 45.0


# --- the expert's decisions --------------------------------------------------------------------


def test_points_must_lie_inside_the_stored_interval() -> None:
    criteria = {"A1": _item(3, 4, REVIEW)}  # A1 band C 一般 3–4 (criteria.md §1.5)
    for ok in (3, 3.5, 4):
        assert apply_decisions(criteria, {"A1": ok})["A1"] == Criterion("item", MET, ok, ok)
    for bad in (2.9, 4.1):
        with pytest.raises(ReviewError, match="points must lie in"):
            apply_decisions(criteria, {"A1": bad})
    with pytest.raises(ReviewError, match="points required"):
        apply_decisions(criteria, {"A1": True})


def test_zero_points_leave_the_item_unmet() -> None:
    criteria = {"A1": _item(0, 8, REVIEW)}  # E 无 → 0
    assert apply_decisions(criteria, {"A1": 0})["A1"].status == UNMET
    assert apply_decisions(criteria, {"A1": 1})["A1"].status == MET


def test_an_interval_with_open_ends_reads_from_zero_to_its_low_end() -> None:
    # no upper end stored: only the low end may be chosen; no lower end: from 0
    assert (
        apply_decisions({"X": Criterion("item", REVIEW, 3.0, None)}, {"X": 3})["X"].points_max == 3
    )
    with pytest.raises(ReviewError):
        apply_decisions({"X": Criterion("item", REVIEW, 3.0, None)}, {"X": 3.5})
    no_low = {"X": Criterion("item", REVIEW, None, 5.0)}
    assert apply_decisions(no_low, {"X": 0})["X"].points_min == 0
    with pytest.raises(ReviewError):
        apply_decisions(no_low, {"X": -1})


def test_gates_and_routes_take_met_or_unmet_only() -> None:
    for kind in ("gate", "route"):
        criteria = {"G": Criterion(kind, REVIEW, None, None)}
        assert apply_decisions(criteria, {"G": True})["G"] == Criterion(kind, MET, None, None)
        assert apply_decisions(criteria, {"G": False})["G"].status == UNMET
        with pytest.raises(ReviewError, match="decide met or unmet"):
            apply_decisions(criteria, {"G": 1})


def test_only_criteria_under_review_can_be_decided() -> None:
    with pytest.raises(ReviewError, match="not under manual review"):
        apply_decisions({"A3": _item(7)}, {"A3": 7})  # computed, not judged
    with pytest.raises(ReviewError, match="not under manual review"):
        apply_decisions({}, {"A1": 7})
    untouched = {"A3": _item(7), "A1": _item(0, 8, REVIEW)}
    assert apply_decisions(untouched, {})["A1"].status == REVIEW


def test_a_negative_decision_leaves_the_item_unmet_as_the_engine_codes_it() -> None:
    # 乐山 减分 P01 (a major incident, −20 … 0): the engine codes an item "met" only when its
    # points are above 0 (sqlgen: `points > 0` → met, else unmet); −10 points is no score
    criteria = {"P01": Criterion("item", REVIEW, -20.0, 0.0)}
    decided = apply_decisions(criteria, {"P01": -10})["P01"]
    assert decided == Criterion("item", UNMET, -10.0, -10.0)


def test_an_unscored_scheme_passes_on_its_conditions_alone() -> None:
    # 独角兽 (unicorn): conditions U1–U5 only, no score (criteria.md §4.4)
    unicorn = load_scheme("unicorn")
    criteria = {g.id: _gate() for g in unicorn.gates}
    settled = settle(unicorn, criteria, {})
    assert (settled.status, settled.total) == ("pass", 0.0)
    criteria["U2"] = _gate(REVIEW)
    assert settle(unicorn, criteria, {"U2": True}).status == "pass"
    assert settle(unicorn, criteria, {"U2": False}).status == "fail"
