"""The supervision list pages read every row's light in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jiazhou_web.supervision import actions
from jiazhou_web.supervision.models import Milestone

pytestmark = pytest.mark.django_db

PAGES = [
    "/supervision/",
    "/supervision/?light=yellow",
    "/supervision/kanban/",
    "/supervision/timeline/",
    "/supervision/scoreboard/",
    "/supervision/notices/",
]


def _queries(client: Client, url: str, django_assert_max_num_queries: Any, n: int) -> None:
    with django_assert_max_num_queries(n):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("url", PAGES)
def test_list_pages_query_count_does_not_grow_with_items(
    url: str, make_item: Any, city_admin: Any, django_assert_max_num_queries: Any
) -> None:
    client = Client()
    client.force_login(city_admin)
    for _ in range(2):
        item = make_item("in_progress", start="2026-11-02", deadline="2027-03-31")
        Milestone.objects.create(item=item, title="节点", deadline=dt.date(2026, 11, 20))
        actions.issue_notice(item, kind="yellow", reason="落后于序时进度", actor=city_admin)
    client.get(url)  # warm the calendar cache and the session
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(10):
        item = make_item("in_progress", start="2026-11-02", deadline="2027-03-31")
        Milestone.objects.create(item=item, title="节点", deadline=dt.date(2026, 11, 20))
        actions.issue_notice(item, kind="yellow", reason="落后于序时进度", actor=city_admin)
    _queries(client, url, django_assert_max_num_queries, len(few.captured_queries))
