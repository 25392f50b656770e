"""Issue 11 (performance): what a request computes once — the working calendar's table state
and the approved observations behind the dashboard, the 大屏 and the report."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jiazhou_web.core.request_cache import memo, request_scope
from jiazhou_web.monitoring import actions as monitoring
from jiazhou_web.monitoring.models import Indicator

pytestmark = pytest.mark.django_db


def test_outside_a_request_nothing_is_kept() -> None:
    calls: list[int] = []
    for _ in range(3):
        memo("k", lambda: calls.append(1))
    assert len(calls) == 3


def test_within_a_request_once_until_a_write(department: Any) -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    with request_scope():
        for _ in range(3):
            memo("k", compute)
        assert len(calls) == 1
        department.save()  # a write empties the memo
        assert memo("k", compute) == 2
    memo("k", compute)
    assert len(calls) == 3  # the request is over: nothing kept


def _sql_touching(ctx: CaptureQueriesContext, table: str) -> int:
    return sum(f'FROM "{table}"' in q["sql"] for q in ctx.captured_queries)


def test_pages_read_the_approved_observations_once(
    client: Client, regions: Any, city_admin: Any
) -> None:
    indicator = Indicator.objects.get(code="hitech_enterprises")
    batch = monitoring.open_submission(regions["511112"], "2024", actor=None)
    monitoring.record_observation(
        batch, indicator, value=Decimal(9), explanation="核实", actor=None
    )
    monitoring.submit_submission(batch, actor=None)
    monitoring.approve_submission(batch, actor=None)
    client.force_login(city_admin)
    for url in ("/monitoring/", "/monitoring/screen/", "/monitoring/report/"):
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        # the dashboard's statuses and its 数据截至 (the 大屏: also its trend and sources)
        # share one read; the region bar of the 大屏 reads its one indicator separately
        assert _sql_touching(ctx, "monitoring_observation") <= (2 if "screen" in url else 1), url


def test_the_holiday_table_is_checked_once_per_request(client: Client, city_admin: Any) -> None:
    client.force_login(city_admin)
    for url in ("/supervision/", "/supervision/kanban/", "/supervision/notices/", "/"):
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        assert _sql_touching(ctx, "supervision_holiday") <= 1, url


def test_the_pool_dashboard_reads_the_certificate_holders_once_per_day_per_request(
    regions: Any, django_assert_num_queries: Any
) -> None:
    """Several targets (years, regions, shares of the city) ask certificate counts: every
    programme and region of one day comes from one read, and another day is another read."""
    import datetime as dt

    from jiazhou_web.pools.dashboard import _valid_count

    day = dt.date(2026, 12, 31)
    with request_scope(), django_assert_num_queries(2):
        for _ in range(3):
            _valid_count("hnte", regions["511112"], day)
            _valid_count("hnte", regions["511100"], day)
            _valid_count("tech_sme", regions["511100"], day)
        _valid_count("hnte", regions["511112"], day - dt.timedelta(days=365))
