"""The persona matrix over the API: every persona's token lists exactly the rows its role's
pages show (the model's ``for_user`` set for that role), is refused (403) a section its role
may not open, and gets 404 for one object outside its scope."""

from __future__ import annotations

from typing import Any

import pytest

from jiazhou_web.api.tests.conftest import TOKEN_PERSONAS, ApiClient
from jiazhou_web.core.access import can
from jiazhou_web.core.tests.world import World

pytestmark = pytest.mark.django_db


def _sets() -> list[tuple[str, str | None, Any, str]]:
    """(endpoint, verb, the page's rows for a user, the key compared)."""
    from jiazhou_web.enterprises.models import Certificate, Enterprise
    from jiazhou_web.monitoring.models import Indicator, Observation
    from jiazhou_web.pools.models import PoolMembership
    from jiazhou_web.scoring.models import UnitResult
    from jiazhou_web.supervision.models import TaskItem

    return [
        ("/api/v1/enterprises", "enterprise.view", Enterprise.objects.for_user, "id"),
        ("/api/v1/certificates", "enterprise.view", Certificate.objects.for_user, "id"),
        ("/api/v1/indicators", None, Indicator.objects.for_user, "code"),
        (
            "/api/v1/observations",
            "monitoring.view",
            lambda u: Observation.objects.approved().for_user(u),
            "id",
        ),
        ("/api/v1/scoring-results", "scoring.view", UnitResult.objects.for_user, "id"),
        ("/api/v1/pool-memberships", "pools.view", PoolMembership.objects.for_user, "id"),
        ("/api/v1/supervision-items", "supervision.view", TaskItem.objects.for_user, "id"),
    ]


def _all(client: ApiClient, url: str) -> tuple[int, set[Any]]:
    seen: set[Any] = set()
    page = 1
    while True:
        response = client.get(f"{url}?page={page}&page_size=200")
        if response.status_code != 200:
            return response.status_code, seen
        body = response.json()
        key = "code" if url.endswith("indicators") else "id"
        seen |= {row[key] for row in body["results"]}
        if page * body["page_size"] >= body["count"]:
            return 200, seen
        page += 1


def _more_rows(world: World) -> None:
    """A certificate and a pool membership for each enterprise, and approved values for the
    county and the zone beside a draft (all through the actions)."""
    import datetime as dt
    from decimal import Decimal

    from jiazhou_web.enterprises import actions as enterprises
    from jiazhou_web.monitoring import actions as monitoring
    from jiazhou_web.pools.actions import sync_pools

    users, indicator = world.users, world.objects["indicator"]
    monitoring.submit_submission(world.objects["batch"], actor=users["county_officer"])
    monitoring.approve_submission(world.objects["batch"], actor=users["city_admin"])
    zone = world.objects["zone_firm"].zone
    for period, approve in (("2024", True), ("2023", False)):
        batch = monitoring.open_submission(zone, period, actor=users["zone_officer"])
        monitoring.record_observation(
            batch, indicator, value=Decimal(7), explanation="核实", actor=users["zone_officer"]
        )
        if approve:
            monitoring.submit_submission(batch, actor=users["zone_officer"])
            monitoring.approve_submission(batch, actor=users["city_admin"])

    for n, firm in enumerate((world.objects["firm"], world.objects["zone_firm"]), start=1):
        enterprises.add_certificate(
            firm,
            programme="hnte",
            number=f"GR20255100{n:04d}",
            valid_from=dt.date(2025, 11, 1),
            valid_to=dt.date(2028, 10, 31),
            actor=None,
        )
    sync_pools(actor=None)


