"""一企一策 page: every programme's criteria, the cheapest path, plan writes through actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from jiazhou_web.core.models import AuditLog
from jiazhou_web.enterprises.models import Certificate, Enterprise
from jiazhou_web.pools.actions import sync_pools
from jiazhou_web.pools.choices import PoolEvent
from jiazhou_web.pools.models import EnterprisePlan, ServiceLogEntry
from jiazhou_web.scoring.actions import score_enterprises

pytestmark = pytest.mark.django_db


@pytest.fixture
def zone_firm(hnte_firm: Callable[..., Any], city_admin: Any) -> Any:
    firm = hnte_firm(name="高新区某电子公司", zone=True, tech_staff=9)
    Certificate.objects.create(
        enterprise=firm,
        programme="tech_sme",
        number="2025511100A0001",
        valid_from=dt.date(2025, 4, 1),
        valid_to=dt.date(2099, 12, 31),
    )
    score_enterprises(
        Enterprise.objects.all(), ["hnte-2016", "tech-sme-2017"], 2025, actor=city_admin
    )
    sync_pools(actor=city_admin)
    return firm


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_shows_every_scored_programme_criterion_and_the_cheapest_path(
    zone_firm: Any, zone_officer: Any
) -> None:
    html = client_for(zone_officer).get(f"/pools/enterprises/{zone_firm.pk}/").content.decode()
    assert 'data-testid="criteria-hnte"' in html and 'data-testid="criteria-tech_sme"' in html
    assert "科技人员占比不足10%：需新增 2 人" in html
    path = html.split('data-testid="cheapest-path"')[1].split("jz-card")[0]
    assert "科技人员占比不足10%" in path  # 科小 is held, so the next step is 高企
    assert "2025511100A0001" in html  # certificate with its expiry


def test_the_page_is_404_outside_the_users_scope(zone_firm: Any, county_officer: Any) -> None:
    assert client_for(county_officer).get(f"/pools/enterprises/{zone_firm.pk}/").status_code == 404


def test_a_service_log_entry_is_stored_and_audited_on_the_plan(
    zone_firm: Any, zone_officer: Any
) -> None:
    response = client_for(zone_officer).post(
        f"/pools/enterprises/{zone_firm.pk}/service-log/",
        {
            "happened_on": "2025-07-02",
            "kind": "visit",
            "content": "上门辅导研发费用归集",
            "needs": "需要科技人员认定培训",
        },
    )
    assert response.status_code == 302
    entry = ServiceLogEntry.objects.get()
    assert entry.plan.enterprise == zone_firm and entry.created_by == zone_officer
    plan = EnterprisePlan.objects.get(enterprise=zone_firm)
    events = set(AuditLog.objects.for_object(plan).values_list("event_type", flat=True))
    assert events == {PoolEvent.PLAN_CREATED, PoolEvent.SERVICE_LOGGED}


def test_plan_actions_and_officer_go_through_actions(zone_firm: Any, zone_officer: Any) -> None:
    client = client_for(zone_officer)
    base = f"/pools/enterprises/{zone_firm.pk}"
    client.post(f"{base}/officer/", {"officer": zone_officer.pk, "goal": "hnte"})
    client.post(
        f"{base}/actions/",
        {"title": "补充科技人员2名", "due_on": "2025-09-30", "programme": "hnte"},
    )
    plan = EnterprisePlan.objects.get(enterprise=zone_firm)
    action = plan.actions.get()
    client.post(f"{base}/actions/{action.pk}/done/")
    action.refresh_from_db()
    assert plan.officer == zone_officer and plan.goal == "hnte"
    assert action.done_on is not None
    html = client.get(f"{base}/").content.decode()
    assert "补充科技人员2名" in html


def test_users_without_an_officer_role_cannot_write(
    zone_firm: Any, regions: Any, make_enterprise: Any
) -> None:
    from jiazhou_web.accounts import actions

    user = actions.create_user(username="ent", password="x", display_name="ent", actor=None)
    actions.assign_role(user, "enterprise_user", actor=None, target=zone_firm)
    client = client_for(user)
    assert client.get(f"/pools/enterprises/{zone_firm.pk}/").status_code == 200
    response = client.post(
        f"/pools/enterprises/{zone_firm.pk}/service-log/",
        {"happened_on": "2025-07-02", "kind": "visit", "content": "x"},
    )
    assert response.status_code == 403
    assert not ServiceLogEntry.objects.exists()


def test_the_firms_open_tickets_are_shown_to_ticket_readers_only(
    zone_firm: Any, zone_officer: Any, county_officer: Any
) -> None:
    """Issue 15: pool officers see the firm's open 企业诉求 in 一企一策, within their scope."""
    from jiazhou_web.conftest import _persona
    from jiazhou_web.tickets import actions as tickets

    region = zone_firm.zone or zone_firm.region
    open_one = tickets.record_ticket(
        channel="visit",
        title="用电增容迟迟未批复",
        text="园区用电增容申请两个月未批复",
        region=region,
        enterprise=zone_firm,
        actor=zone_officer,
    )
    page = client_for(zone_officer).get(f"/pools/enterprises/{zone_firm.pk}/").content.decode()
    card = page.split('data-testid="firm-tickets"')[1].split("jz-card")[0]
    assert open_one.number in card and "未办结 1 件" in card and "待派单" in card
    # a reviewer reads pools but not tickets: no card at all
    reviewer = _persona("pool_reviewer", "reviewer")
    html = client_for(reviewer).get(f"/pools/enterprises/{zone_firm.pk}/").content.decode()
    assert 'data-testid="firm-tickets"' not in html and open_one.number not in html
