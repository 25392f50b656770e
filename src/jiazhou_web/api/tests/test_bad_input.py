"""Hostile and malformed requests get a 4xx with a Chinese-first JSON message, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from jiazhou_web.api.tests.conftest import ApiClient

pytestmark = pytest.mark.django_db

GETS = [
    "/api/v1/enterprises?page=0",
    "/api/v1/enterprises?page=-1",
    "/api/v1/enterprises?page=abc",
    "/api/v1/enterprises?page=99999999999999999999999",
    "/api/v1/enterprises?page_size=201",
    "/api/v1/enterprises?page_size=0",
    "/api/v1/enterprises?region=" + "9" * 50,
    "/api/v1/enterprises?uscc=%00%01",
    "/api/v1/enterprises/99999999999999999999999",
    "/api/v1/enterprises/0",
    "/api/v1/enterprises/1/figures?fiscal_year=abc",
    "/api/v1/certificates?enterprise=-5",
    "/api/v1/indicators/" + "x" * 500,
    "/api/v1/indicators/%E4%B9%90",
    "/api/v1/observations?period=" + "2" * 100,
    "/api/v1/scoring-results?current=perhaps",
    "/api/v1/scoring-results?eval_year=99999",
    "/api/v1/scoring-results/18446744073709551616",
    "/api/v1/pool-memberships?current=2",
    "/api/v1/supervision-items/abc",
    "/api/v1/nowhere",
]

BODIES: list[Any] = [
    "not json",
    "[]",
    "{}",
    '{"rows": []}',
    '{"rows": "x"}',
    '{"rows": [{}]}',
    '{"rows": [{"uscc": 1, "fiscal_year": null}]}',
    '{"rows": [{"uscc": "91511112MA6X0000X0", "fiscal_year": "x", "figures": []}]}',
    '{"rows": [{"uscc": "91511112MA6X0000X0", "fiscal_year": 2024, "figures": {"operating_revenue": {"a": 1}}}]}',
    '{"rows": [{"uscc": "91511112MA6X0000X0", "fiscal_year": 99999999999999999999, "figures": {}}]}',
    '{"rows": [{"uscc": "91511112MA6X0000X0", "fiscal_year": 2024, "figures": {"operating_revenue": "1e999"}}]}',
    '{"rows": [{"uscc": "91511112MA6X0000X0", "fiscal_year": 2024, "figures": {"operating_revenue": -1}}]}',
    '{"rows": [{"uscc": "91511112MA6X0000X0", "fiscal_year": 2024, "as_of": "2024-02-30", "figures": {}}]}',
    '{"rows": [{"uscc": "9151\\u0000", "fiscal_year": 2024, "figures": {}}]}',
]


def _is_chinese_first_json(response: Any) -> bool:
    detail = response.json().get("detail", "")
    return bool(detail) and ("\u4e00" <= detail[0] <= "\u9fff" or detail.startswith("「"))


def test_malformed_reads_are_4xx_with_a_message(
    world: Any, api_clients: dict[str, ApiClient]
) -> None:
    client = api_clients["city_admin"]
    for url in GETS:
        response = client.get(url)
        assert 400 <= response.status_code < 500, (url, response.status_code)
        assert _is_chinese_first_json(response), (url, response.content[:200])


def test_malformed_writes_are_4xx_and_store_nothing(
    world: Any, api_clients: dict[str, ApiClient]
) -> None:
    from jiazhou_web.enterprises.models import EnterpriseFigure

    client = api_clients["city_admin"].client
    secret = api_clients["city_admin"].secret
    for body in BODIES:
        response = client.post(
            "/api/v1/enterprise-figures",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )
        assert 400 <= response.status_code < 500, (body, response.status_code, response.content)
        assert _is_chinese_first_json(response), (body, response.content[:200])
    long_key = client.post(
        "/api/v1/enterprise-figures",
        '{"rows": [{"uscc": "x", "fiscal_year": 2024}]}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
        HTTP_IDEMPOTENCY_KEY="k" * 101,
    )
    assert long_key.status_code == 422
    assert not EnterpriseFigure.objects.exists()


def test_hostile_authorization_headers_are_401(db: Any) -> None:
    for header in (
        "Bearer",
        "Bearer ",
        "Bearer jz_",
        "Bearer " + "jz_" + "a" * 5000,
        "Token x",
        "Bearer \x00",
    ):
        response = Client().get("/api/v1/indicators", HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header
        assert _is_chinese_first_json(response), header
