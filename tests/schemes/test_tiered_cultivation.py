"""优质中小企业梯度培育: 工信部企业〔2022〕63号 附件1-3 and 工信部企业〔2026〕2号 附件1-2 (criteria.md §3).

Baseline for the 2022 innovative-SME score: IP class I self-developed 15; R&D 6 % → 20;
growth 0 % → 5; debt 40 % → 10; strategic emerging → 10; main business 95 % → 20: total 80.
"""

from __future__ import annotations

import datetime as dt

import pytest
from tests.schemes.conftest import crit, frame, run, summ, unit

from jiazhou.schemes import list_schemes, parse_scheme
from jiazhou.schemes.engine import LIBRARY, score

INNOV = "innovative-sme-2022"


def test_innovative_baseline_score_63号_附件1() -> None:
    r = run(INNOV, unit())
    s = summ(r)
    assert (s["total"], s["status"]) == (80.0, "pass")
    assert r.wide["INNOV__points_min"][0] == 35.0
    assert r.wide["GROWTH__points_min"][0] == 15.0
    assert r.wide["SPEC__points_min"][0] == 30.0


@pytest.mark.parametrize(
    ("ratio", "points", "boundary"),
    [
        (0.05, 20.0, True),
        (0.0499, 15.0, False),
        (0.03, 15.0, True),
        (0.02, 10.0, True),
        (0.01, 5.0, True),
        (0.0099, 0.0, False),
    ],
)
def test_rd_band_boundary_goes_to_favourable_band_and_is_flagged_criteria_0_3(
    ratio: float, points: float, boundary: bool
) -> None:
    c = crit(run(INNOV, unit(rd_expense_audited=4e7 * ratio)), "RD")
    assert (c["points_min"], c["boundary"]) == (points, boundary)


def test_unfavourable_boundary_rule_is_configurable_criteria_0_3() -> None:
    text = (
        (LIBRARY / f"{INNOV}.toml")
        .read_text(encoding="utf-8")
        .replace('boundary_rule = "favourable"', 'boundary_rule = "unfavourable"')
    )
    scheme = parse_scheme(text, "unfavourable.toml")
    r = score(frame([unit(rd_expense_audited=4e7 * 0.05)]), scheme)
    assert crit(r, "RD")["points_min"] == 15.0
    assert crit(r, "RD")["boundary"] is True


@pytest.mark.parametrize(
    ("liabilities", "points"), [(0.55, 10.0), (0.56, 5.0), (0.75, 5.0), (0.76, 0.0)]
)
def test_debt_ratio_bands_63号_附件1_指标4(liabilities: float, points: float) -> None:
    c = crit(run(INNOV, unit(total_liabilities=5e7 * liabilities)), "DEBT")
    assert c["points_min"] == points


def test_growth_band_uses_y1_over_y2_criteria_3_2() -> None:
    u = unit(main_business_revenue_y2=3e7, main_business_revenue_y1=3.45e7)  # +15 %
    c = crit(run(INNOV, u), "GROW")
    assert c["value"] == pytest.approx(0.15)
    assert (c["points_min"], c["boundary"]) == (20.0, True)


def test_group_minimum_innovation_20_63号_附件1() -> None:
    # IP class II only → 5; R&D 2 % → 10: 创新能力 15 < 20 although the total reaches 60.
    u = unit(ip_class1_count=0.0, ip_class1_self_count=0.0, rd_expense_audited=8e5)
    s = summ(run(INNOV, u))
    assert s["total"] == 60.0
    assert s["status"] == "fail"


@pytest.mark.parametrize(
    "route",
    [
        {"provincial_award_3y": True},
        {"hnte_certified": True},
        {"ip_demo_title": True},
        {"rd_institution_level": 3.0},
        {"qualified_equity_financing": 2e6},
    ],
)
def test_direct_conditions_63号_附件1(route: dict[str, object]) -> None:
    weak = unit(
        ip_class1_count=0.0,
        ip_class1_self_count=0.0,
        ip_class2_count=0.0,
        rd_expense_audited=0.0,
        **route,
    )
    assert summ(run(INNOV, weak))["status"] == "pass"  # equity 3 × 200万 = 600万 ≥ 500万


