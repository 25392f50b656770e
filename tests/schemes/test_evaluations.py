"""Hand-computed cases of the annual evaluations (criteria.md §5, §6) on the library files.

Each case builds a few prepared units (``<field>_y1`` columns) by hand, so that every expected
number below can be checked with pencil and paper; the comments give the arithmetic.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest

from jiazhou.fields import field_map
from jiazhou.index import normalise
from jiazhou.schemes import SchemeError, input_columns, load_scheme, parse_scheme, score
from jiazhou.schemes.model import Scheme


def _dtype(column: str) -> Any:
    code = column.rsplit("_y", 1)[0] if column[-3:-1] == "_y" else column
    spec = field_map().get(code)
    if spec is None or spec.unit not in ("bool", "code", "text"):
        return pl.Float64
    return pl.Boolean if spec.unit == "bool" else pl.String


def units(scheme: Scheme, rows: list[dict[str, Any]]) -> pl.DataFrame:
    """Prepared units: every input column of ``scheme`` (null unless the row gives it)."""
    cols = sorted(input_columns(scheme) | {k for r in rows for k in r} - {"uscc", "eval_year"})
    data: dict[str, Any] = {
        "uscc": [r.get("uscc", f"U{n}") for n, r in enumerate(rows)],
        "eval_year": [2025] * len(rows),
    }
    schema: dict[str, Any] = {"uscc": pl.String, "eval_year": pl.Int32}
    for c in cols:
        data[c] = [r.get(c) for r in rows]
        schema[c] = _dtype(c)
    return pl.DataFrame(data, schema=schema)


def by_uscc(frame: pl.DataFrame) -> dict[str, dict[str, Any]]:
    return {r["uscc"]: r for r in frame.iter_rows(named=True)}


# --- 亩均 Sichuan (mu-sichuan-2022) -----------------------------------------------------------------

MU = 1000 / 1  # revenue 1000万元: 亩均营业收入 = 1000 / land (万元/亩)


def mu_firm(uscc: str, revenue_per_mu: float, **extra: Any) -> dict[str, Any]:
    """A 规上 firm whose only difference from its peers is 亩均营业收入 (M1).

    Revenue 1000万元, 100 staff, 100 tce, R&D 30万元 (M3, M4, M5 constant); taxes, added value,
    emissions and electricity scale with land, so M2, L1, L2, L3 are constant too: every
    indicator but M1 is at the cohort mean (ratio 1) and scores its full weight: 80 points.
    """
    land = 1000 / revenue_per_mu
    row = {
        "uscc": uscc,
        "above_scale_industrial": True,
        "land_own_mu_y1": land,
        "operating_revenue_y1": 1e7,
        "employees_total_y1": 100.0,
        "energy_tce_y1": 100.0,
        "rd_expense_audited_y1": 3e5,
        "tax_vat_y1": 1e4 * land,
        "tax_cit_y1": 0.0,
        "industrial_added_value_y1": 1e5 * land,
        "emissions_equiv_y1": 0.1 * land,
        "electricity_kwh_y1": 1e3 * land,
    }
    row.update(extra)
    return row


def test_mu_sichuan_benchmark_cap_exempt_and_cohorts() -> None:
    """criteria.md §6.2: value / cohort mean × weight, capped (cap 2.0 [U]).

    规上 M1 values 100, 100, 200, 600, 1000 and an exempt firm at 400: mean 2400 / 6 = 400
    (exempt firms are evaluated, so they are in the benchmark). Ratios 0.25, 0.25, 0.5, 1.5,
    2.5 → cap 2 → M1 points 5, 5, 10, 30, 40; totals 85, 85, 90, 110, 120; exempt 80 + 20 = 100.
    A 规下 firm forms its own cohort: its benchmark is its own value (ratio 1, 20 points).
    """
    s = load_scheme("mu-sichuan-2022")
    rows = [
        mu_firm("a", 100),
        mu_firm("b", 100),
        mu_firm("c", 200),
        mu_firm("d", 600),
        mu_firm("e", 1000),
        mu_firm("x", 400, exemption_category="startup"),
        mu_firm("s", 50, above_scale_industrial=False),
    ]
    r = by_uscc(score(units(s, rows), s).wide)
    assert [r[k]["M1__benchmark"] for k in "abcdex"] == pytest.approx([400.0] * 6)
    assert [r[k]["M1__points_min"] for k in "abcdex"] == pytest.approx([5, 5, 10, 30, 40, 20])
    assert [r[k]["total"] for k in "abcdex"] == pytest.approx([85, 85, 90, 110, 120, 100])
    assert r["s"]["cohort"] == "规下" and r["a"]["cohort"] == "规上"
    assert r["s"]["M1__benchmark"] == pytest.approx(50.0) and r["s"]["total"] == pytest.approx(100)
    # exempt: scored, not graded, not ranked, not counted in the quota denominator
    assert r["x"]["exempt"] and r["x"]["class"] == "参评不分类" and r["x"]["rank"] is None
    assert r["a"]["cohort_size"] == 5
    # ranks in cohort (ties share the best rank): 120 → 1, 110 → 2, 90 → 3, 85 → 4, 4
    assert [r[k]["rank"] for k in "edcba"] == [1, 2, 3, 4, 4]
    # classes of 5 graded: A ≤ 30 % → 1 unit (1/5 = 0.2); B ≤ 85 % → positions 2–4 (4/5 = 0.8);
    # C: boundary rounds up to ceil(0.95 × 5) = 5, so the last unit is C, D is empty
    assert [r[k]["class"] for k in "edcba"] == ["A", "B", "B", "C", "C"]


def test_mu_sichuan_quota_boundary_with_ties_goes_down() -> None:
    """A ≤ 30 % [V]: ten firms, positions 3 and 4 tied. Ties down → A = 2 firms (20 %).

    M1 values 900, 700, 500, 500, 300, 300, 300, 200, 200, 100: mean 4000 / 10 = 400; ratios
    2.25 (cap 2), 1.75, 1.25, 1.25, 0.75 ×3, 0.5 ×2, 0.25 → points 40, 35, 25, 25, 15, 15, 15,
    10, 10, 5. B ≤ 85 % (8.5 units): the 90-point pair ends at position 9 → goes down to C.
    C: ceil(9.5) = 10 ≥ every remaining position → C holds 3 of 10 (≥ 10 % [V]); D empty.
    """
    s = load_scheme("mu-sichuan-2022")
    values = [900, 700, 500, 500, 300, 300, 300, 200, 200, 100]
    rows = [mu_firm(f"f{n}", v) for n, v in enumerate(values)]
    w = score(units(s, rows), s).wide.sort("uscc")
    assert w["M1__points_min"].to_list() == pytest.approx([40, 35, 25, 25, 15, 15, 15, 10, 10, 5])
    assert w["class"].to_list() == ["A", "A", "B", "B", "B", "B", "B", "C", "C", "C"]
    assert w["rank"].to_list() == [1, 2, 3, 3, 5, 5, 5, 8, 8, 10]
    # the same data with ties going up would give A = 4 of 10 (40 %): the rule matters
    text = Path(s.source).read_text(encoding="utf-8")
    up = parse_scheme(
        text.replace('{ name = "A", share = 0.30, ties = "down" }', '{ name = "A", share = 0.30 }'),
        "mu-up.toml",
    )
    assert score(units(up, rows), up).wide["class"].to_list().count("A") == 4


def test_mu_sichuan_missing_emissions_get_the_cohort_mean_score() -> None:
    """L2 (单位排放增加值, missing = cohort_mean): a firm without emission data gets the mean
    L2 score of its cohort (all others at ratio 1 → 1 → 10 points) and is flagged imputed."""
    s = load_scheme("mu-sichuan-2022")
    rows = [mu_firm("a", 100), mu_firm("b", 200), mu_firm("c", 300, emissions_equiv_y1=None)]
    r = by_uscc(score(units(s, rows), s).wide)
    assert r["c"]["L2__points_min"] == pytest.approx(10.0) and r["c"]["L2__imputed"]
    assert not r["a"]["L2__imputed"]


def test_mu_sichuan_unknown_land_is_unknown_not_zero() -> None:
    s = load_scheme("mu-sichuan-2022")
    rows = [mu_firm("a", 100), mu_firm("b", 200, land_own_mu_y1=None)]
    r = by_uscc(score(units(s, rows), s).wide)
    assert r["b"]["M1__status"] == 2  # unknown
    assert r["b"]["total_max"] > r["b"]["total_min"]


def test_mu_sichuan_leased_floor_converts_by_plot_ratio() -> None:
    """§6.3 [U]: 1,600 m² of leased floor / plot ratio 1.2 / 666.67 m² per 亩 = 2.0000 亩."""
    s = load_scheme("mu-sichuan-2022")
    row = mu_firm("a", 100, land_own_mu_y1=None, floor_leased_m2_y1=1.2 * 666.67 * 2)
    w = score(units(s, [row]), s).wide
    assert w["land_mu"][0] == pytest.approx(2.0)


# --- 亩均 Zhejiang (mu-zhejiang-huangyan-2022) -------------------------------------------------


def zj_firm(uscc: str, tax_per_mu: float, above: bool = True, **extra: Any) -> dict[str, Any]:
    """Land 1 亩; only the taxes differ (Z1/S1 and S2 vary, every other indicator is constant)."""
    row = {
        "uscc": uscc,
        "above_scale_industrial": above,
        "land_own_mu_y1": 1.0,
        "tax_vat_y1": tax_per_mu * 1e4,
        "tax_cit_y1": 0.0,
        "industrial_added_value_y1": 1e6,
        "energy_tce_y1": 50.0,
        "emissions_equiv_y1": 2.0,
        "employees_total_y1": 20.0,
        "rd_expense_audited_y1": 1e5,
        "main_business_revenue_y1": 5e6,
        "electricity_kwh_y1": 1e5,
    }
    row.update(extra)
    return row


def test_mu_zhejiang_cohort_indicators_emission_rule_and_exempt() -> None:
    """criteria.md §6.1 [V]. 规上 Z1 (亩均税收, 30): 1, 1, 2, 4 and an exempt firm at 2 → mean
    10 / 5 = 2; ratios 0.5, 0.5, 1, 2 → 15, 15, 30, 60; other 规上 indicators at the mean: 70.
    Firm b lacks emission data: Z4 gets the cohort's average score (1 → 10 points).
    规下 (亩均税收 50 + 单位用电税收 50): taxes 1 and 3 → mean 2 → ratios 0.5, 1.5 on both → 50, 150.
    Classes (4 graded 规上): A ≤ 25 % → 130; B ≤ 70 % → 100; C (rounded up) → 85, 85; D none.
    """
    s = load_scheme("mu-zhejiang-huangyan-2022")
    rows = [
        zj_firm("a", 1),
        zj_firm("b", 1, emissions_equiv_y1=None),
        zj_firm("c", 2),
        zj_firm("d", 4),
        zj_firm("x", 2, exemption_category="public_utility"),
        zj_firm("s1", 1, above=False),
        zj_firm("s2", 3, above=False),
    ]
    r = by_uscc(score(units(s, rows), s).wide)
    assert [r[k]["Z1__points_min"] for k in "abcdx"] == pytest.approx([15, 15, 30, 60, 30])
    assert [r[k]["total"] for k in "abcdx"] == pytest.approx([85, 85, 100, 130, 100])
    assert r["b"]["Z4__imputed"] and r["b"]["Z4__points_min"] == pytest.approx(10.0)
    assert r["s1"]["total"] == pytest.approx(50) and r["s2"]["total"] == pytest.approx(150)
    assert r["s1"]["Z1__status"] == 4 and r["a"]["S1__status"] == 4  # not applicable
    assert r["s1"]["S1__benchmark"] == pytest.approx(2.0)  # 规下 benchmark, not pooled
    assert [r[k]["class"] for k in "dcab"] == ["A", "B", "C", "C"]
    assert r["x"]["class"] == "参评不分类（按B类管理）" and r["x"]["rank"] is None


# --- 创新积分制 (innovation-points-2024 and the Leshan overlay) --------------------------------------


def ip_firms() -> list[dict[str, Any]]:
    """Three firms ordered on every indicator (percentiles 0, 0.5, 1), one per stage.

    Stages [U]: f1 age 2, revenue 1500万 → 初创期; f2 age 8, revenue 3000万 → 成长期;
    f3 revenue 3亿 → 稳定期. Y-2 values are the same for all, so growth items are ordered too.
    """
    base = {
        "operating_revenue_y2": 1e7,
        "rd_expense_audited_y2": 1e5,
        "employees_total_y2": 10.0,
        "ip_class1_count_y2": 1.0,
        "tax_cit_y1": 0.0,
        "provincial_award_3y_y1": False,
        "national_award_3y_top3_y1": False,
    }
    per = [
        {
            "uscc": "f1",
            "firm_age_years": 2.0,
            "operating_revenue_y1": 1.5e7,
            "rd_expense_audited_y1": 1e5,
            "rd_staff_y1": 1.0,
            "employees_total_y1": 11.0,
            "high_level_talent_y1": 1.0,
            "invention_patents_y1": 0.0,
            "ip_class1_count_y1": 1.0,
            "tech_contract_turnover_y1": 0.0,
            "net_profit_y1": -1e5,
            "tax_vat_y1": 1e5,
            "hitech_product_income_y1": 1e6,
            "qualified_equity_financing_y1": 0.0,
            "bank_credit_y1": 0.0,
            "standard_led_5y_y1": False,
            "key_chain_role": 0.0,
            "digitalization_level_y1": 1.0,
            "major_incident_y1": True,
            "abnormal_or_dishonest_y1": True,
            "tax_or_data_violation_y1": True,
        },
        {
            "uscc": "f2",
            "firm_age_years": 8.0,
            "operating_revenue_y1": 3e7,
            "rd_expense_audited_y1": 1e6,
            "rd_staff_y1": 5.0,
            "employees_total_y1": 20.0,
            "high_level_talent_y1": 3.0,
            "invention_patents_y1": 2.0,
            "ip_class1_count_y1": 3.0,
            "tech_contract_turnover_y1": 1e5,
            "net_profit_y1": 1e6,
            "tax_vat_y1": 5e5,
            "hitech_product_income_y1": 1e7,
            "qualified_equity_financing_y1": 0.0,
            "bank_credit_y1": 1e6,
            "hnte_certified_y1": True,
            "standard_led_5y_y1": False,
            "key_chain_role": 1.0,
            "digitalization_level_y1": 2.0,
        },
        {
            "uscc": "f3",
            "firm_age_years": 20.0,
            "operating_revenue_y1": 3e8,
            "rd_expense_audited_y1": 3e7,
            "rd_staff_y1": 200.0,
            "employees_total_y1": 400.0,
            "high_level_talent_y1": 50.0,
            "invention_patents_y1": 30.0,
            "ip_class1_count_y1": 20.0,
            "tech_contract_turnover_y1": 5e6,
            "net_profit_y1": 3e7,
            "tax_vat_y1": 6e6,
            "hitech_product_income_y1": 2e8,
            "qualified_equity_financing_y1": 5e6,
            "bank_credit_y1": 5e7,
            "hnte_certified_y1": True,
            "innovative_sme_title_y1": True,
            "standard_led_5y_y1": True,
            "key_chain_role": 2.0,
            "digitalization_level_y1": 4.0,
            "national_award_3y_top3_y1": True,
            "ip_demo_title_y1": True,
        },
    ]
    return [{**base, **p} for p in per]


def test_innovation_points_stage_weights_sum_to_one() -> None:
    s = load_scheme("innovation-points-2024")
    frame = pl.DataFrame({"stage": ["startup", "growth", "mature"]})
    weights = np.array([frame.select(pl.sql_expr(i.weight)).to_series().to_list() for i in s.items])
    assert weights.shape == (18, 3)
    assert weights.sum(axis=0) == pytest.approx([1.0, 1.0, 1.0])
    assert {g.id for g in s.groups} == {"TECH", "GROW", "AUX"}
    assert [sum(i.group == g for i in s.items) for g in ("TECH", "GROW", "AUX")] == [10, 6, 2]


def test_innovation_points_core_by_stage() -> None:
    """Points = Σ w_i(stage) · s_i · 100 (criteria.md §5.3).

    f1 (初创期): every percentile 0, no standard → 0.
    f2 (成长期): 16 percentile items at 0.5 with growth weights 8 × 0.05 + (0.07 × 4 + 0.06 × 2)
    + 2 × 0.05 = 0.90 → 100 × 0.5 × 0.90 = 45.0.
    f3 (稳定期): percentiles 1 with mature weights 8 × 0.04 + (0.09 × 2 + 0.08 × 4) + 0.10 = 0.92
    → 92, plus T09 (led a standard) and T10 (national award) 0.04 × 100 each → 100.0.
    """
    s = load_scheme("innovation-points-2024")
    r = by_uscc(score(units(s, ip_firms()), s).wide)
    assert [r[k]["stage"] for k in ("f1", "f2", "f3")] == ["startup", "growth", "mature"]
    assert [r[k]["total"] for k in ("f1", "f2", "f3")] == pytest.approx([0.0, 45.0, 100.0])
    assert [r[k]["rank"] for k in ("f1", "f2", "f3")] == [3, 2, 1]
    assert [r[k]["rank_stage"] for k in ("f1", "f2", "f3")] == [1, 1, 1]
    assert r["f2"]["T01__points_min"] == pytest.approx(0.05 * 0.5 * 100)
    assert r["f3"]["class"] is None  # 积分制 ranks, it does not grade


def test_innovation_points_overlay_local_bonus_cap_and_penalty_floor() -> None:
    """The Leshan overlay [U] adds local indicators (≤ 10), 加分 (≤ 10) and 减分 (≥ −30).

    f1: local L01 0 + L02 1.25 × 1 = 1.25; penalties −20 −10 −10 = −40 → floor −30 → −28.75.
    f2: core 45 + L01 2.5 + L02 2.5 = 50.0.
    f3: core 100 + L01 5 + L02 5 + bonus 5 + 3 + 4 = 12 → cap 10 → 120.0.
    """
    s = load_scheme("innovation-points-2024-leshan")
    assert s.code == "innovation-points-2024-leshan" and len(s.items) == 18 + 9
    r = by_uscc(score(units(s, ip_firms()), s).wide)
    assert r["f1"]["PENALTY__points_min"] == pytest.approx(-30.0)
    assert r["f1"]["P01__points_min"] == pytest.approx(-20.0) and r["f1"]["P01__status"] == 1
    assert r["f3"]["BONUS__points_min"] == pytest.approx(10.0) and r["f3"]["B01__status"] == 0
    assert [r[k]["total"] for k in ("f1", "f2", "f3")] == pytest.approx([-28.75, 50.0, 120.0])


# --- format checks --------------------------------------------------------------------------------


def test_overlay_replaces_items_by_id_and_keeps_the_rest(tmp_path: Any) -> None:
    base = load_scheme("innovation-points-2024").source
    (tmp_path / "innovation-points-2024.toml").write_text(
        Path(base).read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "local.toml").write_text(
        'base = "innovation-points-2024"\ncode = "local"\n'
        "[params]\nstartup_max_age = 3\n"
        '[[items]]\nid = "T01"\ngroup = "TECH"\nlabel_zh = "研发费用"\nlabel_en = "R&D"\n'
        'cite = "x"\ntag = "U"\nmax = 100\nmethod = "minmax"\nwinsor = [0.05, 0.95]\n'
        'value = "rd_expense_audited_y1"\n',
        encoding="utf-8",
    )
    s = load_scheme(tmp_path / "local.toml")
    assert s.code == "local" and len(s.items) == 18
    assert s.items[0].method == "minmax" and s.items[0].winsor == (0.05, 0.95)
    assert s.params["startup_max_age"] == 3 and "3.0" in s.fields[0].expr


def test_minmax_winsorises_at_the_cohort_quantiles() -> None:
    """Values 0 … 9 and an outlier 1000: the 5th/95th percentiles are 0.5 and 504.5 (linear);
    after clipping, min–max puts 9 at (9 − 0.5) / 504 = 0.016865 …, not 0.009."""
    x = np.array([*range(10), 1000.0])
    w = normalise.winsorise_quantiles(x, 0.05, 0.95)
    assert w[0] == pytest.approx(0.5) and w[-1] == pytest.approx(504.5)
    assert normalise.minmax(w, 0, 1)[9] == pytest.approx(8.5 / 504.0)


def test_benchmark_ratio_reverse_and_cap() -> None:
    assert normalise.benchmark_ratio([1.0, 3.0], cap=1.2).tolist() == pytest.approx([0.5, 1.2])
    assert normalise.benchmark_ratio([1.0, 4.0], 2.0, -1).tolist() == pytest.approx([2.0, 0.5])
    assert math.isnan(normalise.benchmark_ratio([np.nan, 1.0])[0])


@pytest.mark.parametrize(
    ("snippet", "message"),
    [
        (
            '[[stages]]\nname = "a"\nlabel_zh = "甲"\nlabel_en = "a"\ncite = "x"\ntag = "U"\n'
            'when = "TRUE"\n',
            "otherwise",
        ),
        (
            '[outcome]\npass_mark = 1\nclasses = [{ name = "A", share = 0.3, ties = "sideways" }]\n',
            "up or down",
        ),
        ('[evaluation]\ncohort = "(("\n', "SQL"),
    ],
)
def test_bad_evaluation_sections_are_refused(snippet: str, message: str) -> None:
    head = (
        'code = "t"\ntitle_zh = "t"\ntitle_en = "t"\ndocument = "t"\nversion = "1"\n'
        "effective_from = 2024-01-01\n"
    )
    with pytest.raises(SchemeError, match=message):
        parse_scheme(head + snippet, "t.toml")


def test_synthetic_zone_has_about_48_above_scale_firms_and_a_within_quota() -> None:
    """Seed 002: 48家规模以上工业企业 in the zone; A ≤ 30 % of graded 规上 firms (§6.2)."""
    from jiazhou.synthetic import generate_population

    panel = generate_population(2000, years=(2023, 2024))
    zone = panel.filter(pl.col("in_zone"))
    n = zone.filter(pl.col("fiscal_year") == 2024)["above_scale_industrial"].sum()
    assert 43 <= n <= 53
    w = score(zone, "mu-sichuan-2022", year=2025).wide.filter(
        (pl.col("cohort") == "规上") & ~pl.col("exempt")
    )
    share_a = (w["class"] == "A").sum() / w.height
    assert 0.2 <= share_a <= 0.30
    assert ((w["class"] == "C") | (w["class"] == "D")).sum() / w.height >= 0.10
