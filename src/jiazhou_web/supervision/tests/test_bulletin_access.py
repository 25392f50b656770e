"""Defect 5 (issue 11): 通报 are for government roles; an enterprise user may neither list nor
download them. The bulletin form shows its errors (month 13) instead of hiding them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from jiazhou_web.accounts import actions as account_actions
from jiazhou_web.core.seeding import DEMO_PASSWORD
from jiazhou_web.supervision import actions
from jiazhou_web.supervision.models import Bulletin

pytestmark = pytest.mark.django_db


@pytest.fixture
def bulletin(task_list: Any, city_admin: Any, django_capture_on_commit_callbacks: Any) -> Any:
    at = dt.datetime(2025, 6, 2, 10, tzinfo=dt.UTC)
    with django_capture_on_commit_callbacks(execute=True):  # the files land on commit
        return actions.draft_bulletin(task_list, year=2025, month=5, actor=city_admin, at=at)


def test_an_enterprise_user_may_not_list_or_download_bulletins(
    client: Client, bulletin: Any, make_enterprise: Any
) -> None:
    user = account_actions.create_user(
        username="firm", password=DEMO_PASSWORD, display_name="firm", actor=None
    )
    account_actions.assign_role(user, "enterprise_user", actor=None, target=make_enterprise())
    client.force_login(user)
    assert client.get("/supervision/bulletins/").status_code == 403
    assert client.get(f"/supervision/bulletins/{bulletin.pk}/pdf/").status_code == 403


def test_a_department_officer_reads_them(client: Client, bulletin: Any, dept_officer: Any) -> None:
    client.force_login(dept_officer)
    assert client.get("/supervision/bulletins/").status_code == 200
    assert client.get(f"/supervision/bulletins/{bulletin.pk}/pdf/").status_code == 200


def test_month_13_is_shown_as_an_error(client: Client, task_list: Any, city_admin: Any) -> None:
    client.force_login(city_admin)
    response = client.post(
        "/supervision/bulletins/", {"task_list": task_list.pk, "year": 2025, "month": 13}
    )
    assert response.status_code == 200
    assert 'data-testid="form-errors"' in response.content.decode()
    assert not Bulletin.objects.exists()
