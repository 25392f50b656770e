"""Requests per token in fixed windows: beyond ``API_RATE_LIMIT`` a 429 with Retry-After, a new
window starts afresh, and one token's requests never count against another's."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import override_settings

from jiazhou_web.api.models import RateWindow
from jiazhou_web.api.tests.conftest import ApiClient, issue

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 12, 4, 10, 0, 0, tzinfo=dt.UTC)  # a window boundary (60 s windows)


@override_settings(API_RATE_LIMIT=3, API_RATE_WINDOW_SECONDS=60)
def test_the_fourth_request_in_a_window_waits_for_the_next(
    county_officer: Any, zone_officer: Any
) -> None:
    client = ApiClient(issue(county_officer).secret)
    other = ApiClient(issue(zone_officer).secret)
    with time_machine.travel(START + dt.timedelta(seconds=15), tick=False):
        assert [client.get("/api/v1/indicators").status_code for _ in range(3)] == [200] * 3
        refused = client.get("/api/v1/indicators")
        assert other.get("/api/v1/indicators").status_code == 200
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "45"
    assert refused.json()["detail"].startswith("请求过于频繁：每个令牌每 60 秒最多 3 次")
    with time_machine.travel(START + dt.timedelta(seconds=60), tick=False):
        assert client.get("/api/v1/indicators").status_code == 200
    # the earlier window is dropped when the token opens a new one
    assert (
        RateWindow.objects.filter(window_start__lt=START + dt.timedelta(seconds=60))
        .filter(token__user=county_officer)
        .count()
        == 0
    )


@override_settings(API_RATE_LIMIT=1, API_RATE_WINDOW_SECONDS=3600)
def test_the_limit_and_window_are_settings(county_officer: Any) -> None:
    client = ApiClient(issue(county_officer).secret)
    with time_machine.travel(START + dt.timedelta(minutes=59, seconds=30), tick=False):
        assert client.get("/api/v1/indicators").status_code == 200
        refused = client.get("/api/v1/indicators")
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "30"
