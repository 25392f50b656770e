"""Shared builders: one prepared unit (an enterprise evaluated in 2025) that schemes can read.

The baseline passes most hard conditions; each test overrides the few columns it is about.
Per-year columns are written ``<field>_y<k>`` (k = 1 is fiscal year Y-1), see schemes/panel.py.
"""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from jiazhou.schemes import ScoreResult, load_scheme, score
from jiazhou.schemes.model import Item
from jiazhou.schemes.sqlgen import CRITERION_STATES

ANNUAL = {
    "operating_revenue": 4e7,
    "main_business_revenue": 3.8e7,
    "sales_revenue_hnte": 4e7,
    "total_income": 4e7,
    "hitech_product_income": 3e7,
    "total_assets": 5e7,
    "total_liabilities": 2e7,
    "net_profit": 4e6,
    "cost_expense_total": 3.5e7,
    "rd_expense_hnte": 2.4e6,
    "rd_domestic_hnte": 2.4e6,
    "rd_expense_deduction_basis": 2.4e6,
    "rd_expense_audited": 2.4e6,
    "employees_total": 100.0,
    "tech_staff": 30.0,
    "rd_staff": 20.0,
    "ip_class1_count": 2.0,
    "ip_class1_self_count": 2.0,
    "ip_class1_high_value_count": 0.0,
    "ip_class2_count": 6.0,
    "ip_class2_unused_hnte_count": 6.0,
    "invention_patents": 2.0,
    "ip_self_developed": True,
    "standards_participated": True,
    "conversions": 5.0,
    "hnte_certified": False,
    "tech_sme_registered": True,
    "innovative_sme_title": False,
    "srdi_sme_title": True,
    "ip_demo_title": False,
    "national_award_5y_top3": False,
    "national_award_3y_top3": False,
    "provincial_award_3y": False,
    "provincial_award_3y_top3": False,
    "rd_institution_level": 2.0,
    "standard_led_5y": False,
    "chuangke_rank_3y": None,
    "market_share": 0.12,
    "market_rank": 5.0,
    "digitalization_level": 3.0,
    "quality_marks": 2.0,
    "specialized_dev_score": 65.0,
    "qualified_equity_financing": 0.0,
    "valuation": None,
    "private_equity_invested": False,
    "major_incident": False,
    "research_misconduct": False,
    "abnormal_or_dishonest": False,
    "tax_or_data_violation": False,
    "prohibited_product": False,
}
IDENTITY = {
    "uscc": "U1",
    "eval_year": 2025,
    "age_days": 3000.0,
    "fiscal_years_operated": 10.0,
    "firm_age_years": 9.0,
    "segment_years": 6.0,
    "resident_enterprise_cn": True,
    "tech_field": "1",
    "sme_size_class": "small",
    "tax_collection_method": "audit",
    "listed_status": "unlisted",
    "strategic_emerging": True,
    "key_chain_role": 2.0,
}
FLOAT_KEYS = {k for k, v in ANNUAL.items() if not isinstance(v, bool)}


def unit(**overrides: Any) -> dict[str, Any]:
    """The baseline unit with ``overrides`` (``rd_expense_hnte=...`` sets every year)."""
    row: dict[str, Any] = dict(IDENTITY)
    for k in range(0, 5):
        row.update({f"{f}_y{k}": v for f, v in ANNUAL.items()})
    for key, value in overrides.items():
        if key in ANNUAL:
            row.update({f"{key}_y{k}": value for k in range(0, 5)})
        else:
            row[key] = value
    return row


def frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    schema: dict[str, Any] = {}
    for key in rows[0]:
        base = key.rsplit("_y", 1)[0]
        if base in FLOAT_KEYS or key in (
            "age_days",
            "fiscal_years_operated",
            "firm_age_years",
            "segment_years",
            "key_chain_role",
        ):
            schema[key] = pl.Float64
    return pl.DataFrame(rows, schema_overrides=schema, infer_schema_length=None)


def run(code: str, *rows: dict[str, Any], **params: float) -> ScoreResult:
    """Score prepared units (one per row; distinct ``uscc`` are assigned)."""
    numbered = [
        {**r, "uscc": r.get("uscc") if len(rows) == 1 else f"U{i}"} for i, r in enumerate(rows)
    ]
    scheme = load_scheme(code, params=params or None)
    return score(frame(numbered), scheme)


def crit(result: ScoreResult, cid: str, row: int = 0) -> dict[str, Any]:
    """One criterion of one unit from the wide table."""
    w = result.wide.row(row, named=True)
    out = {k.split("__", 1)[1]: v for k, v in w.items() if k.startswith(f"{cid}__")}
    if "status" in out:  # wide statuses are UInt8 codes: the position in CRITERION_STATES
        out["status"] = CRITERION_STATES[out["status"]]
    return out


def summ(result: ScoreResult, row: int = 0) -> dict[str, Any]:
    return result.summary.row(row, named=True)


@pytest.fixture
def base() -> dict[str, Any]:
    return unit()


def scored_item(**kw: object) -> Item:
    """A population-relative item (mean_ratio, max 20) with ``kw`` overriding its fields."""
    base: dict[str, object] = {
        "id": "M",
        "label_zh": "m",
        "label_en": "m",
        "cite": "",
        "tag": "U",
        "max": 20.0,
        "method": "mean_ratio",
    }
    return Item(**{**base, **kw})  # type: ignore[arg-type]
