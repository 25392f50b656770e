"""Firms with R&D figures for application year Y = the pinned year (fiscal years Y-2, Y-1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from jiazhou_web.core.seeding import DEMO_PASSWORD


def persona(username: str, role: str, target: Any = None) -> Any:
    from jiazhou_web.accounts import actions

    user = actions.create_user(
        username=username, password=DEMO_PASSWORD, display_name=username, actor=None
    )
    actions.assign_role(user, role, actor=None, target=target)
    return user


@pytest.fixture
def year() -> int:
    return timezone.localdate().year


@pytest.fixture
def rd_firm(make_enterprise: Any, year: int) -> Any:
    """A 五通桥区 firm whose R&D rose by 120万 (Δ = 2,200,000 − 1,000,000 元) → 1.9万元."""
    from jiazhou_web.enterprises.models import EnterpriseFigure

    firm = make_enterprise(region="511112", name="研发增长测试有限公司")
    for fy, value in ((year - 2, 1_000_000), (year - 1, 2_200_000)):
        EnterpriseFigure.objects.create(
            enterprise=firm,
            fiscal_year=fy,
            field="rd_expense_deduction_basis",
            value=Decimal(value),
            source="declaration",
            as_of=dt.date(fy + 1, 5, 31),
        )
    return firm


@pytest.fixture
def firm_user(rd_firm: Any) -> Any:
    return persona("firm_user", "enterprise_user", rd_firm)


@pytest.fixture
def library(db: Any) -> None:
    from jiazhou_web.subsidies import actions

    actions.sync_library(actor=None)


def clause(policy: str, code: str) -> Any:
    from jiazhou_web.subsidies.models import ClauseVersion

    return ClauseVersion.objects.get(policy__code=policy, code=code)
