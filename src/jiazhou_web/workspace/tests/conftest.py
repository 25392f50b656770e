"""Two firms (one in 五通桥区, one in the high-tech zone) with their users and officers."""

from __future__ import annotations

from typing import Any

import pytest

from jiazhou_web.core.seeding import DEMO_PASSWORD


def persona(username: str, role: str, target: Any = None) -> Any:
    from jiazhou_web.accounts import actions

    user = actions.create_user(
        username=username, password=DEMO_PASSWORD, display_name=username, actor=None
    )
    actions.assign_role(user, role, actor=None, target=target)
    return user


@pytest.fixture
def firm(make_enterprise: Any) -> Any:
    """A firm of 五通桥区 (511112), outside the zone: its declarations go to the county."""
    return make_enterprise(region="511112", name="五通桥晶材有限公司")


@pytest.fixture
def zone_firm(make_enterprise: Any) -> Any:
    """A firm of 市中区 in the high-tech zone: its declarations go to the zone."""
    return make_enterprise(region="511102", zone=True, name="高新区光电有限公司")


@pytest.fixture
def firm_user(firm: Any) -> Any:
    return persona("firm_user", "enterprise_user", firm)


@pytest.fixture
def firm_admin(firm: Any, firm_user: Any) -> Any:
    """``firm_user`` made the firm's account administrator (by the city admin)."""
    from jiazhou_web.workspace import actions

    actions.appoint_admin(firm, firm_user, actor=None)
    return firm_user


@pytest.fixture
def zone_user(zone_firm: Any) -> Any:
    return persona("zone_user", "enterprise_user", zone_firm)
