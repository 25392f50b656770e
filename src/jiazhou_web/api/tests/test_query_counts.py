"""Every list endpoint reads a constant number of queries however many rows a page holds
(select_related / prefetch_related, lights read once per page)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jiazhou_web.api.tests.conftest import ApiClient, issue

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


def _grow(n: int, city_admin: Any, make_enterprise: Any, department: Any) -> None:
    """``n`` more firms, each with a certificate, a scoring result, a pool membership, and
    ``n`` more supervised items with a milestone each, an approved value per firm."""
    from decimal import Decimal

    from jiazhou.schemes import list_schemes
    from jiazhou_web.enterprises import actions as enterprises
    from jiazhou_web.enterprises.models import Enterprise
    from jiazhou_web.monitoring.models import Indicator, Observation
    from jiazhou_web.pools.actions import sync_pools
    from jiazhou_web.regions.models import Region
    from jiazhou_web.scoring.actions import score_enterprises
    from jiazhou_web.supervision import actions as supervision
    from jiazhou_web.supervision.choices import ListKind
    from jiazhou_web.supervision.models import TaskList

    task_list = TaskList.objects.first() or supervision.create_list(
        code="qc", title="清单", kind=ListKind.KEY_PROJECTS, year=2025, actor=city_admin
    )
    indicator = Indicator.objects.get(code="hitech_enterprises")
    start = Enterprise.objects.count()
    for k in range(start, start + n):
        firm = make_enterprise(region="511112" if k % 2 else "511102", zone=k % 3 == 0)
        enterprises.add_certificate(
            firm,
            programme="hnte",
            number=f"GR2025{k:06d}",
            valid_from=dt.date(2025, 1, 1),
            valid_to=dt.date(2027, 12, 31),
            actor=city_admin,
        )
        supervision.create_item(
            task_list,
            code=f"Q{k:03d}",
            title=f"事项{k}",
            lead_unit=department,
            start_date=dt.date(2025, 3, 3),
            deadline=dt.date(2025, 12, 31),
            indicator_codes=[],
            milestones=(("中期", dt.date(2025, 6, 30)),),
            actor=city_admin,
        )
        Observation.objects.create(  # a published figure (no batch), as the reference loader
            indicator=indicator,
            region=Region.objects.get(code="511112"),
            period=str(2000 + k),
            value=Decimal(k),
        )
    score_enterprises(Enterprise.objects.all(), [list_schemes()[0].code], 2025, actor=city_admin)
    sync_pools(actor=city_admin)


def count(client: ApiClient, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(ctx.captured_queries), len(response.json()["results"])


def test_each_list_reads_a_constant_number_of_queries(
    city_admin: Any, make_enterprise: Any, department: Any
) -> None:
    client = ApiClient(issue(city_admin).secret)
    _grow(2, city_admin, make_enterprise, department)
    small = {url: count(client, url) for url in LISTS}
    _grow(6, city_admin, make_enterprise, department)
    large = {url: count(client, url) for url in LISTS}
    for url in LISTS:
        (q_small, n_small), (q_large, n_large) = small[url], large[url]
        if url != "/api/v1/indicators":  # the catalogue is reference data: it does not grow
            assert n_large > n_small, (url, n_small, n_large)
        assert q_large <= q_small, (url, q_small, q_large)
