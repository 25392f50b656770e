"""Pool sync: memberships follow certificates and current results, as dated facts, idempotently."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from jiazhou_web.core.models import AuditLog
from jiazhou_web.enterprises.models import Certificate, Enterprise
from jiazhou_web.pools.actions import sync_pools
from jiazhou_web.pools.choices import PoolEvent
from jiazhou_web.pools.models import PoolMembership
from jiazhou_web.scoring.actions import score_enterprises

pytestmark = pytest.mark.django_db
DAY1 = dt.date(2025, 7, 1)
DAY2 = dt.date(2025, 9, 1)


def open_status(firm: Any, programme: str = "hnte") -> str | None:
    m = PoolMembership.objects.filter(enterprise=firm, programme=programme, ended_on=None).first()
    return m.status if m else None


def test_a_passing_firm_becomes_a_candidate_and_a_failing_one_does_not(
    hnte_firm: Callable[..., Any], city_admin: Any
) -> None:
    ready, short = hnte_firm(), hnte_firm(tech_staff=5)
    score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2025, actor=city_admin)
    sync_pools(actor=city_admin, today=DAY1)
    assert open_status(ready) == "candidate"
    assert open_status(short) is None


def test_a_valid_certificate_makes_a_firm_qualified_with_its_dates(
    hnte_firm: Callable[..., Any], city_admin: Any
) -> None:
    firm = hnte_firm()
    Certificate.objects.create(
        enterprise=firm,
        programme="hnte",
        number="GR202451000007",
        valid_from=dt.date(2024, 12, 1),
        valid_to=dt.date(2027, 11, 30),
    )
    sync_pools(actor=city_admin, today=DAY1)
    m = PoolMembership.objects.get(enterprise=firm, ended_on=None)
    assert (m.status, m.certificate_number, m.valid_to) == (
        "qualified",
        "GR202451000007",
        dt.date(2027, 11, 30),
    )


def test_syncing_twice_changes_nothing_the_second_time(
    hnte_firm: Callable[..., Any], city_admin: Any
) -> None:
    hnte_firm()
    score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2025, actor=city_admin)
    first = sync_pools(actor=city_admin, today=DAY1)
    rows = list(PoolMembership.objects.values_list("id", "status", "ended_on"))
    second = sync_pools(actor=city_admin, today=DAY2)
    assert first["opened:candidate"] == 1
    assert sum(second.values()) == 0
    assert list(PoolMembership.objects.values_list("id", "status", "ended_on")) == rows
    assert AuditLog.objects.filter(event_type=PoolEvent.POOLS_SYNCED).count() == 2


def test_transitions_close_the_old_fact_and_open_a_new_one(
    hnte_firm: Callable[..., Any], city_admin: Any
) -> None:
    firm = hnte_firm()
    score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2025, actor=city_admin)
    sync_pools(actor=city_admin, today=DAY1)
    cert = Certificate.objects.create(
        enterprise=firm,
        programme="hnte",
        number="GR1",
        valid_from=dt.date(2025, 8, 1),
        valid_to=dt.date(2028, 7, 31),
    )
    sync_pools(actor=city_admin, today=DAY2)  # candidate → qualified
    cert.revoked_on = dt.date(2026, 3, 1)
    cert.save(update_fields=["revoked_on"])
    sync_pools(actor=city_admin, today=dt.date(2026, 3, 2))  # qualified → revoked
    history = list(
        PoolMembership.objects.filter(enterprise=firm)
        .order_by("started_on")
        .values_list("status", "started_on", "ended_on")
    )
    assert history == [
        ("candidate", DAY1, DAY2),
        ("qualified", DAY2, dt.date(2026, 3, 2)),
        ("revoked", dt.date(2026, 3, 2), None),
    ]


def test_an_expired_certificate_leaves_the_firm_expired_unless_it_qualifies_again(
    hnte_firm: Callable[..., Any], city_admin: Any
) -> None:
    lapsed = hnte_firm(tech_staff=5)
    reapplying = hnte_firm()
    for n, firm in enumerate((lapsed, reapplying)):
        Certificate.objects.create(
            enterprise=firm,
            programme="hnte",
            number=f"GR-OLD-{n}",
            valid_from=dt.date(2021, 12, 1),
            valid_to=dt.date(2024, 11, 30),
        )
    score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2025, actor=city_admin)
    sync_pools(actor=city_admin, today=DAY1)
    assert open_status(lapsed) == "expired"
    assert open_status(reapplying) == "candidate"


def test_a_firm_that_stops_qualifying_leaves_the_candidate_pool(
    hnte_firm: Callable[..., Any], city_admin: Any
) -> None:
    firm = hnte_firm()
    score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2025, actor=city_admin)
    sync_pools(actor=city_admin, today=DAY1)
    firm.figures.filter(field="tech_staff").update(value=2)
    score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2025, actor=city_admin)
    sync_pools(actor=city_admin, today=DAY2)
    assert open_status(firm) is None
    assert PoolMembership.objects.get(enterprise=firm).ended_on == DAY2