def test_every_persona_lists_exactly_what_its_pages_show(
    world: World, api_clients: dict[str, ApiClient]
) -> None:
    _more_rows(world)
    checked = 0
    for persona in TOKEN_PERSONAS:
        user = world.users[persona]
        for url, verb, rows_for, key in _sets():
            status, seen = _all(api_clients[persona], url)
            if verb is not None and not can(user, verb):
                assert status == 403, (persona, url, status)
                continue
            assert status == 200, (persona, url, status)
            expected = set(rows_for(user).values_list(key, flat=True))
            assert seen == expected, (persona, url)
            checked += len(expected)
    assert checked > 0


def test_the_world_gives_each_list_rows_to_compare(world: World) -> None:
    """The matrix above is only as good as its data: every list has rows for the city."""
    _more_rows(world)
    admin = world.users["city_admin"]
    for url, _verb, rows_for, _key in _sets():
        assert rows_for(admin).exists(), url


def test_an_object_outside_the_scope_is_404(
    world: World, api_clients: dict[str, ApiClient]
) -> None:
    firm, zone_firm, item = world.objects["firm"], world.objects["zone_firm"], world.objects["item"]
    county, zone = api_clients["county_officer"], api_clients["zone_officer"]
    assert county.get(f"/api/v1/enterprises/{firm.pk}").status_code == 200
    assert county.get(f"/api/v1/enterprises/{zone_firm.pk}").status_code == 404
    assert county.get(f"/api/v1/enterprises/{zone_firm.pk}/figures").status_code == 404
    assert zone.get(f"/api/v1/enterprises/{zone_firm.pk}").status_code == 200
    assert (
        api_clients["dept_officer"].get(f"/api/v1/supervision-items/{item.pk}").status_code == 200
    )
    assert zone.get(f"/api/v1/supervision-items/{item.pk}").status_code == 404
    firm_client = api_clients["enterprise_user"]
    assert firm_client.get(f"/api/v1/enterprises/{firm.pk}").status_code == 200
    assert firm_client.get(f"/api/v1/enterprises/{zone_firm.pk}").status_code == 404
    assert firm_client.get(f"/api/v1/enterprises/{10**6}").status_code == 404
    results = world.objects["run"].units.values_list("pk", "enterprise_id")
    zone_result = next(pk for pk, e in results if e == zone_firm.pk)
    assert county.get(f"/api/v1/scoring-results/{zone_result}").status_code == 404
    assert zone.get(f"/api/v1/scoring-results/{zone_result}").status_code == 200


def test_the_items_carry_their_light_and_the_results_their_explanations(
    world: World, api_clients: dict[str, ApiClient]
) -> None:
    item = api_clients["city_admin"].get("/api/v1/supervision-items").json()["results"][0]
    assert item["light"]["light"] in {
        "green",
        "blue",
        "yellow",
        "red",
        "done",
        "pending",
        "unknown",
    }
    assert item["light"]["label"]
    result = api_clients["city_admin"].get("/api/v1/scoring-results").json()["results"][0]
    unit = world.objects["run"].units.get(pk=result["id"])
    assert [c["criterion"] for c in result["criteria"]] == list(
        unit.criteria.order_by("id").values_list("criterion", flat=True)
    )
    assert all(c["label"] and c["status_label"] for c in result["criteria"])


def test_enterprises_filter_by_region_and_uscc(
    world: World, api_clients: dict[str, ApiClient]
) -> None:
    firm, zone_firm = world.objects["firm"], world.objects["zone_firm"]
    city = api_clients["city_admin"]
    by_county = city.get("/api/v1/enterprises?region=511112").json()["results"]
    assert [e["id"] for e in by_county] == [firm.pk]
    by_zone = city.get("/api/v1/enterprises?region=LS-HTZ").json()["results"]
    assert [e["id"] for e in by_zone] == [zone_firm.pk]
    by_uscc = city.get(f"/api/v1/enterprises?uscc={zone_firm.uscc.lower()}").json()["results"]
    assert [e["id"] for e in by_uscc] == [zone_firm.pk]
    nobody = city.get("/api/v1/enterprises?region=999999").json()
    assert nobody["count"] == 0 and nobody["results"] == []