def test_equity_route_below_500万_fails() -> None:
    weak = unit(
        ip_class1_count=0.0,
        ip_class1_self_count=0.0,
        ip_class2_count=0.0,
        rd_expense_audited=0.0,
        qualified_equity_financing=1.6e6,
    )
    r = run(INNOV, weak)
    assert crit(r, "ID4")["status"] == "unmet"
    assert crit(r, "ID4")["gap"] == pytest.approx(2e5)
    assert summ(r)["status"] == "fail"


def test_basic_eligibility_large_enterprise_fails_63号() -> None:
    assert crit(run(INNOV, unit(sme_size_class="large")), "B2")["status"] == "unmet"


def test_incident_two_years_ago_fails_unless_not_yet_founded_63号() -> None:
    assert summ(run(INNOV, unit(major_incident_y2=True)))["status"] == "fail"
    young = unit(fiscal_years_operated=1.0, major_incident_y2=None, major_incident_y3=None)
    assert crit(run(INNOV, young), "B5")["status"] == "met"


def test_2026_tier1_holds_through_tech_sme_entry_2号_第三十条() -> None:
    weak = unit(
        ip_class1_count=0.0,
        ip_class1_self_count=0.0,
        ip_class2_count=0.0,
        rd_expense_audited=0.0,
        tech_sme_registered=True,
    )
    assert summ(run("innovative-sme-2026", weak))["status"] == "pass"
    assert summ(run(INNOV, weak))["status"] == "fail"


def test_versions_selected_by_date_criteria_3_1() -> None:
    before = {s.code for s in list_schemes(dt.date(2026, 3, 31))}
    after = {s.code for s in list_schemes(dt.date(2026, 4, 1))}
    assert {"srdi-sme-2022", "little-giant-2022", "innovative-sme-2022"} <= before
    assert not {"srdi-sme-2026", "little-giant-2026"} & before
    assert {"srdi-sme-2026", "little-giant-2026", "innovative-sme-2026"} <= after
    assert "srdi-sme-2022" not in after


# --- 专精特新 2022 (63号 附件2) ----------------------------------------------------------------


def test_srdi_2022_score_by_hand_63号_附件2() -> None:
    r = run("srdi-sme-2022", unit())
    # 专: share 95 % → 5, growth 0 → 2, segment 6 years → 3, chain role 2 → 5 = 15.
    # 精: level 3 → 5, 2 marks → min(5, 6) = 5, margin 10 % → 10, debt 40 % → 5 = 25.
    # 特: [0, 15] manual. 新: class I self → 8, R&D max(240万 → 4, 6 % → 6) = 6,
    #      R&D staff 20 % → 5, municipal institution → 4 = 23.
    s = summ(r)
    assert (s["total_min"], s["total_max"]) == (63.0, 78.0)
    assert s["status"] == "pass"
    assert crit(r, "Z3")["points_min"] == 3.0
    assert r.wide["RDIN__points_min"][0] == 6.0


def test_srdi_2022_rd_condition_100万_and_3_percent_63号_附件2_二() -> None:
    c = crit(run("srdi-sme-2022", unit(rd_expense_audited=9.9e5)), "S2")
    assert c["status"] == "unmet"
    assert c["requirement"] == pytest.approx(1.2e6)  # max(100万, 3 % × 4,000万)


def test_srdi_2022_revenue_or_equity_63号_附件2_三() -> None:
    small = unit(operating_revenue=9e6, main_business_revenue=8.5e6, rd_expense_audited=1e6)
    assert crit(run("srdi-sme-2022", small), "S3")["status"] == "unmet"
    funded = dict(small, qualified_equity_financing_y1=1.2e7, qualified_equity_financing_y2=8e6)
    assert crit(run("srdi-sme-2022", funded), "S3")["status"] == "met"


