"""科技型中小企业评价 (tech-sme-2017): 国科发政〔2017〕115号 第六、七条, criteria.md §2.

Baseline: 100 staff with 30 scientific (20 points), R&D 240万 / sales 4,000万 = 6 % (50), one or
more class I IP (30): 100 points.
"""

from __future__ import annotations

import pytest
from tests.schemes.conftest import crit, run, summ, unit

TSME = "tech-sme-2017"


def test_baseline_full_marks_and_pass_115号_第七条() -> None:
    s = summ(run(TSME, unit()))
    assert (s["total"], s["status"]) == (100.0, "pass")


@pytest.mark.parametrize(
    ("gate", "column", "cap"),
    [
        ("T2a", "employees_total", 500.0),
        ("T2b", "operating_revenue", 2e8),
        ("T2c", "total_assets", 2e8),
    ],
)
def test_t2_size_caps_include_the_cap_115号_第六条_二(gate: str, column: str, cap: float) -> None:
    at = crit(run(TSME, unit(**{column: cap})), gate)
    over = crit(run(TSME, unit(**{column: cap + 1})), gate)
    assert at["status"] == "met"
    assert over["status"] == "unmet"
    assert over["gap"] == 1.0


@pytest.mark.parametrize(
    ("tech", "points"),
    [
        (30.0, 20.0),
        (29.0, 16.0),
        (25.0, 16.0),
        (24.0, 12.0),
        (20.0, 12.0),
        (19.0, 8.0),
        (15.0, 8.0),
        (14.0, 4.0),
        (10.0, 4.0),
        (9.0, 0.0),
    ],
)
def test_staff_bands_lower_bound_included_115号_附件(tech: float, points: float) -> None:
    c = crit(run(TSME, unit(tech_staff=tech, employees_total=100.0)), "STAFF")
    assert c["points_min"] == c["points_max"] == points


def test_zero_staff_score_fails_even_with_60_points_115号_第六条_五() -> None:
    s = summ(run(TSME, unit(tech_staff=9.0)))
    assert s["total"] == 80.0
    assert s["status"] == "fail"


@pytest.mark.parametrize(
    ("ratio", "points"),
    [
        (0.06, 50.0),
        (0.0599, 40.0),
        (0.05, 40.0),
        (0.04, 30.0),
        (0.03, 20.0),
        (0.02, 10.0),
        (0.0199, 0.0),
    ],
)
def test_rd_sales_bands_115号_附件(ratio: float, points: float) -> None:
    u = unit(rd_expense_deduction_basis=4e7 * ratio, cost_expense_total=1e12)
    c = crit(run(TSME, u), "RD_SALES")
    assert c["points_min"] == points


def test_rd_takes_the_better_measure_criteria_2_3() -> None:
    # R&D 80万: 2 % of sales (10 points) but 20 % of costs of 400万 (30 points) → 30.
    r = run(TSME, unit(rd_expense_deduction_basis=8e5, cost_expense_total=4e6))
    assert crit(r, "RD_SALES")["points_min"] == 10.0
    assert crit(r, "RD_COST")["points_min"] == 30.0
    assert r.wide["RD__points_min"][0] == 30.0


@pytest.mark.parametrize(
    ("ip1", "ip2", "points"),
    [
        (1.0, 0.0, 30.0),
        (0.0, 4.0, 24.0),
        (0.0, 3.0, 18.0),
        (0.0, 2.0, 12.0),
        (0.0, 1.0, 6.0),
        (0.0, 0.0, 0.0),
    ],
)
def test_ip_bands_115号_附件(ip1: float, ip2: float, points: float) -> None:
    c = crit(run(TSME, unit(ip_class1_count=ip1, ip_class2_count=ip2)), "IP")
    assert c["points_min"] == points


def test_pass_mark_60_included_115号_第六条_五() -> None:
    # staff 20 % → 12; R&D 4 % → 30; 3 class II → 18: exactly 60.
    u = unit(
        tech_staff=20.0,
        rd_expense_deduction_basis=1.6e6,
        cost_expense_total=1e12,
        ip_class1_count=0.0,
        ip_class2_count=3.0,
    )
    s = summ(run(TSME, u))
    assert (s["total"], s["status"]) == (60.0, "pass")
    u2 = unit(
        tech_staff=20.0,
        rd_expense_deduction_basis=1.6e6,
        cost_expense_total=1e12,
        ip_class1_count=0.0,
        ip_class2_count=2.0,
    )
    assert summ(run(TSME, u2))["status"] == "fail"


def test_direct_route_hnte_certificate_skips_scoring_115号_第七条() -> None:
    u = unit(
        hnte_certified=True,
        tech_staff=0.0,
        rd_expense_deduction_basis=0.0,
        ip_class1_count=0.0,
        ip_class2_count=0.0,
    )
    s = summ(run(TSME, u))
    assert s["total"] == 0.0
    assert (s["route_met"], s["status"]) == (True, "pass")


def test_direct_route_does_not_waive_size_caps_115号_第六条() -> None:
    s = summ(run(TSME, unit(hnte_certified=True, employees_total=800.0)))
    assert s["status"] == "fail"


@pytest.mark.parametrize("route", ["national_award_5y_top3", "standard_led_5y"])
def test_other_direct_routes_115号_第七条(route: str) -> None:
    u = unit(tech_staff=0.0, **{route: True})
    assert summ(run(TSME, u))["status"] == "pass"


def test_d3_provincial_rd_institution_route() -> None:
    assert summ(run(TSME, unit(tech_staff=0.0, rd_institution_level=3.0)))["status"] == "pass"
    assert summ(run(TSME, unit(tech_staff=0.0, rd_institution_level=2.0)))["status"] == "fail"


def test_t4_misconduct_fails_115号_第六条_四() -> None:
    r = run(TSME, unit(research_misconduct=True))
    assert crit(r, "T4")["status"] == "unmet"
    assert summ(r)["status"] == "fail"


def test_deemed_tax_collection_is_flagged_not_failed_criteria_2_1() -> None:
    r = run(TSME, unit(tax_collection_method="deemed"))
    assert crit(r, "T0")["status"] == "unmet"
    assert summ(r)["status"] == "pass"  # a data-quality precondition, not a scored item


def test_missing_staff_is_unknown_and_scores_an_interval() -> None:
    r = run(TSME, unit(tech_staff=None))
    c = crit(r, "STAFF")
    assert c["status"] == "unknown"
    assert (c["points_min"], c["points_max"]) == (0.0, 20.0)
    s = summ(r)
    assert (s["total_min"], s["total_max"], s["status"]) == (80.0, 100.0, "unknown")


@pytest.mark.parametrize(
    ("overrides", "gate"),
    [({"resident_enterprise_cn": False}, "T1"), ({"prohibited_product": True}, "T3")],
)
def test_t1_t3_115号_第六条(overrides: dict[str, object], gate: str) -> None:
    r = run(TSME, unit(**overrides))
    assert crit(r, gate)["status"] == "unmet"
    assert summ(r)["status"] == "fail"
