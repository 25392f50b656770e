"""The persona matrix over the later capabilities' endpoints (issue 21): on the demo data of
every app, each role's token lists exactly the rows the role's pages show — computed with the
same function the pages call — is refused (403) where its role may not open the section, and
gets 404 for an object outside its scope. Independent checks pin the cut itself: a firm's
token reaches only its firm's tickets and applications, a county officer's only its county."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from jiazhou_web.api.tests.conftest import ApiClient, issue
from jiazhou_web.core.access import can, for_user
from jiazhou_web.core.scopes import holding_only, user_scope

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(shared_demo: Any) -> Any:
    """Every app's demo data (size 60): the shared demo."""
    return shared_demo


def _lists() -> list[tuple[str, tuple[str, ...], Callable[[Any], Any]]]:
    """(endpoint, verbs — any of them opens it, the rows its page shows for a user)."""
    from jiazhou_web.assessments.visibility import visible_reports
    from jiazhou_web.chains.models import Chain
    from jiazhou_web.chains.visibility import visible_attachments
    from jiazhou_web.market.models import Achievement, Demand
    from jiazhou_web.market.rules import contracts_for, published_catalogue, visible_listings
    from jiazhou_web.platforms.models import Platform
    from jiazhou_web.projects.models import ExternalProject
    from jiazhou_web.projects.visibility import visible_applications as projects
    from jiazhou_web.subsidies.access import visible_applications, visible_orders
    from jiazhou_web.talent.models import Talent
    from jiazhou_web.tickets.visibility import visible_tickets

    return [
        ("/api/v1/tickets", ("tickets.view", "tickets.raise"), visible_tickets),
        ("/api/v1/subsidy-applications", ("subsidies.view",), visible_applications),
        ("/api/v1/voucher-orders", ("vouchers.view",), visible_orders),
        ("/api/v1/achievements", ("market.view",), lambda u: published_catalogue(Achievement, u)),
        ("/api/v1/demands", ("market.view",), lambda u: published_catalogue(Demand, u)),
        ("/api/v1/listings", ("market.view",), visible_listings),
        ("/api/v1/tech-contracts", ("market.contract.view",), contracts_for),
        ("/api/v1/chains", ("chains.view",), lambda u: Chain.objects.all()),
        ("/api/v1/chain-attachments", ("chains.view",), visible_attachments),
        ("/api/v1/county-reports", ("assessments.view",), visible_reports),
        ("/api/v1/project-applications", ("projects.view", "projects.review"), projects),
        (
            "/api/v1/external-projects",
            ("projects.view",),
            lambda u: for_user(ExternalProject.objects.all(), u),
        ),
        ("/api/v1/platforms", ("platforms.view",), lambda u: for_user(Platform.objects.all(), u)),
        ("/api/v1/talents", ("talent.view",), lambda u: for_user(Talent.objects.all(), u)),
    ]


def _all(client: ApiClient, url: str) -> tuple[int, list[dict[str, Any]]]:
    seen: list[dict[str, Any]] = []
    page = 1
    while True:
        response = client.get(f"{url}?page={page}&page_size=200")
        if response.status_code != 200:
            return response.status_code, seen
        body = response.json()
        seen += body["results"]
        if page * body["page_size"] >= body["count"]:
            return 200, seen
        page += 1


def _one_user_per_role() -> dict[str, tuple[Any, Any]]:
    """role → (a demo user holding it, that assignment), the first by username."""
    from jiazhou_web.accounts.models import RoleAssignment

    found: dict[str, tuple[Any, Any]] = {}
    for a in RoleAssignment.objects.active().select_related("user").order_by("user__username"):
        if a.user.is_active:
            found.setdefault(a.role, (a.user, a))
    return found


def test_every_role_lists_exactly_what_its_pages_show(demo: Any) -> None:
    from jiazhou_web.api import actions

    roles = _one_user_per_role()
    assert len(roles) >= 8, sorted(roles)
    rows_seen: dict[str, int] = {}
    for role, (user, assignment) in sorted(roles.items()):
        secret = actions.create_token(user, assignment, name="矩阵", days=1, actor=user).secret
        client = ApiClient(secret)
        narrowed = holding_only(user, assignment)
        for url, verbs, rows_for in _lists():
            status, seen = _all(client, url)
            if not any(can(narrowed, v) for v in verbs):
                assert status == 403, (role, url, status)
                continue
            assert status == 200, (role, url, status)
            expected = set(rows_for(narrowed).values_list("pk", flat=True))
            got = [r["id"] for r in seen]
            assert len(got) == len(set(got)), (role, url, "a row listed twice")
            assert set(got) == expected, (role, url)
            rows_seen[url] = rows_seen.get(url, 0) + len(got)
    # the matrix is only as good as its data: every list returned rows to some role
    assert all(rows_seen.get(url) for url, _v, _r in _lists()), rows_seen


def _detail_rows() -> dict[str, Callable[[Any], Any]]:
    """Detail pages that open more than their list shows: a holder's own drafts."""
    from jiazhou_web.market.models import Achievement, Demand

    return {
        "/api/v1/achievements": lambda u: for_user(Achievement.objects.all(), u),
        "/api/v1/demands": lambda u: for_user(Demand.objects.all(), u),
    }


