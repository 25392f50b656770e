"""Issue 12: the eight rule defects, each a hand-computed case citing its article.

Every case here gave a wrong answer before the fix (see the comment ``before:`` on each).
The baseline unit (conftest) is evaluated in 2025; its default application date is 2025-06-30.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from tests.schemes.conftest import crit, frame, run, summ, unit

from jiazhou.schemes import load_scheme, prepare_units, score
from jiazhou.schemes.files import read_table
from jiazhou.schemes.panel import at_application

HNTE, TECH, LG22, LG26 = "hnte-2016", "tech-sme-2017", "little-giant-2022", "little-giant-2026"


def events(*rows: tuple[str, str]) -> pl.DataFrame:
    """Dated incidents of the baseline firm ``U1``."""
    return pl.DataFrame(
        [{"uscc": "U1", "date": dt.date.fromisoformat(d), "kind": k} for d, k in rows],
        schema={"uscc": pl.String, "date": pl.Date, "kind": pl.String},
    )


def scored(code: str, ev: pl.DataFrame | None = None, **overrides: object):  # type: ignore[no-untyped-def]
    return score(frame([unit(**overrides)]), load_scheme(code), events=ev)


# --- 1. incident windows -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "h8"),
    [
        ("2025-03-01", "unmet"),  # in the application year; before: passed (only Y-1's flag read)
        ("2024-06-30", "unmet"),  # exactly 365 days before 2025-06-30: inside 申请认定前一年内
        ("2024-06-29", "met"),  # 366 days before
        ("2024-03-30", "met"),  # 457 days before; before: failed (Y-1's flag was set)
        ("2025-07-01", "met"),  # after the application date: not "before the application"
    ],
)
def test_h8_365_days_before_application_32号_第十一条_八_195号(day: str, h8: str) -> None:
    r = scored(HNTE, events((day, "major_safety")))
    assert crit(r, "H8")["status"] == h8


@pytest.mark.parametrize(
    ("day", "kind", "t4"),
    [
        ("2025-03-01", "major_quality", "unmet"),  # 当年 (application year)
        ("2024-01-01", "serious_environmental", "unmet"),  # first day of 上一年
        ("2023-12-31", "major_safety", "met"),  # the year before 上一年
        ("2024-08-01", "research_misconduct", "unmet"),  # 科研严重失信 counts for 科小
        ("2024-08-01", "tax_evasion", "met"),  # not a 115号 第六条(四) event
    ],
)
def test_t4_last_year_and_application_year_115号_第六条_四(day: str, kind: str, t4: str) -> None:
    r = scored(TECH, events((day, kind)))
    assert crit(r, "T4")["status"] == t4


def test_incident_of_another_firm_or_none_passes() -> None:
    other = events(("2025-03-01", "major_safety")).with_columns(pl.lit("U9").alias("uscc"))
    assert crit(scored(HNTE, other), "H8")["status"] == "met"
    assert crit(scored(HNTE, events()), "H8")["status"] == "met"


def test_yearly_flag_on_y1_leaves_the_365_days_unknown_and_y0_fails() -> None:
    # Without dates a Y-1 incident may fall inside or outside the 365 days: unknown, not unmet.
    r = run(HNTE, {**unit(), "major_incident_y1": True, "major_incident_y0": False})
    assert crit(r, "H8")["status"] == "unknown"
    r = run(HNTE, {**unit(), "major_incident_y1": False, "major_incident_y0": True})
    assert crit(r, "H8")["status"] == "unmet"  # before: met (Y's row was never read)


def test_application_date_moves_the_window() -> None:
    ev = events(("2024-05-01", "major_safety"))
    assert crit(scored(HNTE, ev), "H8")["status"] == "met"  # 425 days before 06-30
    early = scored(HNTE, ev, application_date=dt.date(2025, 4, 30))
    assert crit(early, "H8")["status"] == "unmet"  # 364 days before 04-30


# --- 2. young firms' growth (criteria.md §1.4) ---------------------------------------------------


def test_one_fiscal_year_growth_scores_0_not_review_195号_criteria_1_4() -> None:
    r = run(HNTE, unit(fiscal_years_operated=1.0))
    for item in ("D1", "D2"):
        c = crit(r, item)
        assert (c["points_min"], c["points_max"]) == (0.0, 0.0)  # before: [0, 10] review
        assert c["status"] != "manual_review"


def test_two_fiscal_years_growth_is_the_single_ratio_criteria_1_4() -> None:
    # sales Y-2 = 4,000万, Y-1 = 5,200万 → 5200/4000 − 1 = 30 % → band B [7, 8]
    row = {
        **unit(fiscal_years_operated=2.0),
        "sales_revenue_hnte_y1": 5.2e7,
        "sales_revenue_hnte_y2": 4e7,
    }
    c = crit(run(HNTE, row), "D2")
    assert c["value"] == pytest.approx(0.30)
    assert (c["points_min"], c["points_max"]) == (7.0, 8.0)  # before: [0, 10]


def test_young_firm_at_most_56_points_fails_instead_of_review() -> None:
    # One fiscal year, no standards, 1 conversion: A ≤ 8+8+8+6 = 30, B ≤ 6, C ≤ 20, D = 0 → ≤ 56.
    r = run(HNTE, unit(fiscal_years_operated=1.0, conversions=1.0, standards_participated=False))
    assert summ(r)["total_max"] == 56.0
    assert summ(r)["status"] == "fail"  # before: review (max 76 with D widened to 0–20)


# --- 3. declared R&D measure (115号 附件) ---------------------------------------------------------


def test_declared_sales_measure_is_scored_even_if_cost_is_better_115号_附件() -> None:
    # R&D 240万: / sales 6,000万 = 4 % → 30; / costs 800万 = 30 % → 50. Declared: sales.
    over = {"operating_revenue": 6e7, "cost_expense_total": 8e6, "rd_measure_choice_y1": "sales"}
    r = run(TECH, unit(**over))
    assert crit(r, "RD_SALES")["points_min"] == 30.0
    assert crit(r, "RD_COST")["status"] == "not_applicable"
    assert crit(r, "RDM")["status"] == "met"
    assert summ(r)["total"] == 20.0 + 30.0 + 30.0  # before: 100 (the better measure)


def test_zero_sales_with_cost_measure_is_scored_not_unknown() -> None:
    over = {"operating_revenue": 0.0, "cost_expense_total": 8e6, "rd_measure_choice_y1": "成本费用"}
    r = run(TECH, unit(**over))
    assert crit(r, "RD_SALES")["status"] == "not_applicable"  # before: unknown [0, 50]
    assert crit(r, "RD_COST")["points_min"] == 50.0
    assert summ(r)["total"] == 100.0


def test_undeclared_measure_says_the_better_one_was_assumed() -> None:
    r = run(TECH, unit(operating_revenue=0.0, cost_expense_total=8e6))
    assert crit(r, "RD_SALES")["status"] == "not_applicable"  # zero sales: not the measure
    assert crit(r, "RDM")["status"] == "unmet"
    assert summ(r)["total"] == 100.0  # RDM is not required: shown, does not block


# --- 4. 小巨人 2026 X3: each year's gap is its own ------------------------------------------------


def test_x3_surplus_in_one_year_does_not_hide_the_other_2号_附件2_三() -> None:
    # revenue 2亿 both years; R&D Y-1 1,000万 (5 %), Y-2 400万 (2 %) → 2-year total 1,400万 ≥ 1,200万.
    row = {
        **unit(operating_revenue=2e8),
        "rd_expense_audited_y1": 1e7,
        "rd_expense_audited_y2": 4e6,
    }
    r = run(LG26, row)
    assert crit(r, "X3")["status"] == "met"
    assert crit(r, "X3b")["status"] == "met"
    c = crit(r, "X3c")
    assert c["status"] == "unmet"
    assert c["gap"] == pytest.approx(0.03 * 2e8 - 4e6)  # 200万; before: gap 0


# --- 5. Ⅱ类 IP: all vs not yet used in an HNTE application --------------------------------------


def test_class2_ip_used_in_hnte_still_counts_for_tech_sme_115号_附件_三() -> None:
    over = {"ip_class1_count": 0.0, "ip_class2_count": 4.0, "ip_class2_unused_hnte_count": 0.0}
    assert crit(run(TECH, unit(**over)), "IP")["points_min"] == 24.0  # B ≥ 4 Ⅱ类
    h = run(HNTE, unit(**over))
    assert crit(h, "A3")["points_max"] == 0.0  # 195号: a Ⅱ类 item counts once in HNTE
    assert crit(h, "H2")["status"] == "manual_review"  # still owns IP (32号 第十一条(二))


# --- 6. little-giant-2022 L0 and HNTE R&D components ---------------------------------------------


@pytest.mark.parametrize(
    ("over", "gate"),
    [
        ({"sme_size_class": "large"}, "L0b"),
        ({"resident_enterprise_cn": False}, "L0a"),
        ({"abnormal_or_dishonest": True}, "L0c"),
    ],
)
def test_little_giant_2022_basic_conditions_63号_附件3(over: dict[str, object], gate: str) -> None:
    r = run(LG22, unit(**over))
    assert crit(r, gate)["status"] == "unmet"
    assert summ(r)["status"] == "fail"


def test_little_giant_2022_incident_in_three_years_63号_附件1_基本条件() -> None:
    assert crit(scored(LG22, events(("2021-12-31", "major_safety"))), "L0c")["status"] == "met"
    r = scored(LG22, events(("2022-01-01", "network_data_security")))  # 1 January Y-3
    assert crit(r, "L0c")["status"] == "unmet"


def test_hnte_rd_from_categories_cap_and_80_percent_195号() -> None:
    # Per year (万元): personnel 300, direct 100, other 150, entrusted in China 100, abroad 50.
    # Seven categories = 300 + 100 + 0.8 × (100 + 50) = 520; other ≤ 0.25 × 520 = 130 → R&D 650.
    # Domestic = 300 + 100 + 130 + 0.8 × 100 = 610. Declared total 700 is ignored.
    comps = {
        "rd_hnte_personnel": 3e6,
        "rd_hnte_direct_input": 1e6,
        "rd_hnte_other": 1.5e6,
        "rd_hnte_entrusted_domestic": 1e6,
        "rd_hnte_entrusted_foreign": 5e5,
        "rd_expense_hnte": 7e6,
        "rd_domestic_hnte": 7e6,
        "sales_revenue_hnte": 1.6e8,
    }
    row = unit()
    for k in range(5):
        row.update({f"{f}_y{k}": v for f, v in comps.items()})
    r = run(HNTE, row)
    h5 = crit(r, "H5")
    assert h5["value"] == pytest.approx(3 * 6.5e6 / (3 * 1.6e8))  # 4.0625 % ≥ 4 %
    assert h5["status"] == "met"
    assert crit(r, "H5b")["value"] == pytest.approx(6.1e6 / 6.5e6)


def test_hnte_rd_other_costs_below_the_cap_count_in_full_195号() -> None:
    row = {**unit(), "rd_hnte_personnel_y1": 4e6, "rd_hnte_other_y1": 5e5}  # 50 ≤ 0.25 × 400
    w = run(HNTE, row).wide.row(0, named=True)
    assert w["rd_y1"] == pytest.approx(4.5e6)
    assert w["rd_y2"] == pytest.approx(2.4e6)  # no categories for Y-2: the declared total


# --- 7. validity dates ---------------------------------------------------------------------------


def test_scheme_outside_its_validity_warns() -> None:
    r = run(LG22, {**unit(), "eval_year": 2027})
    assert r.wide["in_force"].to_list() == [False]
    text = " ".join(r.warnings())
    assert "有效期为2022年6月1日至2026年3月31日" in text and "2027-06-30" in text
    assert run(LG22, unit()).wide["in_force"].to_list() == [True]


# --- 8. application date: a template input with a documented default ---------------------------


def test_application_date_default_and_given() -> None:
    units = frame([unit(), {**unit(), "application_date": dt.date(2025, 9, 1)}])
    units = units.with_columns(pl.Series("uscc", ["U1", "U2"]))
    out = at_application(units, (6, 30))
    assert out["as_of"].to_list() == [dt.date(2025, 6, 30), dt.date(2025, 9, 1)]
    assert out["application_date_assumed"].to_list() == [True, False]


def test_csv_with_application_date_column_scores_h1_on_it(tmp_path: Path) -> None:
    # Registered 2024-07-01; applying 2025-07-01 → 365 days (met); the default 06-30 → 364.
    src = tmp_path / "firm.csv"
    src.write_text(
        "uscc,fiscal_year,registration_date,application_date\n"
        "91511100000000019P,2024,2024-07-01,2025-07-01\n91511100000000027J,2024,2024-07-01,\n",
        encoding="utf-8",
    )
    df = read_table(src)  # before: the date column stayed text and scoring crashed
    units = at_application(prepare_units(df, 2025), load_scheme(HNTE).application_day)
    assert units.sort("uscc")["age_days"].to_list() == [365.0, 364.0]
    assert units.sort("uscc")["application_date_assumed"].to_list() == [False, True]


def test_assumed_application_date_is_stated_in_the_results() -> None:
    r = run(HNTE, unit())
    assert r.application["as_of"].to_list() == [dt.date(2025, 6, 30)]
    assert any("常规申报日（评价年度 6月30日）" in w for w in r.warnings())