@pytest.mark.parametrize(("debt", "points"), [(0.70, 1.0), (0.71, 0.0), (0.50, 5.0)])
def test_srdi_2022_debt_boundary_favourable_criteria_0_3(debt: float, points: float) -> None:
    assert (
        crit(run("srdi-sme-2022", unit(total_liabilities=5e7 * debt)), "J4")["points_min"] == points
    )


def test_srdi_2022_chuangke_top500_route_63号_附件2_四() -> None:
    weak = unit(
        ip_class1_count=0.0,
        ip_class1_self_count=0.0,
        ip_class2_count=0.0,
        rd_institution_level=0.0,
        digitalization_level=1.0,
        quality_marks=0.0,
        net_profit=0.0,
        key_chain_role=0.0,
    )
    assert summ(run("srdi-sme-2022", weak))["status"] == "fail"
    assert summ(run("srdi-sme-2022", dict(weak, chuangke_rank_3y_y1=480.0)))["status"] == "pass"


# --- 专精特新 2026 (2号 附件1) -----------------------------------------------------------------


def test_srdi_2026_needs_expert_review_of_market_position_criteria_3_3_1() -> None:
    r = run("srdi-sme-2026", unit())
    assert crit(r, "S7")["status"] == "manual_review"
    assert summ(r)["status"] == "review"


@pytest.mark.parametrize(
    ("overrides", "gate"),
    [
        ({"segment_years": 2.0}, "S3"),
        (
            {
                "operating_revenue": 1.4e7,
                "main_business_revenue": 1.33e7,
                "rd_expense_audited": 1e6,
            },
            "S4a",
        ),
        ({"main_business_revenue": 3.1e7}, "S4b"),
        ({"total_liabilities": 4.05e7}, "S4c"),
        ({"rd_expense_audited_y2": 9e5}, "S5"),
        ({"specialized_dev_score": 49.0}, "S8"),
        ({"tech_sme_registered": False}, "S2"),
    ],
)
def test_srdi_2026_conditions_2号_附件1(overrides: dict[str, object], gate: str) -> None:
    r = run("srdi-sme-2026", unit(**overrides))
    assert crit(r, gate)["status"] == "unmet"
    assert summ(r)["status"] == "fail"


def test_srdi_2026_thresholds_are_inclusive() -> None:
    edge = unit(
        operating_revenue=1.5e7,
        main_business_revenue=1.2e7,
        total_liabilities=4e7,
        rd_expense_audited=1e6,
        specialized_dev_score=50.0,
    )
    r = run("srdi-sme-2026", edge)
    assert [crit(r, g)["status"] for g in ("S4a", "S4b", "S4c", "S5", "S8")] == ["met"] * 5


# --- 小巨人 ------------------------------------------------------------------------------------


def _giant() -> dict[str, object]:
    return unit(
        operating_revenue=8e7,
        main_business_revenue=7.6e7,
        operating_revenue_y3=7e7,
        rd_expense_audited=6.4e6,
        ip_class1_count=5.0,
    )


def test_little_giant_2026_by_hand_2号_附件2() -> None:
    r = run("little-giant-2026", _giant())
    # CAGR (8,000万 / 7,000万)^½ − 1 = 6.9 % ≥ 5 %; R&D 2 × 640万 = 1,280万 ≥ 1,200万, 8 % a year.
    assert r.wide["revenue_cagr_2y"][0] == pytest.approx((8 / 7) ** 0.5 - 1)
    statuses = {g: crit(r, g)["status"] for g in ("X1", "X2a", "X2b", "X2c", "X2d", "X3", "X7")}
    assert set(statuses.values()) == {"met"}
    assert crit(r, "X6")["status"] == "manual_review"
    assert summ(r)["status"] == "review"


