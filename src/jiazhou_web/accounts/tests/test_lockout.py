"""Defect 6 (issue 11): login throttling per account and per address, reset after expiry,
identical answers for real and unknown accounts, an audited unlock on the roles page; password changes and
logouts audited."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from jiazhou_web.accounts.models import User
from jiazhou_web.core.choices import CoreEvent
from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.seeding import DEMO_PASSWORD

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)


def login(username: str, password: str, addr: str = "10.0.0.1") -> Any:
    return Client().post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=addr
    )


def alert(response: Any) -> str:
    match = re.search(r'role="alert">(.*?)</div>', response.content.decode(), re.S)
    return match[1].strip() if match else ""


@pytest.fixture(autouse=True)
def limits(settings: Any) -> None:
    settings.LOGIN_MAX_FAILURES = 5
    settings.LOGIN_ACCOUNT_MAX_FAILURES = 20
    settings.LOGIN_ADDRESS_MAX_FAILURES = 50
    settings.LOGIN_LOCKOUT_MINUTES = 15


def test_five_wrong_guesses_from_one_address_do_not_lock_the_owner_out_elsewhere(
    city_admin: Any,
) -> None:
    with time_machine.travel(T0, tick=False):
        for _ in range(5):
            login("city_admin", "wrong", addr="10.6.6.6")
        assert "锁定" in alert(login("city_admin", DEMO_PASSWORD, addr="10.6.6.6"))
        assert login("city_admin", DEMO_PASSWORD, addr="10.0.0.7").status_code == 302


def test_a_locked_real_account_and_a_locked_unknown_name_answer_the_same(city_admin: Any) -> None:
    with time_machine.travel(T0, tick=False):
        answers = {}
        for name in ("city_admin", "no_such_user"):
            for _ in range(5):
                login(name, "wrong")
            response = login(name, "wrong")
            answers[name] = (response.status_code, alert(response))
    assert answers["city_admin"] == answers["no_such_user"]
    assert "锁定" in answers["city_admin"][1]


def test_the_account_locks_everywhere_after_failures_from_many_addresses(
    city_admin: Any,
) -> None:
    with time_machine.travel(T0, tick=False):
        for i in range(20):
            login("city_admin", "wrong", addr=f"10.1.0.{i}")
        city_admin.refresh_from_db()
        assert city_admin.is_locked
        assert AuditLog.objects.filter(event_type=CoreEvent.ACCOUNT_LOCKED).count() == 1
        assert "锁定" in alert(login("city_admin", DEMO_PASSWORD, addr="10.2.0.1"))


def test_an_address_trying_many_names_is_blocked_for_every_name(
    city_admin: Any, county_officer: Any
) -> None:
    with time_machine.travel(T0, tick=False):
        for i in range(50):
            login(f"guess{i}", "wrong", addr="10.9.9.9")
        assert "锁定" in alert(login("county_officer", DEMO_PASSWORD, addr="10.9.9.9"))
        assert login("county_officer", DEMO_PASSWORD, addr="10.9.9.8").status_code == 302


def test_the_lock_and_the_count_end_when_the_lock_expires(city_admin: Any) -> None:
    with time_machine.travel(T0, tick=False):
        for _ in range(5):
            login("city_admin", "wrong")
        assert "锁定" in alert(login("city_admin", DEMO_PASSWORD))
    with time_machine.travel(T0 + dt.timedelta(minutes=16), tick=False):
        login("city_admin", "wrong")  # the count starts again at one: no new lock
        assert login("city_admin", DEMO_PASSWORD).status_code == 302


def test_failures_spread_beyond_the_window_never_lock(city_admin: Any) -> None:
    for minute in range(0, 100, 20):  # five failures, 20 minutes apart
        with time_machine.travel(T0 + dt.timedelta(minutes=minute), tick=False):
            login("city_admin", "wrong")
    with time_machine.travel(T0 + dt.timedelta(minutes=101), tick=False):
        assert login("city_admin", DEMO_PASSWORD).status_code == 302


def test_the_admin_unlocks_an_account_and_it_is_audited(city_admin: Any) -> None:
    """The unlock is on the roles page (系统 → 用户与角色); the Django admin is read-only."""
    root = User.objects.create_superuser("root", "root@example.org", DEMO_PASSWORD)
    with time_machine.travel(T0, tick=False):
        for i in range(20):
            login("city_admin", "wrong", addr=f"10.1.0.{i}")
        admin = Client()
        admin.force_login(root)
        response = admin.post(reverse("accounts:user_unlock", args=[city_admin.pk]))
        assert response.status_code == 302
        city_admin.refresh_from_db()
        assert not city_admin.is_locked and city_admin.failed_logins == 0
        row = AuditLog.objects.get(event_type=CoreEvent.ACCOUNT_UNLOCKED)
        assert row.actor == root and row.object_id == str(city_admin.pk)
        assert login("city_admin", DEMO_PASSWORD, addr="10.1.0.3").status_code == 302


def test_password_change_and_logout_are_audited(city_admin: Any) -> None:
    client = Client()
    client.force_login(city_admin)
    new = "Jz-Another-Pass-2026!"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": DEMO_PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    row = AuditLog.objects.get(event_type=CoreEvent.PASSWORD_CHANGED)
    assert row.actor == city_admin
    assert new not in str(row.extra) and DEMO_PASSWORD not in str(row.extra)
    client.post(reverse("accounts:logout"))
    assert AuditLog.objects.filter(event_type=CoreEvent.LOGOUT, actor=city_admin).count() == 1
