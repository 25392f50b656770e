"""Market actions happen once under concurrent requests (PostgreSQL: DATABASE_URL=postgres://…;
SQLite serialises writers, so the race is skipped there — the stale-object test in
test_market.py covers the conditional update on any database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest

from jiazhou_web.core.tests.test_concurrency import _events, needs_postgres, race, refused_clearly
from jiazhou_web.market import actions
from jiazhou_web.market.choices import ContractState, MarketEvent
from jiazhou_web.market.models import Application, TechContract
from jiazhou_web.market.tests.conftest import build_market

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tx_market(transactional_db: Any, regions: Any, make_enterprise: Any) -> Any:
    return build_market(regions, make_enterprise)


def _contract(m: Any, title: str, total: D) -> TechContract:
    return actions.submit_contract(
        actor=m.seller_user, seller=m.seller, registry=m.registry, title=title,
        contract_type="licence", field="新能源与高效节能", ip_type="patent", buyer_name="买方",
        buyer_region_code="510104", total_amount=total, signed_on=dt.date(2026, 11, 2),
    )  # fmt: skip


def test_register_twice_at_once_registers_once(tx_market: Any) -> None:
    m = tx_market
    c = _contract(m, "并发登记", D(100))
    actions.accept_contract(c, actor=m.registrar, on=dt.date(2026, 11, 3))
    day = dt.date(2026, 11, 4)
    results = race(
        lambda: actions.register_contract(
            TechContract.objects.get(pk=c.pk), actor=m.registrar, on=day
        ),
        lambda: actions.register_contract(
            TechContract.objects.get(pk=c.pk), actor=m.registrar, on=day
        ),
    )
    assert sum(refused_clearly(r) for r in results) == 1
    assert _events(c, MarketEvent.CONTRACT_REGISTERED) == 1
    assert TechContract.objects.get(pk=c.pk).state == ContractState.REGISTERED


def test_two_registrations_at_once_both_count_in_the_indicator(tx_market: Any) -> None:
    from jiazhou_web.monitoring.models import Observation

    m = tx_market
    a, b = _contract(m, "甲", D(100)), _contract(m, "乙", D(300))
    for c in (a, b):
        actions.accept_contract(c, actor=m.registrar, on=dt.date(2026, 11, 3))
    day = dt.date(2026, 11, 4)
    results = race(
        lambda: actions.register_contract(a, actor=m.registrar, on=day),
        lambda: actions.register_contract(b, actor=m.registrar, on=day),
    )
    assert not any(isinstance(r, Exception) for r in results), results
    numbers = set(TechContract.objects.values_list("registration_no", flat=True))
    assert numbers == {"5111002026000001", "5111002026000002"}
    assert Observation.objects.get(fact_code="MKT2026").value == D("0.04")  # 400万 = 0.04亿


def test_the_same_award_twice_at_once_awards_once(tx_market: Any, city_admin: Any) -> None:
    m = tx_market
    d = actions.submit_demand(
        actor=m.buyer_user, enterprise=m.buyer, title="并发揭榜", problem="问题", field="农业"
    )
    actions.review_entry(d, publish=True, comment="", actor=city_admin)
    listing = actions.create_listing(
        d, listing_class="firm", budget=D(50), apply_deadline=dt.date(2099, 1, 1),
        actor=city_admin,
    )  # fmt: skip
    actions.advance_listing(listing, actor=city_admin)
    actions.advance_listing(listing, actor=city_admin)
    one = actions.apply_to_listing(listing, m.seller, "方案一", actor=m.seller_user)
    results = race(
        lambda: actions.award(one, actor=city_admin),
        lambda: actions.award(Application.objects.get(pk=one.pk), actor=city_admin),
    )
    assert sum(refused_clearly(r) for r in results) == 1
    assert _events(one, MarketEvent.APPLICATION_AWARDED) == 1
