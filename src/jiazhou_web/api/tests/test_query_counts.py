"""Every list endpoint reads a constant number of queries however many rows a page holds
(select_related / prefetch_related, lights read once per page)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jiazhou_web.api.tests.conftest import ApiClient, grow, issue

pytestmark = pytest.mark.django_db
LISTS = (
    "/api/v1/enterprises",
    "/api/v1/certificates",
    "/api/v1/indicators",
    "/api/v1/observations",
    "/api/v1/scoring-results",
    "/api/v1/pool-memberships",
    "/api/v1/supervision-items",
)


def count(client: ApiClient, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(ctx.captured_queries), len(response.json()["results"])


def test_each_list_reads_a_constant_number_of_queries(
    city_admin: Any, make_enterprise: Any, department: Any
) -> None:
    client = ApiClient(issue(city_admin).secret)
    grow(2, city_admin, make_enterprise, department)
    small = {url: count(client, url) for url in LISTS}
    grow(6, city_admin, make_enterprise, department)
    large = {url: count(client, url) for url in LISTS}
    for url in LISTS:
        (q_small, n_small), (q_large, n_large) = small[url], large[url]
        if url != "/api/v1/indicators":  # the catalogue is reference data: it does not grow
            assert n_large > n_small, (url, n_small, n_large)
        assert q_large <= q_small, (url, q_small, q_large)
