"""Property tests (hypothesis): monotonicity, band-boundary inclusion, missing data → unknown."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.schemes.conftest import crit, run, summ, unit

from jiazhou.schemes import load_scheme

money = st.floats(min_value=0, max_value=5e7, allow_nan=False)
staff = st.integers(min_value=0, max_value=100)


@settings(max_examples=40, deadline=None)
@given(rd=money, extra=money)
def test_more_rd_never_lowers_the_tech_sme_score(rd: float, extra: float) -> None:
    low = summ(run("tech-sme-2017", unit(rd_expense_deduction_basis=rd)))
    high = summ(run("tech-sme-2017", unit(rd_expense_deduction_basis=rd + extra)))
    assert high["total_min"] >= low["total_min"]


@settings(max_examples=40, deadline=None)
@given(tech=staff, extra=staff)
def test_more_scientific_staff_never_lowers_scores(tech: int, extra: int) -> None:
    more = min(100, tech + extra)
    for code in ("tech-sme-2017", "hnte-2016"):
        low = summ(run(code, unit(tech_staff=float(tech), employees_total=100.0)))
        high = summ(run(code, unit(tech_staff=float(more), employees_total=100.0)))
        assert high["total_min"] >= low["total_min"]
        assert high["total_max"] >= low["total_max"]
        assert high["n_unmet"] <= low["n_unmet"]


@settings(max_examples=40, deadline=None)
@given(rd=money, extra=money)
def test_more_rd_never_adds_an_unmet_hnte_condition(rd: float, extra: float) -> None:
    a = summ(run("hnte-2016", unit(rd_expense_hnte=rd, rd_domestic_hnte=rd)))
    b = summ(run("hnte-2016", unit(rd_expense_hnte=rd + extra, rd_domestic_hnte=rd + extra)))
    assert b["n_unmet"] <= a["n_unmet"]


SCHEME_BANDS = [
    (code, item.id, band.at, band.ambiguous)
    for code in ("tech-sme-2017", "innovative-sme-2022", "srdi-sme-2022")
    for item in load_scheme(code).items
    if item.method == "bands"
    for band in item.bands
    if band.op == "ge" and band.at is not None
]
STAFF_AT = [
    (c, i, at, amb) for c, i, at, amb in SCHEME_BANDS if (c, i) == ("tech-sme-2017", "STAFF")
]
RD_AT = [
    (c, i, at, amb) for c, i, at, amb in SCHEME_BANDS if (c, i) == ("innovative-sme-2022", "RD")
]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(STAFF_AT + RD_AT), st.sampled_from([-1e-6, 0.0, 1e-6]))
def test_band_boundaries_follow_the_documented_rule(
    case: tuple[str, str, float, bool], delta: float
) -> None:
    """At a "≥ x（含）" or ambiguous threshold the value belongs to the better band
    (criteria.md §0.3 default); just below it belongs to the next band down."""
    code, item, at, ambiguous = case
    scheme = load_scheme(code)
    bands = next(i for i in scheme.items if i.id == item).bands
    k = next(n for n, b in enumerate(bands) if b.at == at)
    if item == "STAFF":
        u = unit(tech_staff=round((at + delta) * 1e8, 6), employees_total=1e8)
    else:
        u = unit(rd_expense_audited=(at + delta) * 4e7)
    c = crit(run(code, u), item)
    expected = bands[k].points[0] if delta >= 0 else bands[k + 1].points[0]
    assert c["points_min"] == expected
    assert bool(c.get("boundary")) == (ambiguous and delta == 0.0)


INPUTS = [
    ("tech-sme-2017", "tech_staff_y1", "STAFF"),
    ("tech-sme-2017", "operating_revenue_y1", "T2b"),
    ("tech-sme-2017", "cost_expense_total_y1", "RD_COST"),
    ("hnte-2016", "hitech_product_income_y1", "H6"),
    ("hnte-2016", "conversions_y2", "B1"),
    ("hnte-2016", "total_assets_y3", "D1"),
    ("innovative-sme-2022", "main_business_revenue_y2", "GROW"),
    ("srdi-sme-2026", "specialized_dev_score_y1", "S8"),
    ("little-giant-2026", "market_share_y1", "X5"),
]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(INPUTS))
def test_missing_input_gives_unknown(case: tuple[str, str, str]) -> None:
    """A missing input is reported, never scored as zero: ``unknown`` (or ``manual_review`` for
    conditions that need expert confirmation anyway, such as 小巨人 X5)."""
    code, column, criterion = case
    c = crit(run(code, unit(**{column: None})), criterion)
    review = any(g.review for g in load_scheme(code).gates if g.id == criterion)
    assert c["status"] == ("manual_review" if review else "unknown")
    if "points_max" in c:
        assert c["points_max"] > 0 and c["points_min"] == 0.0