@pytest.mark.parametrize(
    ("overrides", "gate"),
    [
        ({"operating_revenue_y1": 4.9e7}, "X2a"),
        ({"rd_expense_audited": 5.9e6}, "X3"),
        ({"ip_class1_count": 3.0}, "X4"),
        ({"market_share": 0.05, "market_rank": 4.0}, "X5"),
        ({"specialized_dev_score": 59.0}, "X7"),
        ({"srdi_sme_title": False}, "X1"),
    ],
)
def test_little_giant_2026_failures_2号_附件2(overrides: dict[str, object], gate: str) -> None:
    changed = {k: v for k, v in unit(**overrides).items() if v != unit().get(k)}
    r = run("little-giant-2026", {**_giant(), **changed})
    assert crit(r, gate)["status"] == "unmet"


def test_little_giant_2022_innovation_routes_63号_附件3() -> None:
    g = _giant()
    r = run("little-giant-2022", g)
    assert crit(r, "L8")["status"] == "manual_review"  # general route met, needs confirmation
    weak = dict(g, ip_class1_count_y1=0.0)
    assert crit(run("little-giant-2022", weak), "L8")["status"] == "unmet"
    assert (
        crit(run("little-giant-2022", dict(weak, chuangke_rank_3y_y1=40.0)), "L8")["status"]
        == "manual_review"
    )


@pytest.mark.parametrize(
    ("share", "points"),
    [(0.70, 20.0), (0.6999, 15.0), (0.60, 15.0), (0.55, 10.0), (0.50, 5.0), (0.4999, 0.0)],
)
def test_main_business_share_bands_63号_附件1_指标6(share: float, points: float) -> None:
    c = crit(run(INNOV, unit(main_business_revenue=4e7 * share)), "MBR")
    assert c["points_min"] == points


@pytest.mark.parametrize(("emerging", "points"), [(True, 10.0), (False, 5.0)])
def test_leading_product_field_63号_附件1_指标5(emerging: bool, points: float) -> None:
    assert crit(run(INNOV, unit(strategic_emerging=emerging)), "FIELD")["points_min"] == points


@pytest.mark.parametrize(("years", "status"), [(2.0, "met"), (1.0, "unmet")])
def test_srdi_2022_segment_two_years_63号_附件2_一(years: float, status: str) -> None:
    assert crit(run("srdi-sme-2022", unit(segment_years=years)), "S1")["status"] == status


@pytest.mark.parametrize(
    ("overrides", "gate", "status"),
    [
        ({"firm_age_years": 3.0}, "L0", "met"),
        ({"firm_age_years": 2.0}, "L0", "unmet"),
        ({"segment_years": 3.0}, "L1", "met"),
        ({"segment_years": 2.0}, "L1", "unmet"),
        ({"main_business_revenue_y1": 5.6e7}, "L2", "met"),  # 70 % of 8,000万
        ({"main_business_revenue_y1": 5.5e7}, "L2", "unmet"),
        ({"total_liabilities_y1": 3.5e7}, "L4", "met"),  # 70 % of 5,000万
        ({"total_liabilities_y1": 3.6e7}, "L4", "unmet"),
    ],
)
def test_little_giant_2022_conditions_63号_附件3(
    overrides: dict[str, object], gate: str, status: str
) -> None:
    assert crit(run("little-giant-2022", {**_giant(), **overrides}), gate)["status"] == status


def test_little_giant_2022_growth_63号_附件3_专() -> None:
    # main business 3,000万 → 3,150万 → 3,307.5万: +5 % each year → average 5 % (met).
    g = {
        **_giant(),
        "main_business_revenue_y3": 3e7,
        "main_business_revenue_y2": 3.15e7,
        "main_business_revenue_y1": 3.3075e7,
        "operating_revenue_y1": 3.4e7,
    }
    c = crit(run("little-giant-2022", g), "L3")
    assert c["value"] == pytest.approx(0.05)
    assert c["status"] == "met"
