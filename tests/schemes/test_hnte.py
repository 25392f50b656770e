"""高新技术企业认定 (hnte-2016): every condition, band and boundary, hand-computed.

Articles: 国科发火〔2016〕32号 第十一条 and 国科发火〔2016〕195号, as summarised in criteria.md §1.
The baseline unit (conftest) has sales 4,000万 a year, R&D 6 %, staff 30 %, high-tech income 75 %,
2 class I + 6 class II IP, 5 conversions a year and no growth.
"""

from __future__ import annotations

import pytest
from tests.schemes.conftest import crit, run, summ, unit

HNTE = "hnte-2016"


def test_baseline_interval_and_review_status_195号_estimated_total() -> None:
    r = run(HNTE, unit())
    s = summ(r)
    # A = min(30, [0,8]+[0,8]+[7,8]+[1,6]+[1,2]) = [9, 30]; B avg 5 → [25, 30]; C [0, 20]; D 0.
    assert (s["total_min"], s["total_max"]) == (34.0, 80.0)
    assert s["total"] is None  # an interval, never a fake point value
    assert s["status"] == "review"  # H2/H3 and the expert items need review
    assert s["n_unmet"] == 0


@pytest.mark.parametrize(("days", "status"), [(365, "met"), (364, "unmet")])
def test_h1_registered_365_days_32号_第十一条_一(days: int, status: str) -> None:
    c = crit(run(HNTE, unit(age_days=float(days))), "H1")
    assert c["status"] == status
    assert c["gap"] == (0.0 if status == "met" else 1.0)


@pytest.mark.parametrize(
    ("tech", "status", "hire"), [(10.0, "met", 0.0), (9.0, "unmet", 2.0), (5.0, "unmet", 6.0)]
)
def test_h4_staff_share_and_staff_to_hire_32号_第十一条_四_criteria_1_3(
    tech: float, status: str, hire: float
) -> None:
    # x = ceil((0.10·E − T) / 0.90): E = 100, T = 9 → ceil(1.11) = 2; T = 5 → ceil(5.56) = 6.
    c = crit(run(HNTE, unit(tech_staff=tech, employees_total=100.0)), "H4")
    assert (c["status"], c["gap"]) == (status, hire)


@pytest.mark.parametrize(
    ("sales", "required"),
    [
        (5e7, 0.05),  # 5,000万元以下（含）→ 5 %
        (5e7 + 1, 0.04),  # above 5,000万 → 4 %
        (2e8, 0.04),  # 2亿元以下（含）→ 4 %
        (2e8 + 1, 0.03),  # above 2亿 → 3 %
    ],
)
def test_h5_rd_ratio_tier_by_sales_y1_32号_第十一条_五(sales: float, required: float) -> None:
    c = crit(run(HNTE, unit(sales_revenue_hnte=sales, rd_expense_hnte=sales * required)), "H5")
    assert c["requirement"] == pytest.approx(required)
    assert c["status"] == "met"  # exactly at the ratio: 不低于 includes it


def test_h5_rd_short_in_yuan_criteria_1_3() -> None:
    # Σsales = 1.2亿, ΣR&D = 480万 (4 %) < 5 % → short by 0.05·1.2亿 − 480万 = 120万.
    c = crit(run(HNTE, unit(rd_expense_hnte=1.6e6, rd_domestic_hnte=1.6e6)), "H5")
    assert c["status"] == "unmet"
    assert c["gap"] == pytest.approx(1.2e6)
    assert c["value"] == pytest.approx(0.04)


def test_h5_young_firm_uses_years_actually_operated_32号_criteria_1_4() -> None:
    # Founded in Y-1: the window is {Y-1}; missing earlier years are not needed.
    young = unit(
        fiscal_years_operated=1.0,
        sales_revenue_hnte_y2=None,
        sales_revenue_hnte_y3=None,
        rd_expense_hnte_y2=None,
        rd_expense_hnte_y3=None,
        rd_domestic_hnte_y2=None,
        rd_domestic_hnte_y3=None,
    )
    r = run(HNTE, young)
    assert crit(r, "H5")["status"] == "met"
    assert r.wide["sales_3y"][0] == 4e7


def test_h5_missing_year_is_unknown_not_zero() -> None:
    r = run(HNTE, unit(rd_expense_hnte_y3=None))
    assert crit(r, "H5")["status"] == "unknown"
    assert summ(r)["status"] == "unknown"


