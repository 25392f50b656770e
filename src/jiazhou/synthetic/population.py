"""模拟数据 — a synthetic enterprise population of Leshan, labelled as such everywhere.

No real enterprise financial data is public (design.md §7), so the demo and the benchmarks use
generated enterprises: valid 统一社会信用代码 (GB 32100), fake-but-plausible names ending in
（模拟）, Leshan's districts and counties, the 高新区 flag, GB/T 4754-2017 industries of the local
chains, and annual figures for every canonical field of ``jiazhou/fields.toml``.

Each enterprise has a latent innovation level ``q`` in [0, 1] that drifts upwards over time; R&D
intensity, scientific-staff share, high-tech income share, IP and conversions rise with it. The
constants of :class:`Calibration` were tuned so that the library schemes give the public counts
(design.md §7): evaluation year 2023 → about 131 高新技术企业 and 300 科技型中小企业 city-wide;
evaluation year 2025 → about 49 and 119 inside the zone (tests/synthetic check ±10 %). "Pass"
for HNTE means every computable condition holds and the pass mark is reachable (status ``pass``
or ``review``: its expert-judged items are intervals).

Determinism: enterprise-level draws come from ``seed`` alone and each fiscal year's noise from
``(seed, year)``, so a given enterprise-year has the same values whatever ``years`` is asked for.
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from jiazhou.fields import annual_codes, load_fields
from jiazhou.uscc import CHARSET

FloatArray = npt.NDArray[np.float64]
DEFAULT_SEED = 20250101
DEFAULT_YEARS = (2021, 2022, 2023, 2024, 2025)


@dataclass(frozen=True)
class Calibration:
    """Shape constants of the generator (tuned against the public counts, see module doc)."""

    q_alpha: float = 1.15  # innovation level q ~ Beta(alpha, beta)
    q_beta: float = 4.0
    zone_boost: float = 0.08  # q is higher inside the 高新区
    drift: float = 0.008  # yearly rise of q (firms keep upgrading)
    mean_age: float = 14.0  # years since founding, exponential
    employees_median: float = 28.0
    revenue_per_employee: float = 550_000.0
    # Of the industrial firms above 2000万 revenue, the share registered by the statistics
    # bureau as 规模以上工业企业 (the rest report mainly non-industrial income). Tuned so that the
    # zone has about 48 规上 firms (seed 002: 48家规模以上工业企业).
    above_scale_share: float = 0.36
    revenue_per_mu: float = 4_274_000.0  # 2020 Sichuan average 亩均营业收入 427.4万元 (§6.2)
    revenue_per_tce: float = 49_000.0  # 2020 Sichuan average 单位能耗营业收入 4.9万元/tce


@cache
def _reference() -> dict[str, Any]:
    text = resources.files("jiazhou.synthetic").joinpath("leshan.toml").read_text("utf-8")
    return tomllib.loads(text)


def _pick(rng: np.random.Generator, weights: Sequence[float], n: int) -> npt.NDArray[np.int64]:
    w = np.asarray(weights, dtype=float)
    return rng.choice(len(w), size=n, p=w / w.sum())


_ORG_WEIGHTS = np.array([3, 7, 9, 10, 5, 8, 4, 2])
_USCC_WEIGHTS = np.array([pow(3, i, 31) for i in range(17)])
_SYMBOLS = np.array(list(CHARSET))
_GB11714_VALUE = np.array([int(c) if c.isdigit() else ord(c) - 55 for c in CHARSET])


def _usccs(regions: npt.NDArray[np.str_], rng: np.random.Generator) -> list[str]:
    """Distinct valid codes: authority 9 (市场监管), category 1 (企业), the district's code.

    The vectorised form of :func:`jiazhou.uscc.org_check_char` and :func:`~jiazhou.uscc.
    check_char` (tests validate every generated code with :func:`jiazhou.uscc.validate_uscc`).
    """
    n = regions.size
    body = rng.integers(0, 31, size=(n, 8))
    c9 = 11 - (_GB11714_VALUE[body] @ _ORG_WEIGHTS) % 11
    c9_index = np.where(c9 == 10, CHARSET.index("X"), np.where(c9 == 11, 0, c9))
    region_digits = np.array([[int(ch) for ch in r] for r in np.unique(regions)])
    region_rows = region_digits[np.searchsorted(np.unique(regions), regions)]
    first17 = np.column_stack([np.full(n, 9), np.full(n, 1), region_rows, body, c9_index])
    check = (31 - (first17 @ _USCC_WEIGHTS) % 31) % 31
    chars = _SYMBOLS[np.column_stack([first17, check])]
    codes = np.ascontiguousarray(chars).view("<U18").ravel().tolist()
    seen: set[str] = set()
    for i, code in enumerate(codes):  # a collision needs a fresh body (31^8 bodies per region)
        while code in seen:
            code = _usccs(regions[i : i + 1], rng)[0]
        seen.add(code)
        codes[i] = code
    return codes


def _names(words: npt.NDArray[np.str_], rng: np.random.Generator) -> list[str]:
    ref = _reference()["names"]
    syll = np.array(list(ref["syllables"]))
    a = syll[rng.integers(0, syll.size, words.size)]
    b = syll[rng.integers(0, syll.size, words.size)]
    names: list[str] = []
    seen: dict[str, int] = {}
    for x, y, w in zip(a, b, words, strict=True):
        base = f"{ref['prefix']}{x}{y}{w}"
        k = seen.get(base, 0)
        seen[base] = k + 1
        names.append(f"{base}{'' if k == 0 else k + 1}{ref['suffix']}")
    return names


def _identity(n: int, seed: int, cal: Calibration) -> tuple[pl.DataFrame, dict[str, FloatArray]]:
    """Enterprise-level records and the latent parameters the yearly figures are drawn from."""
    ref = _reference()
    rng = np.random.default_rng([seed, 0])
    regions, industries = ref["region"], ref["industry"]
    r_idx = _pick(rng, [r["weight"] for r in regions], n)
    i_idx = _pick(rng, [i["weight"] for i in industries], n)
    region = np.array([r["code"] for r in regions])[r_idx]
    in_zone = rng.random(n) < np.array([r["zone_share"] for r in regions])[r_idx]
    age = np.minimum(rng.exponential(cal.mean_age, n), 32.0)
    founded = 2025.0 - age
    reg_year = np.floor(founded).astype(int)
    reg_day = np.floor((founded - reg_year) * 365).astype(int)
    industry_tf = np.array([i["tech_field"] for i in industries])[i_idx]
    q = rng.beta(cal.q_alpha, cal.q_beta, n) + cal.zone_boost * in_zone
    q = np.clip(q, 0.0, 1.0)
    has_field = (industry_tf != "") | (rng.random(n) < q * 0.5)
    tech_field = np.where(industry_tf != "", industry_tf, rng.integers(1, 9, n).astype(str))
    tech_field_codes = [str(t) if h else None for t, h in zip(tech_field, has_field, strict=True)]
    seg_lag = rng.integers(0, 3, n)
    latent = {
        "q": q,
        "reg_year": reg_year.astype(float),
        "emp": cal.employees_median * np.exp(rng.normal(0.6 * q, 0.95, n)),
        "rpe": cal.revenue_per_employee * np.exp(rng.normal(0, 0.45, n)),
        "growth": rng.normal(0.05 + 0.14 * q, 0.09, n),
        "asset_turn": np.exp(rng.normal(0.1, 0.35, n)),
        "liab": rng.beta(5, 5, n),
        "margin": rng.normal(0.03 + 0.06 * q, 0.05, n),
        "mbr": 0.78 + 0.22 * rng.beta(4, 1.2, n),
        "domestic": np.where(
            rng.random(n) < 0.05, rng.uniform(0.35, 0.75, n), rng.uniform(0.9, 1.0, n)
        ),
        "rd_f": np.exp(rng.normal(0, 0.30, n)),
        "staff_f": np.exp(rng.normal(0, 0.25, n)),
        "hitech_e": rng.normal(0, 0.12, n),
        "ip1_f": rng.random(n),
        "ip2_f": rng.random(n),
        "conv_f": np.exp(rng.normal(0, 0.35, n)),
        "cost_f": rng.uniform(0.15, 0.35, n),
        "pe": (rng.random(n) < 0.04 + 0.12 * q).astype(float),
        "val_mult": np.exp(rng.normal(1.2, 0.8, n)),
        "share": rng.beta(1.0, 25.0, n),
        "u": rng.random(n),
        "field": has_field.astype(float),
    }
    reg_date = [
        dt.date(int(y), 1, 1) + dt.timedelta(days=int(d))
        for y, d in zip(reg_year, reg_day, strict=True)
    ]
    seg_date = [
        d.replace(year=d.year + int(k))
        if not (d.month == 2 and d.day == 29)
        else d.replace(year=d.year + int(k), day=28)
        for d, k in zip(reg_date, seg_lag, strict=True)
    ]
    words = np.array([i["word"] for i in industries])[i_idx]
    size_u = rng.random(n)
    # Evaluation fields (issue 18) draw from their own stream, so earlier fields keep their values.
    extra = np.random.default_rng([seed, 18])
    industrial = np.array([i["industrial"] for i in industries])[i_idx]
    registered_industrial = extra.random(n) < cal.above_scale_share
    park_no = extra.integers(1, 4, n)
    parks = [
        (f"gx-{k}" if z else f"{r}-1") if ind else None
        for k, z, r, ind in zip(park_no, in_zone, region, industrial, strict=True)
    ]
    exempt_u = extra.random(n)
    exemption = np.select(
        [age < 2, exempt_u < 0.02, exempt_u < 0.04],
        ["startup", "public_utility", "project_construction"],
        "",
    )
    exemption_codes = [e or None for e in exemption.tolist()]
    latent["industrial"] = industrial.astype(float)
    latent["land_f"] = np.exp(extra.normal(0, 0.5, n))
    latent["leased"] = (extra.random(n) < 0.3).astype(float)
    latent["energy_f"] = np.exp(extra.normal(0, 0.6, n))
    latent["tax_f"] = np.exp(extra.normal(0, 0.35, n))
    latent["iav_f"] = np.exp(extra.normal(0, 0.2, n))
    ident = pl.DataFrame(
        {
            "uscc": _usccs(region, rng),
            "name": _names(words, rng),
            "registration_date": reg_date,
            "region_code": region,
            "in_zone": in_zone,
            "industry_code": np.array([i["code"] for i in industries])[i_idx],
            "tech_field": tech_field_codes,
            "strategic_emerging": (industry_tf != "") & (q > 0.15),
            "key_chain_role": np.where(size_u < 0.1 + 0.3 * q, 2, np.where(size_u < 0.5, 1, 0)),
            "resident_enterprise_cn": rng.random(n) > 0.004,
            "tax_collection_method": np.where(rng.random(n) < 0.96, "audit", "deemed"),
            "listed_status": np.where(
                rng.random(n) < 0.01 + 0.03 * q,
                "listed",
                np.where(rng.random(n) < 0.03, "neeq", "unlisted"),
            ),
            "above_scale_industrial": industrial
            & (latent["emp"] * latent["rpe"] >= 20_000_000)
            & registered_industrial,
            "park": parks,
            "exemption_category": exemption_codes,
            "segment_start_date": seg_date,
            "synthetic": np.ones(n, dtype=bool),
        }
    )
    return ident, latent


def _sme_class(emp: FloatArray, rev: FloatArray) -> npt.NDArray[np.str_]:
    """Industrial thresholds of 《中小企业划型标准规定》(工信部联企业〔2011〕300号)."""
    return np.select(
        [(emp < 20) | (rev < 3e6), (emp < 300) | (rev < 2e7), (emp < 1000) | (rev < 4e8)],
        ["micro", "small", "medium"],
        "large",
    )


def _year(latent: dict[str, FloatArray], year: int, seed: int, cal: Calibration) -> dict[str, Any]:
    """Annual figures of every enterprise for one fiscal year (noise seeded by (seed, year))."""
    rng = np.random.default_rng([seed, year])
    n = latent["q"].size
    lat = latent
    age = year - lat["reg_year"]  # 0 = founding year
    q = np.clip(lat["q"] + cal.drift * (year - 2023) + rng.normal(0, 0.02, n), 0, 1)
    ramp = np.clip((age + 1) / 3.0, 0.25, 1.0)  # young firms are still growing into their size
    emp = np.maximum(
        3.0,
        np.round(
            lat["emp"]
            * ramp
            * (1 + 0.5 * lat["growth"]) ** (year - 2023)
            * np.exp(rng.normal(0, 0.04, n))
        ),
    )
    revenue = (
        lat["emp"]
        * lat["rpe"]
        * ramp
        * (1 + lat["growth"]) ** (year - 2023)
        * np.exp(rng.normal(0, 0.07, n))
    )
    main = revenue * np.clip(lat["mbr"] + rng.normal(0, 0.02, n), 0.3, 1.0)
    rd_ratio = (0.004 + 0.14 * q**1.3) * lat["rd_f"] * np.exp(rng.normal(0, 0.08, n))
    rd = revenue * rd_ratio
    tech_share = np.clip((0.02 + 0.42 * q**1.3) * lat["staff_f"], 0, 0.9)
    tech = np.round(emp * tech_share)
    hitech = np.clip(0.20 + 1.2 * q + lat["hitech_e"] + rng.normal(0, 0.04, n), 0, 0.98)
    hitech = np.where(lat["field"] > 0, hitech, 0.0)
    years_in = np.clip(age + 1, 0, 12)
    ip1 = np.floor(lat["ip1_f"] * years_in * 0.9 * q**2.2 * 3)
    ip1_self = np.floor(ip1 * np.clip(0.5 + q, 0, 1))
    ip2 = np.floor(lat["ip2_f"] * years_in * 2.2 * q**1.4)
    assets = revenue * lat["asset_turn"] * (1 + 0.02 * (year - 2023))
    liab = assets * np.clip(lat["liab"] + rng.normal(0, 0.03, n), 0.05, 1.2)
    margin = lat["margin"] + rng.normal(0, 0.02, n)
    flags = rng.random((8, n))
    rd_level = np.select([q > 0.8, q > 0.6, q > 0.4, q > 0.25], [4, 3, 2, 1], 0)
    rd_level = np.where(flags[7] < 0.5, rd_level - 1, rd_level).clip(0)
    equity = np.where(flags[6] < 0.02 + 0.15 * q, revenue * rng.uniform(0.1, 0.8, n), 0.0)
    hnte = (q > 0.42) & (hitech > 0.6) & (flags[1] < 0.85)
    out: dict[str, Any] = {
        "operating_revenue": revenue,
        "main_business_revenue": main,
        "sales_revenue_hnte": revenue * np.exp(rng.normal(0, 0.01, n)),
        "total_income": revenue * (1 + np.abs(rng.normal(0.01, 0.01, n))),
        "hitech_product_income": revenue * hitech,
        "total_assets": assets,
        "total_liabilities": liab,
        "net_profit": revenue * margin,
        "cost_expense_total": revenue * (1 - margin) * (1 - lat["cost_f"] * 0.2),
        "rd_expense_hnte": rd,
        "rd_domestic_hnte": rd * np.clip(lat["domestic"] + rng.normal(0, 0.01, n), 0, 1),
        "rd_expense_deduction_basis": rd * rng.uniform(0.88, 1.0, n),
        "rd_expense_audited": rd * rng.uniform(0.95, 1.05, n),
        "employees_total": emp,
        "tech_staff": tech,
        "rd_staff": np.round(tech * rng.uniform(0.5, 0.9, n)),
        "ip_class1_count": ip1,
        "ip_class1_self_count": ip1_self,
        "ip_class1_high_value_count": np.floor(ip1_self * lat["u"] * 0.3),
        "ip_class2_count": ip2,
        # Ⅱ类 IP not yet used in an HNTE application: certified firms used about half (195号).
        "ip_class2_unused_hnte_count": np.where(hnte, np.ceil(ip2 * 0.5), ip2),
        "invention_patents": ip1,
        "ip_self_developed": (ip1 + ip2 > 0) & (lat["u"] < 0.6 + 0.4 * q),
        "standards_participated": flags[0] < 0.05 + 0.5 * q**2,
        "conversions": np.floor(lat["conv_f"] * 11.5 * q**1.6 + rng.random(n)),
        "hnte_certified": hnte,
        "tech_sme_registered": (q > 0.3) & (flags[2] < 0.6) & (revenue < 2e8),
        "innovative_sme_title": (q > 0.45) & (flags[3] < 0.4),
        "srdi_sme_title": (q > 0.55) & (flags[4] < 0.35),
        "ip_demo_title": flags[5] < 0.01 + 0.05 * q,
        "national_award_5y_top3": flags[0] > 1 - 0.004 * q,
        "national_award_3y_top3": flags[0] > 1 - 0.002 * q,
        "provincial_award_3y": flags[1] > 1 - 0.06 * q,
        "provincial_award_3y_top3": flags[1] > 1 - 0.03 * q,
        "rd_institution_level": rd_level.astype(float),
        "standard_led_5y": flags[2] > 1 - 0.05 * q,
        "chuangke_rank_3y": np.where(flags[3] > 1 - 0.03 * q, np.floor(flags[4] * 600) + 1, np.nan),
        "market_share": np.clip(lat["share"] * (0.5 + q), 0, 0.6),
        "market_rank": np.floor(1 + 30 * (1 - q) * lat["u"]),
        "digitalization_level": np.clip(np.floor(1 + 3.5 * q + flags[5]), 1, 4),
        "quality_marks": np.clip(np.floor(3.0 * q + 2 * flags[6]), 0, 4),
        "specialized_dev_score": np.clip(25 + 60 * q + rng.normal(0, 6, n), 0, 100),
        "qualified_equity_financing": equity,
        "valuation": np.where(lat["pe"] > 0, revenue * lat["val_mult"] * (1 + 4 * q), np.nan),
        "private_equity_invested": lat["pe"] > 0,
        "major_incident": flags[7] < 0.008,
        "research_misconduct": flags[6] > 0.998,
        "abnormal_or_dishonest": flags[5] > 0.985,
        "tax_or_data_violation": flags[4] > 0.996,
        "prohibited_product": flags[3] < 0.006,
    }
    out["sme_size_class"] = _sme_class(emp, revenue)
    out.update(_evaluation_figures(lat, year, seed, cal, revenue, emp, q, out["net_profit"]))
    return out


def _evaluation_figures(
    lat: dict[str, FloatArray],
    year: int,
    seed: int,
    cal: Calibration,
    revenue: FloatArray,
    emp: FloatArray,
    q: FloatArray,
    profit: FloatArray,
) -> dict[str, Any]:
    """Land, taxes, added value, energy, emissions, credit and talent (criteria.md §5.4, §6.4).

    Centred on the 2020 Sichuan averages (§6.2): 亩均营业收入 427.4万元, 单位能耗营业收入 4.9万元
    per tce, 亩均税收 about 3 % of revenue. Non-industrial firms rent floor space, not land.
    """
    rng = np.random.default_rng([seed, year, 18])
    n = revenue.size
    ind = lat["industrial"] > 0
    land = revenue / (cal.revenue_per_mu * lat["land_f"])
    own = np.where(ind & (lat["leased"] == 0), land, 0.0)
    leased = np.where(ind & (lat["leased"] > 0), land, 0.0)
    floor = np.where(ind, 0.0, np.maximum(50.0, emp * 12.0 * np.exp(rng.normal(0, 0.3, n))))
    vat = revenue * 0.022 * lat["tax_f"] * np.exp(rng.normal(0, 0.1, n))
    cit = np.maximum(profit, 0.0) * rng.uniform(0.15, 0.25, n)
    refunds = np.where(rng.random(n) < 0.2, vat * rng.uniform(0.0, 0.3, n), 0.0)
    energy = revenue / cal.revenue_per_tce * lat["energy_f"] * np.where(ind, 1.0, 0.15)
    emissions = np.where(
        rng.random(n) < 0.1, np.nan, energy * 0.004 * np.exp(rng.normal(0, 0.5, n))
    )
    out: dict[str, Any] = {
        "land_own_mu": np.round(own, 2),
        "land_leased_mu": np.round(leased, 2),
        "floor_leased_m2": np.round(floor, 0),
        "tax_vat": vat,
        "tax_cit": cit,
        "tax_other": revenue * 0.004 * np.exp(rng.normal(0, 0.2, n)),
        "tax_refunds": refunds,
        "industrial_added_value": np.where(
            ind, revenue * 0.26 * lat["iav_f"] * np.exp(rng.normal(0, 0.05, n)), np.nan
        ),
        "energy_tce": np.round(energy, 1),
        "electricity_kwh": np.round(energy * 8130.0 * rng.uniform(0.3, 0.9, n), 0),
        "emissions_equiv": np.round(emissions, 3),
        "bank_credit": np.where(rng.random(n) < 0.5, revenue * rng.uniform(0.05, 0.4, n), 0.0),
        "tech_contract_turnover": np.where(
            rng.random(n) < 0.05 + 0.3 * q, revenue * 0.05 * q * rng.uniform(0.2, 1.5, n), 0.0
        ),
        "high_level_talent": np.round(emp * (0.01 + 0.15 * q) * rng.uniform(0.5, 1.5, n)),
    }
    return out


def _panel(
    ident: pl.DataFrame,
    latent: dict[str, FloatArray],
    years: Sequence[int],
    seed: int,
    cal: Calibration,
) -> pl.DataFrame:
    frames = []
    for year in years:
        data = _year(latent, year, seed, cal)
        size = data.pop("sme_size_class")
        frame = (
            pl.DataFrame(data)
            .with_columns(
                pl.Series("uscc", ident["uscc"]),
                pl.lit(year, pl.Int32).alias("fiscal_year"),
                pl.Series("sme_size_class", size),
            )
            .filter(pl.Series(latent["reg_year"] <= year))
        )
        frames.append(frame)
    panel = pl.concat(frames)
    units = {f.code: f.unit for f in load_fields()}
    floats = [c for c in panel.columns if panel.schema[c] == pl.Float64]
    ratios = [c for c in floats if units.get(c) == "ratio"]
    physical = [c for c in floats if units.get(c) in ("mu", "m2", "tce", "tonnes")]
    whole = [c for c in floats if c not in ratios and c not in physical]
    # Money in whole 元, head-counts and counts whole; ratios (market share) keep four decimals,
    # land, energy and emissions three.
    panel = panel.with_columns(
        pl.col(whole).round(0).fill_nan(None),
        pl.col(ratios).round(4).fill_nan(None),
        pl.col(physical).round(3).fill_nan(None),
    )
    lifecycle = (
        pl.when(pl.col("age") < 5)
        .then(pl.lit("startup"))
        .when(pl.col("age") < 12)
        .then(pl.lit("growth"))
        .otherwise(pl.lit("mature"))
    )
    joined = ident.join(panel, on="uscc", how="inner")
    # sme_size_class and lifecycle_stage are identity fields: the latest year's value wins.
    return (
        joined.with_columns(age=pl.col("fiscal_year") - pl.col("registration_date").dt.year())
        .with_columns(lifecycle.alias("lifecycle_stage"))
        .drop("age")
        .sort("uscc", "fiscal_year")
    )


def generate_population(
    n_firms: int = 2000,
    years: Sequence[int] = DEFAULT_YEARS,
    seed: int = DEFAULT_SEED,
    calibration: Calibration | None = None,
) -> pl.DataFrame:
    """模拟数据: a panel (``uscc`` × ``fiscal_year``) of synthetic Leshan enterprises.

    Identity columns repeat on every row (use :func:`split_identity` to separate them); rows
    start at the founding year. Every row has ``synthetic = True``.
    """
    cal = calibration or Calibration()
    ident, latent = _identity(n_firms, seed, cal)
    return _panel(ident, latent, years, seed, cal)


def generate_panel(
    n_rows: int, seed: int = DEFAULT_SEED, years: Sequence[int] = DEFAULT_YEARS
) -> pl.DataFrame:
    """模拟数据: exactly ``n_rows`` enterprise-years (for benchmarks), same generator."""
    per_firm = len(years) * 0.90  # firm-years per firm (0.92 measured), with a margin
    n_firms = math.ceil(n_rows / per_firm) + 16
    panel = generate_population(n_firms, years, seed)
    while panel.height < n_rows:
        n_firms = math.ceil(n_firms * 1.05)
        panel = generate_population(n_firms, years, seed)
    return panel.head(n_rows)


def split_identity(panel: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``(identity, annual)``: one row per enterprise (latest year) and the yearly figures."""
    annual = [c for c in panel.columns if c in set(annual_codes())]
    ident_cols = [c for c in panel.columns if c not in annual and c != "fiscal_year"]
    identity = panel.sort("fiscal_year").unique("uscc", keep="last").select(ident_cols)
    return identity.sort("uscc"), panel.select("uscc", "fiscal_year", *annual)
