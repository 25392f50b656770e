"""Fixtures of the enterprise tests: an enterprise user and enterprises with figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from jiazhou_web.core.seeding import DEMO_PASSWORD


@pytest.fixture
def own_enterprise(make_enterprise: Any) -> Any:
    return make_enterprise(region="511102", name="本企业有限公司")


@pytest.fixture
def enterprise_user(own_enterprise: Any) -> Any:
    """A user of one 市中区 enterprise (its own record only)."""
    from jiazhou_web.accounts import actions

    user = actions.create_user(
        username="enterprise_user", password=DEMO_PASSWORD, display_name="企业用户", actor=None
    )
    actions.assign_role(user, "enterprise_user", actor=None, target=own_enterprise)
    return user


@pytest.fixture
def spread(make_enterprise: Any) -> dict[str, Any]:
    """One firm in 五通桥区, one in 市中区, one in the zone (市中区 district)."""
    from jiazhou_web.enterprises import actions

    firms = {
        "wutongqiao": make_enterprise(region="511112", name="五通桥硅业有限公司"),
        "shizhong": make_enterprise(region="511102", name="市中电子有限公司"),
        "zone": make_enterprise(region="511102", zone=True, name="高新储能有限公司"),
    }
    for firm in firms.values():
        actions.set_annual_figures(
            firm,
            2024,
            {"operating_revenue": Decimal("12345678.90"), "tech_staff": 12},
            source="declaration",
            as_of=dt.date(2025, 5, 31),
            actor=None,
        )
    return firms