@pytest.mark.parametrize(("share", "status"), [(0.60, "met"), (0.59, "unmet")])
def test_h5b_domestic_rd_share_32号_第十一条_五(share: float, status: str) -> None:
    c = crit(run(HNTE, unit(rd_domestic_hnte=2.4e6 * share)), "H5b")
    assert c["status"] == status
    # needed_domestic = 0.60·ΣR&D − Σdomestic = 0.01 · 720万 = 7.2万 when the share is 59 %.
    assert c["gap"] == pytest.approx(0.0 if status == "met" else 72_000.0)


@pytest.mark.parametrize(("hitech", "status", "gap"), [(2.4e7, "met", 0.0), (2.0e7, "unmet", 4e6)])
def test_h6_hitech_income_share_32号_第十一条_六(hitech: float, status: str, gap: float) -> None:
    c = crit(run(HNTE, unit(hitech_product_income=hitech)), "H6")
    assert (c["status"], c["gap"]) == (status, pytest.approx(gap))


def test_h8_major_incident_fails_32号_第十一条_八() -> None:
    r = run(HNTE, unit(major_incident=True))
    assert crit(r, "H8")["status"] == "unmet"
    assert summ(r)["status"] == "fail"


def test_h2_no_ip_cannot_be_recognised_32号_第十一条_二() -> None:
    r = run(HNTE, unit(ip_class1_count=0.0, ip_class2_count=0.0, ip_class2_unused_hnte_count=0.0))
    assert crit(r, "H2")["status"] == "unmet"
    assert crit(r, "A3")["points_max"] == 0.0
    assert summ(r)["status"] == "fail"


@pytest.mark.parametrize(
    ("field", "status"), [("8", "manual_review"), ("9", "unmet"), (None, "manual_review")]
)
def test_h3_supported_fields_32号_第十一条_三(field: str | None, status: str) -> None:
    assert crit(run(HNTE, unit(tech_field=field)), "H3")["status"] == status


@pytest.mark.parametrize(
    ("ip1", "ip2", "points"),
    [
        (1.0, 0.0, (7.0, 8.0)),
        (0.0, 5.0, (5.0, 6.0)),
        (0.0, 4.0, (3.0, 4.0)),
        (0.0, 3.0, (3.0, 4.0)),
        (0.0, 2.0, (1.0, 2.0)),
        (0.0, 1.0, (1.0, 2.0)),
    ],
)
def test_a3_ip_quantity_bands_195号(ip1: float, ip2: float, points: tuple[float, float]) -> None:
    c = crit(
        run(HNTE, unit(ip_class1_count=ip1, ip_class2_count=ip2, ip_class2_unused_hnte_count=ip2)),
        "A3",
    )
    assert (c["points_min"], c["points_max"]) == points
    assert c["status"] == "manual_review"


def test_a4_only_acquired_ip_195号() -> None:
    c = crit(run(HNTE, unit(ip_self_developed=False)), "A4")
    assert (c["points_min"], c["points_max"]) == (1.0, 3.0)


@pytest.mark.parametrize(
    ("years", "points"),
    [
        ((5.0, 5.0, 5.0), (25.0, 30.0)),
        ((5.0, 4.0, 3.0), (19.0, 24.0)),
        ((3.0, 3.0, 3.0), (13.0, 18.0)),
        ((2.0, 2.0, 2.0), (7.0, 12.0)),
        ((1.0, 1.0, 1.0), (1.0, 6.0)),
        ((1.0, 0.0, 0.0), (1.0, 6.0)),
        ((0.0, 0.0, 0.0), (0.0, 0.0)),
    ],
)
def test_b_conversion_annual_average_bands_195号(
    years: tuple[float, float, float], points: tuple[float, float]
) -> None:
    u = unit(conversions_y1=years[0], conversions_y2=years[1], conversions_y3=years[2])
    c = crit(run(HNTE, u), "B1")
    assert (c["points_min"], c["points_max"]) == points


def test_b_young_firm_averages_over_actual_years_criteria_1_4() -> None:
    u = unit(fiscal_years_operated=2.0, conversions_y1=3.0, conversions_y2=1.0, conversions_y3=None)
    r = run(HNTE, u)
    assert r.wide["conversions_avg"][0] == 2.0
    assert (crit(r, "B1")["points_min"], crit(r, "B1")["points_max"]) == (7.0, 12.0)


