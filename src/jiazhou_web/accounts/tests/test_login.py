"""Login: an audit row for every login and failed login; lock-out after repeated failures."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from jiazhou_web.core.choices import CoreEvent
from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.seeding import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def post_login(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_successful_login_writes_an_audit_row(client: Client, city_admin: Any) -> None:
    response = post_login(client, "city_admin", DEMO_PASSWORD)
    assert response.status_code == 302
    row = AuditLog.objects.get(event_type=CoreEvent.LOGIN)
    assert row.actor == city_admin


def test_failed_login_writes_an_audit_row_and_counts(client: Client, city_admin: Any) -> None:
    response = post_login(client, "city_admin", "wrong-password")
    assert response.status_code == 200
    city_admin.refresh_from_db()
    assert city_admin.failed_logins == 1
    assert AuditLog.objects.filter(event_type=CoreEvent.LOGIN_FAILED).count() == 1


def test_failed_login_for_an_unknown_user_is_audited_without_a_target(client: Client) -> None:
    post_login(client, "nobody", "whatever")
    row = AuditLog.objects.get(event_type=CoreEvent.LOGIN_FAILED)
    assert row.extra["username"] == "nobody"
    assert row.object_id == ""


def test_fifth_failure_locks_the_account_from_that_address_even_for_the_right_password(
    client: Client, city_admin: Any, settings: Any
) -> None:
    settings.LOGIN_MAX_FAILURES = 5
    for _ in range(5):
        post_login(client, "city_admin", "wrong-password")
    response = post_login(client, "city_admin", DEMO_PASSWORD)
    assert response.status_code == 200
    assert "锁定" in response.content.decode()


def test_successful_login_resets_the_failure_count(client: Client, city_admin: Any) -> None:
    post_login(client, "city_admin", "wrong-password")
    post_login(client, "city_admin", DEMO_PASSWORD)
    city_admin.refresh_from_db()
    assert city_admin.failed_logins == 0


def test_pages_require_login(client: Client) -> None:
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_health_check_and_login_page_are_public(client: Client) -> None:
    assert client.get("/healthz").status_code == 200
    assert client.get(reverse("accounts:login")).status_code == 200
