"""Issue 11 (performance): the pages named in the issue run a constant number of queries,
however many rows they show (indicator detail: one per observation; reporting-batch list:
per-row counts; pools dashboard: repeated counts; supervision list: holiday-table queries)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jiazhou_web.monitoring import actions as monitoring
from jiazhou_web.monitoring.models import Indicator

pytestmark = pytest.mark.django_db
PERIODS = ["2019", "2020", "2021", "2022", "2023", "2024"]


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def constant(client: Client, url: str, grow: Callable[[int], None]) -> tuple[int, int]:
    grow(0)
    small = queries(client, url)
    grow(1)
    large = queries(client, url)
    return small, large


def _batches(regions: Any, officers: dict[str, Any], step: int) -> None:
    indicator = Indicator.objects.get(code="hitech_enterprises")
    for period in PERIODS[step * 3 : step * 3 + 3]:
        for code in ("511112",):
            batch = monitoring.open_submission(regions[code], period, actor=None)
            monitoring.record_observation(
                batch, indicator, value=Decimal(10), explanation="核实", actor=None
            )
            monitoring.submit_submission(batch, actor=None)
            monitoring.approve_submission(batch, actor=None)


def test_indicator_detail_is_constant(client: Client, regions: Any, city_admin: Any) -> None:
    client.force_login(city_admin)
    small, large = constant(
        client,
        "/monitoring/indicators/hitech_enterprises/",
        lambda step: _batches(regions, {}, step),
    )
    assert large <= small, (small, large)


def test_reporting_batch_list_is_constant(client: Client, regions: Any, city_admin: Any) -> None:
    client.force_login(city_admin)
    small, large = constant(
        client, "/monitoring/reports/", lambda step: _batches(regions, {}, step)
    )
    assert large <= small, (small, large)


def test_pools_dashboard_is_constant(client: Client, city_admin: Any, make_enterprise: Any) -> None:
    client.force_login(city_admin)

    def grow(step: int) -> None:
        for _ in range(5):
            make_enterprise(region="511112")

    small, large = constant(client, "/pools/", grow)
    assert large <= small, (small, large)


def test_supervision_list_is_constant(client: Client, city_admin: Any, department: Any) -> None:
    from jiazhou_web.supervision import actions
    from jiazhou_web.supervision.choices import ListKind

    client.force_login(city_admin)
    task_list = actions.create_list(
        code="q", title="q", kind=ListKind.KEY_PROJECTS, year=2025, actor=city_admin
    )
    counter = iter(range(1000))

    def grow(step: int) -> None:
        for _ in range(5):
            n = next(counter)
            item = actions.create_item(
                task_list,
                code=f"T{n:03d}",
                title=f"事项{n}",
                lead_unit=department,
                start_date=dt.date(2025, 3, 3),
                deadline=dt.date(2025, 6, 30) + dt.timedelta(days=n),
                actor=city_admin,
            )
            actions.assign_item(item, actor=city_admin)

    small, large = constant(client, "/supervision/", grow)
    assert large <= small, (small, large)
