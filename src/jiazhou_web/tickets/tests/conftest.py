"""A small 企业诉求 world: the catalogue, the 市经信局 unit with its officer, the 五通桥 county
bureau, a firm and its user. Time is pinned to Tue 2025-06-03 09:00 (after 端午 2025)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from jiazhou_web.conftest import _persona

SH = dt.timezone(dt.timedelta(hours=8))
PINNED = dt.datetime(2025, 6, 3, 9, 0, tzinfo=SH)


def at(m: int, d: int, hh: int = 9, mm: int = 0, y: int = 2025) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=SH)


@pytest.fixture
def pinned() -> Any:
    with time_machine.travel(PINNED, tick=False) as traveller:
        yield traveller


@pytest.fixture
def county_unit(regions: dict[str, Any]) -> Any:
    from jiazhou_web.accounts import actions

    return actions.create_department(
        code="kj-511112",
        name="五通桥区科学技术局",
        kind="county_bureau",
        region=regions["511112"],
        actor=None,
    )


@pytest.fixture
def firm(make_enterprise: Any) -> Any:
    return make_enterprise(region="511112", name="五通桥测试企业有限公司")


@pytest.fixture
def other_firm(make_enterprise: Any) -> Any:
    return make_enterprise(region="511112", name="另一家测试企业有限公司")


@pytest.fixture
def firm_user(firm: Any) -> Any:
    return _persona("firm_user", "enterprise_user", firm)


@pytest.fixture
def other_firm_user(other_firm: Any) -> Any:
    return _persona("other_firm_user", "enterprise_user", other_firm)


@pytest.fixture
def world(
    pinned: Any,
    city_admin: Any,
    county_officer: Any,
    dept_officer: Any,
    department: Any,
    county_unit: Any,
    firm_user: Any,
    firm: Any,
) -> dict[str, Any]:
    from jiazhou_web.tickets.catalogue import ensure_current

    ensure_current()
    return {
        "city": city_admin,
        "county": county_officer,
        "dept": dept_officer,
        "unit": department,
        "county_unit": county_unit,
        "firm_user": firm_user,
        "firm": firm,
    }
