"""Hand-made zone firms with the 亩均 figures of fiscal year 2024 (evaluation year 2025).

Each firm differs from its peers only in 亩均营业收入 (v 万元 on 1 亩): every other 亩均 indicator is
at the cohort mean, so totals are 80 + 20 × min(2, v / mean) (see tests/schemes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
import time_machine

PINNED = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture(autouse=True)
def pinned_time() -> Any:
    """Every test starts on Monday 2 November 2026 (personas and runs are made then); tests
    travel forward from there, so role assignments are already in force."""
    with time_machine.travel(PINNED, tick=False):
        yield


VALUES = (900, 700, 500, 500, 300, 300, 300, 200, 200, 100)  # 亩均营业收入, 万元/亩


def figures(revenue_per_mu: float) -> dict[str, float]:
    """1 亩 and revenue v万元; staff, energy and R&D proportional to revenue: only 亩均营业收入
    differs between firms (every other indicator is at the cohort mean)."""
    v = revenue_per_mu
    return {
        "land_own_mu": 1,
        "operating_revenue": v * 10_000,
        "employees_total": v / 10,
        "energy_tce": v,
        "rd_expense_audited": v * 300,
        "tax_vat": 10_000,
        "tax_cit": 0,
        "industrial_added_value": 100_000,
        "emissions_equiv": 0.1,
        "electricity_kwh": 1000,
    }


@pytest.fixture
def mu_firm(make_enterprise: Any) -> Callable[..., Any]:
    from jiazhou_web.enterprises.models import EnterpriseFigure

    def make(revenue_per_mu: float, region: str = "511102", name: str = "") -> Any:
        firm = make_enterprise(region=region, zone=True, name=name)
        firm.above_scale_industrial = True
        firm.save(update_fields=["above_scale_industrial"])
        EnterpriseFigure.objects.bulk_create(
            EnterpriseFigure(
                enterprise=firm,
                fiscal_year=2024,
                field=code,
                value=Decimal(str(round(v, 4))),
                source="declaration",
                as_of=dt.date(2025, 3, 31),
            )
            for code, v in figures(revenue_per_mu).items()
        )
        return firm

    return make


@pytest.fixture
def ten_firms(mu_firm: Callable[..., Any]) -> list[Any]:
    return [mu_firm(v, name=f"亩均测试企业{n}有限公司") for n, v in enumerate(VALUES)]


@pytest.fixture
def enterprise_user(ten_firms: list[Any]) -> Any:
    """The user of the firm at 200 万元/亩 (position 8, class C)."""
    from jiazhou_web.accounts import actions
    from jiazhou_web.core.seeding import DEMO_PASSWORD

    user = actions.create_user(
        username="firm_user", password=DEMO_PASSWORD, display_name="firm_user", actor=None
    )
    actions.assign_role(user, "enterprise_user", actor=None, target=ten_firms[7])
    return user
