"""Issue 11 (performance): the index page reads the trend of the focus region in one query,
however many years have a stored run (it read one query per year)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jiazhou_web.indices import actions
from jiazhou_web.indices.demo import CITY_2025
from jiazhou_web.indices.tests.conftest import halved, report

pytestmark = pytest.mark.django_db


def _queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/index/", {"year": "2025"}).status_code == 200
    return len(ctx.captured_queries)


def test_more_years_of_runs_cost_no_more_queries(
    computed: Any, definition: Any, regions: Any, city_admin: Any
) -> None:
    client = Client()
    client.force_login(city_admin)
    _queries(client)
    one_year = _queries(client)
    for year in ("2023", "2024"):
        report(regions["511100"], year, CITY_2025)
        report(regions["511112"], year, halved(CITY_2025))
        actions.compute_run(definition, int(year), actor=None)
    three_years = _queries(client)
    assert three_years <= one_year, (one_year, three_years)
    page = client.get("/index/", {"year": "2025"}).content.decode()
    assert "2023" in page and "2024" in page  # the trend shows the added years