def test_d_growth_two_ratio_formula_195号() -> None:
    # NA(Y-3..Y-1) = 1000万, 1200万, 1500万 → ½(1.2 + 1.25) − 1 = 22.5 % → band C (5–6).
    # Sales 1000万, 1400万, 1960万 → ½(1.4 + 1.4) − 1 = 40 % → band A (9–10).
    u = unit(
        total_liabilities=0.0,
        total_assets_y3=1e7,
        total_assets_y2=1.2e7,
        total_assets_y1=1.5e7,
        sales_revenue_hnte_y3=1e7,
        sales_revenue_hnte_y2=1.4e7,
        sales_revenue_hnte_y1=1.96e7,
    )
    r = run(HNTE, u)
    assert r.wide["net_asset_growth"][0] == pytest.approx(0.225)
    assert r.wide["sales_growth"][0] == pytest.approx(0.40)
    assert (crit(r, "D1")["points_min"], crit(r, "D1")["points_max"]) == (5.0, 6.0)
    assert (crit(r, "D2")["points_min"], crit(r, "D2")["points_max"]) == (9.0, 10.0)


def test_d_first_year_zero_uses_last_two_years_criteria_1_5_d() -> None:
    u = unit(total_liabilities=0.0, total_assets_y3=0.0, total_assets_y2=1e7, total_assets_y1=1.1e7)
    r = run(HNTE, u)
    assert r.wide["net_asset_growth"][0] == pytest.approx(0.10)  # NA3/NA2 − 1 → band D (3–4)
    assert crit(r, "D1")["points_max"] == 4.0


def test_d_middle_year_zero_scores_zero_criteria_1_5_d() -> None:
    u = unit(total_liabilities=0.0, total_assets_y3=1e7, total_assets_y2=0.0, total_assets_y1=2e7)
    c = crit(run(HNTE, u), "D1")
    assert (c["value"], c["points_max"]) == (0.0, 0.0)


def test_d_negative_net_assets_is_manual_review_criteria_1_5_d() -> None:
    c = crit(run(HNTE, unit(total_liabilities_y2=6e7)), "D1")
    assert c["status"] == "manual_review"
    assert (c["points_min"], c["points_max"]) == (0.0, 10.0)


def test_d_boundary_35_percent_is_band_a_195号() -> None:
    u = unit(
        sales_revenue_hnte_y3=1e7, sales_revenue_hnte_y2=1.35e7, sales_revenue_hnte_y1=1.35e7 * 1.35
    )
    c = crit(run(HNTE, u), "D2")
    assert c["value"] == pytest.approx(0.35)
    assert c["points_min"] == 9.0  # values are rounded to 10 decimals before banding


@pytest.mark.parametrize(("c1", "status"), [(2.0, "fail"), (3.0, "review")])
def test_h7_pass_mark_is_strictly_above_70_32号_第十一条_七(c1: float, status: str) -> None:
    # total_max = A 30 + B (avg 4 → max 24) + C (c1 + 6 + 4 + 4) + D 0 = 70 or 71.
    u = unit(conversions=4.0, hnte_c1_points=c1)
    s = summ(run(HNTE, u))
    assert s["total_max"] == 68.0 + c1
    assert s["status"] == status


def test_expert_pre_assessment_inputs_replace_the_interval() -> None:
    u = unit(
        hnte_a1_points=7.0,
        hnte_a2_points=6.0,
        hnte_c1_points=5.0,
        hnte_c2_points=5.0,
        hnte_c3_points=3.0,
        hnte_c4_points=3.0,
    )
    r = run(HNTE, u)
    assert crit(r, "A1")["status"] == "met"
    assert (crit(r, "A1")["points_min"], crit(r, "A1")["points_max"]) == (7.0, 7.0)
    # A = min(30, 7+6+[7,8]+[1,6]+[1,2]) = [22, 29]; B [25, 30]; C 16; D 0.
    assert (summ(r)["total_min"], summ(r)["total_max"]) == (63.0, 75.0)


def test_staff_to_hire_is_exact_where_floats_round_up_criteria_1_3() -> None:
    # E = 37, T = 1: (3.7 − 1) / 0.9 = 3 exactly (3.0000000000000004 in floating point);
    # hiring 3 gives 4 / 40 = 10 %.
    c = crit(run(HNTE, unit(tech_staff=1.0, employees_total=37.0)), "H4")
    assert c["gap"] == 3.0
