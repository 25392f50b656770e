"""A small market: a registry in 乐山 with its registrar, a second registry with another, a
broker, two firms with their users, officers from the root conftest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from jiazhou_web.accounts import actions as accounts
from jiazhou_web.core.seeding import DEMO_PASSWORD
from jiazhou_web.market import actions


@dataclass
class Market:
    registry: Any
    other_registry: Any
    registrar: Any
    other_registrar: Any
    broker: Any
    broker_user: Any
    seller: Any
    seller_user: Any
    buyer: Any
    buyer_user: Any


def _user(name: str, role: str, target: Any = None) -> Any:
    user = accounts.create_user(
        username=name, password=DEMO_PASSWORD, display_name=name, actor=None
    )
    accounts.assign_role(
        user, role, actor=None, target=target, valid_from=dt.date(2020, 1, 1)
    )  # held for years, as the root personas
    return user


def build_market(regions: dict[str, Any], make_enterprise: Any) -> Market:
    unit = accounts.create_department(
        code="lsjsht", name="乐山市技术合同登记处", kind="city_bureau",
        region=regions["511100"], actor=None,
    )  # fmt: skip
    registry = actions.create_registry(
        code="ls", name="乐山市技术合同登记处", region_code="511100", actor=None
    )
    other = actions.create_registry(
        code="cd", name="成都市技术合同登记处", region_code="510100", actor=None
    )
    registrar = _user("registrar", "contract_registrar", unit)
    other_registrar = _user("registrar_cd", "contract_registrar", unit)
    actions.add_registrar(registrar, registry, actor=None)
    actions.add_registrar(other_registrar, other, actor=None)
    broker_user = _user("broker", "tech_broker")
    broker = actions.register_broker(
        name="王经纪", certificate_no="JJ-001", organisation="乐山高新区技术经理人联盟",
        user=broker_user, actor=None,
    )  # fmt: skip
    seller = make_enterprise(region="511102", zone=True, name="乐山钒能科技有限公司")
    buyer = make_enterprise(region="511112", name="五通桥储能有限公司")
    return Market(
        registry=registry,
        other_registry=other,
        registrar=registrar,
        other_registrar=other_registrar,
        broker=broker,
        broker_user=broker_user,
        seller=seller,
        seller_user=_user("seller_user", "enterprise_user", seller),
        buyer=buyer,
        buyer_user=_user("buyer_user", "enterprise_user", buyer),
    )


@pytest.fixture
def market(regions: dict[str, Any], make_enterprise: Any) -> Market:
    return build_market(regions, make_enterprise)
