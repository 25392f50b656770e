"""Concurrent API requests (PostgreSQL; SQLite serialises writers, so there is no race there):
the same ``Idempotency-Key`` sent twice at once writes once and both get the same answer, and
requests opening one rate window together are all counted."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from jiazhou_web.api.models import RateWindow
from jiazhou_web.api.tests.conftest import ApiClient, issue
from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.tests.test_concurrency import needs_postgres, race
from jiazhou_web.enterprises.choices import EnterpriseEvent

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_one_key_sent_twice_at_once_writes_once(county_officer: Any, make_enterprise: Any) -> None:
    firm = make_enterprise(region="511112")
    secret = issue(county_officer).secret
    body = {"rows": [{"uscc": firm.uscc, "fiscal_year": 2024, "figures": {"operating_revenue": 5}}]}

    def send() -> tuple[int, Any]:
        response = ApiClient(secret).post(
            "/api/v1/enterprise-figures", body, HTTP_IDEMPOTENCY_KEY="same-key"
        )
        return response.status_code, response.json()

    first, second = race(send, send)
    assert first == second == (200, {"rows": 1, "stored": 1}), (first, second)
    assert AuditLog.objects.filter(event_type=EnterpriseEvent.IMPORTED).count() == 1


@override_settings(API_RATE_LIMIT=1000)
def test_requests_opening_one_window_together_are_all_counted(county_officer: Any) -> None:
    secret = issue(county_officer).secret

    def send() -> int:
        return int(ApiClient(secret).get("/api/v1/indicators").status_code)

    assert race(*[send] * 4) == [200] * 4
    assert sum(RateWindow.objects.values_list("count", flat=True)) == 4
