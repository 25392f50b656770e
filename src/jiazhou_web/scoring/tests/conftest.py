"""Hand-made enterprises and figures for the scoring and pool tests (no demo population)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

# A firm that meets every HNTE condition of 32号 第十一条 on fiscal years 2022-2024:
# sales 30,000,000 a year (≤ 5,000万 → R&D ≥ 5 %), R&D 2,000,000 a year (6.7 %), all domestic;
# 20 tech staff of 100 (20 % ≥ 10 %); hitech income 80 % of total income; one Ⅰ类 IP.
HNTE_READY: dict[str, float] = {
    "sales_revenue_hnte": 30_000_000,
    "operating_revenue": 30_000_000,
    "main_business_revenue": 30_000_000,
    "total_income": 30_000_000,
    "hitech_product_income": 24_000_000,
    "rd_expense_hnte": 2_000_000,
    "rd_domestic_hnte": 2_000_000,
    "rd_expense_deduction_basis": 2_000_000,
    "rd_expense_audited": 2_000_000,
    "employees_total": 100,
    "tech_staff": 20,
    "rd_staff": 15,
    "total_assets": 40_000_000,
    "total_liabilities": 20_000_000,
    "net_profit": 2_000_000,
    "ip_class1_count": 1,
    "ip_class1_self_count": 1,
    "ip_class2_count": 3,
    "ip_class2_unused_hnte_count": 3,
    "invention_patents": 1,
    "ip_self_developed": 1,
    "conversions": 2,
    "standards_participated": 0,
    "prohibited_product": 0,
    "major_incident": 0,
    "research_misconduct": 0,
    "abnormal_or_dishonest": 0,
}

YEARS = (2022, 2023, 2024)
GROWTH = 1.4  # money grows 40 % a year: full marks on 195号 成长性 (net assets, sales)
MONEY = frozenset(
    k
    for k in HNTE_READY
    if k.startswith(("sales", "operating", "main", "total", "hitech", "rd_", "net"))
)


@pytest.fixture
def add_figures(db: Any) -> Callable[..., None]:
    """``add_figures(firm, years=YEARS, **overrides)``: store HNTE_READY values with overrides."""
    from jiazhou_web.enterprises.models import EnterpriseFigure

    def add(firm: Any, years: tuple[int, ...] = YEARS, **overrides: float | None) -> None:
        """Money in the last year equals HNTE_READY; earlier years are smaller by GROWTH."""
        values = {**HNTE_READY, **overrides}
        last = max(years)

        def at(code: str, v: float, year: int) -> Decimal:
            if code in MONEY and code not in overrides:
                v = v / GROWTH ** (last - year)
            return Decimal(str(round(v, 2)))

        EnterpriseFigure.objects.bulk_create(
            EnterpriseFigure(
                enterprise=firm,
                fiscal_year=year,
                field=code,
                value=at(code, v, year),
                source="declaration",
                as_of=dt.date(year + 1, 3, 31),
            )
            for year in years
            for code, v in values.items()
            if v is not None
        )

    return add


@pytest.fixture
def hnte_firm(make_enterprise: Any, add_figures: Callable[..., None]) -> Callable[..., Any]:
    """A registered, 8-field firm with HNTE_READY figures (plus ``overrides``)."""

    def make(region: str = "511102", zone: bool = False, name: str = "", **overrides: Any) -> Any:
        firm = make_enterprise(region=region, zone=zone, name=name)
        firm.tech_field = "electronic_information"
        firm.save(update_fields=["tech_field"])
        add_figures(firm, **overrides)
        return firm

    return make