def test_every_role_opens_exactly_the_objects_its_pages_open(demo: Any) -> None:
    """One object inside and one outside each role's scope, for every detail endpoint: 200
    and 404 (never 403: an id outside the scope is not revealed)."""
    from jiazhou_web.api import actions

    details = _detail_rows()
    checked = 0
    for role, (user, assignment) in sorted(_one_user_per_role().items()):
        client = ApiClient(
            actions.create_token(user, assignment, name="对象", days=1, actor=user).secret
        )
        narrowed = holding_only(user, assignment)
        for url, verbs, rows_for in _lists():
            if url.endswith(("/chains", "/chain-attachments")):
                continue  # chains are opened by code; attachments have no detail
            if not any(can(narrowed, v) for v in verbs):
                continue
            rows = details.get(url, rows_for)(narrowed)
            visible = set(rows.values_list("pk", flat=True))
            model = rows.model
            outside = model.objects.exclude(pk__in=visible).order_by("pk").first()
            if outside is not None:
                assert client.get(f"{url}/{outside.pk}").status_code == 404, (role, url)
                checked += 1
            if visible:
                response = client.get(f"{url}/{min(visible)}")
                assert response.status_code == 200, (role, url, response.status_code)
                assert response.json()["id"] == min(visible)
                checked += 1
    assert checked > 50, checked


def _client_of(username: str) -> tuple[ApiClient, Any]:
    from jiazhou_web.accounts.models import User

    user = User.objects.get(username=username)
    return ApiClient(issue(user).secret), user


def test_a_firms_token_reaches_only_its_firms_tickets_and_applications(demo: Any) -> None:
    from jiazhou_web.subsidies.models import Application
    from jiazhou_web.tickets.models import Ticket

    client, user = _client_of("demo_enterprise")
    firms = user_scope(user).enterprise_ids
    assert firms
    status, tickets = _all(client, "/api/v1/tickets")
    assert status == 200
    assert {t["enterprise"]["id"] for t in tickets} <= firms
    assert len(tickets) == Ticket.objects.filter(enterprise_id__in=firms).count()
    status, apps = _all(client, "/api/v1/subsidy-applications")
    assert status == 200 and apps
    assert {a["enterprise"]["id"] for a in apps} <= firms
    assert len(apps) == Application.objects.filter(enterprise_id__in=firms).count()
    other = Ticket.objects.exclude(enterprise_id__in=firms).first()
    assert other is not None
    assert client.get(f"/api/v1/tickets/{other.pk}").status_code == 404
    other_app = Application.objects.exclude(enterprise_id__in=firms).first()
    assert other_app is not None
    assert client.get(f"/api/v1/subsidy-applications/{other_app.pk}").status_code == 404
    assert client.get("/api/v1/county-reports").status_code == 403


def test_a_county_officers_token_reaches_only_its_county(demo: Any) -> None:
    from jiazhou_web.regions.models import Region
    from jiazhou_web.tickets.models import Ticket

    client, user = _client_of("demo_county_officer")
    county = user.role_assignments.active().get().region
    codes = Region.objects.subtree_codes(county.code)
    status, tickets = _all(client, "/api/v1/tickets")
    assert status == 200 and tickets
    assert {t["region"]["code"] for t in tickets} <= codes
    outside = Ticket.objects.exclude(region__code__in=codes).exclude(
        enterprise__region__code__in=codes
    )
    assert outside.exists()
    assert client.get(f"/api/v1/tickets/{outside.first().pk}").status_code == 404  # type: ignore[union-attr]
    status, talents = _all(client, "/api/v1/talents")  # personal data: the county's own only
    assert status == 200 and talents
    assert {r["region"]["code"] for r in talents} <= codes
    status, platforms = _all(client, "/api/v1/platforms")  # active platforms are public
    assert status == 200
    assert all(p["status"] == "active" or p["region"]["code"] in codes for p in platforms)


def test_coded_fields_come_with_their_chinese_labels(demo: Any) -> None:
    client, _user = _client_of("demo_city_admin")
    ticket = client.get("/api/v1/tickets?page_size=1").json()["results"][0]
    assert ticket["state"] and ticket["state_label"] and ticket["state_label"] != ticket["state"]
    detail = client.get(f"/api/v1/tickets/{ticket['id']}").json()
    assert detail == ticket
    talent = client.get("/api/v1/talents?page_size=1").json()["results"][0]
    assert "id_number" not in talent and "*" in talent["id_number_masked"]
    chain = client.get("/api/v1/chains?page_size=1").json()["results"][0]
    assert chain["segments"] and chain["segments"][0]["position_label"]
    assert client.get(f"/api/v1/chains/{chain['code']}").json() == chain


def test_each_list_reads_a_constant_number_of_queries(demo: Any) -> None:
    """A page of 100 rows costs what a page of 1 costs (links read with the rows)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, _user = _client_of("demo_city_admin")
    client.get("/api/v1/indicators")  # the token's first call: its rate window opens
    for url, _verbs, _rows in _lists():
        counts = []
        for size in (1, 100):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"{url}?page_size={size}").status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1], (url, counts)
