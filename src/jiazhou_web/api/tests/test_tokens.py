"""Token lifecycle: only a hash at rest, the secret shown once, expiry to the second, revocation,
last use, and a token acting with its one role (never more, even for a superuser)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from jiazhou_web.accounts import actions as accounts
from jiazhou_web.api import actions
from jiazhou_web.api.choices import ApiEvent
from jiazhou_web.api.models import ApiToken
from jiazhou_web.api.tests.conftest import ApiClient, issue
from jiazhou_web.core.models import AuditLog

pytestmark = pytest.mark.django_db
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def test_only_the_sha256_of_the_secret_is_stored(county_officer: Any) -> None:
    issued = issue(county_officer)
    row = ApiToken.objects.get(pk=issued.token.pk)
    assert row.secret_hash == hashlib.sha256(issued.secret.encode()).hexdigest()
    assert issued.secret.startswith(row.prefix + "_")
    stored = [str(v) for v in ApiToken.objects.filter(pk=row.pk).values().get().values()]
    assert not any(issued.secret in v for v in stored)
    assert issued.secret not in str(
        AuditLog.objects.filter(event_type=ApiEvent.TOKEN_CREATED).get().after
    )


def test_creating_and_revoking_each_write_one_audit_row(county_officer: Any) -> None:
    issued = issue(county_officer, name="统计局交换")
    actions.revoke_token(issued.token, actor=county_officer)
    events = list(
        AuditLog.objects.filter(event_type__startswith="api.").values_list("event_type", flat=True)
    )
    assert sorted(events) == [ApiEvent.TOKEN_CREATED, ApiEvent.TOKEN_REVOKED]
    with pytest.raises(ValidationError, match="已于"):
        actions.revoke_token(issued.token, actor=county_officer)
    assert AuditLog.objects.filter(event_type=ApiEvent.TOKEN_REVOKED).count() == 1


def test_a_token_is_bound_to_one_of_the_users_own_assignments(
    county_officer: Any, zone_officer: Any
) -> None:
    theirs = zone_officer.role_assignments.get()
    with pytest.raises(ValidationError, match="本账号自己的角色"):
        actions.create_token(county_officer, theirs, name="x", days=1, actor=county_officer)
    mine = county_officer.role_assignments.get()
    with pytest.raises(ValidationError, match="有效天数"):
        actions.create_token(county_officer, mine, name="x", days=366, actor=county_officer)
    with pytest.raises(ValidationError, match="名称"):
        actions.create_token(county_officer, mine, name="  ", days=1, actor=county_officer)


def test_a_token_is_refused_from_the_instant_it_expires(county_officer: Any) -> None:
    created = dt.datetime(2026, 12, 4, 10, 0, tzinfo=SHANGHAI)
    with time_machine.travel(created, tick=False):
        issued = issue(county_officer, days=1)
    client = ApiClient(issued.secret)
    with time_machine.travel(created + dt.timedelta(days=1, seconds=-1), tick=False):
        assert client.get("/api/v1/indicators").status_code == 200
    with time_machine.travel(created + dt.timedelta(days=1), tick=False):
        response = client.get("/api/v1/indicators")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("令牌已于2026年12月5日 10:00（北京时间）过期")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_revoked_unknown_and_missing_tokens_get_401_in_chinese_first(county_officer: Any) -> None:
    issued = issue(county_officer)
    actions.revoke_token(issued.token, actor=county_officer)
    revoked = ApiClient(issued.secret).get("/api/v1/indicators")
    assert revoked.status_code == 401 and "撤销" in revoked.json()["detail"]
    unknown = ApiClient(issued.secret[:-1] + "x").get("/api/v1/indicators")
    assert unknown.status_code == 401 and unknown.json()["detail"].startswith("令牌无效")
    missing = Client().get("/api/v1/indicators")
    assert missing.status_code == 401 and missing.json()["detail"].startswith("缺少接口令牌")
    basic = Client().get("/api/v1/indicators", HTTP_AUTHORIZATION="Basic YTpi")
    assert basic.status_code == 401


def test_last_use_is_recorded(county_officer: Any) -> None:
    issued = issue(county_officer)
    assert issued.token.last_used_at is None
    moment = dt.datetime(2026, 12, 4, 15, 30, tzinfo=SHANGHAI)
    with time_machine.travel(moment, tick=False):
        assert ApiClient(issued.secret).get("/api/v1/indicators").status_code == 200
    issued.token.refresh_from_db()
    assert issued.token.last_used_at == moment


def test_a_token_whose_role_has_ended_or_account_is_disabled_is_refused(
    county_officer: Any, city_admin: Any
) -> None:
    issued = issue(county_officer)
    accounts.revoke_role(county_officer.role_assignments.get(), actor=city_admin)
    response = ApiClient(issued.secret).get("/api/v1/indicators")
    assert response.status_code == 401 and "角色" in response.json()["detail"]
    other = issue(city_admin)
    city_admin.is_active = False
    city_admin.save(update_fields=["is_active"])
    response = ApiClient(other.secret).get("/api/v1/indicators")
    assert response.status_code == 401 and "停用" in response.json()["detail"]


def test_a_superusers_token_acts_with_its_role_only(regions: Any, make_enterprise: Any) -> None:
    boss = accounts.create_user(username="boss", password="x" * 12, display_name="boss", actor=None)
    boss.is_superuser = True
    boss.save(update_fields=["is_superuser"])
    accounts.assign_role(boss, "county_officer", actor=None, target=regions["511112"])
    inside = make_enterprise(region="511112")
    outside = make_enterprise(region="511102")
    client = ApiClient(issue(boss).secret)
    listed = client.get("/api/v1/enterprises").json()
    assert [e["id"] for e in listed["results"]] == [inside.pk]
    assert client.get(f"/api/v1/enterprises/{outside.pk}").status_code == 404
    assert Client().get("/api/v1/enterprises").status_code == 401  # a session is not a token


def test_the_tokens_page_creates_shows_the_secret_once_and_revokes(county_officer: Any) -> None:
    client = Client()
    client.force_login(county_officer)
    assignment = county_officer.role_assignments.get()
    response = client.post(
        "/api/tokens/", {"name": "区县数据交换", "assignment": assignment.pk, "days": 30}
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(user=county_officer)
    secret = response.context["secret"]
    assert secret.startswith(token.prefix) and secret in response.content.decode()
    assert response.headers["Cache-Control"] == "no-store"
    again = client.get("/api/tokens/")
    assert secret not in again.content.decode() and token.prefix in again.content.decode()
    assert ApiClient(secret).get("/api/v1/indicators").status_code == 200
    assert client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_tokens_page_refuses_bad_input_and_others_tokens(
    county_officer: Any, zone_officer: Any
) -> None:
    client = Client()
    client.force_login(county_officer)
    theirs = zone_officer.role_assignments.get()
    response = client.post("/api/tokens/", {"name": "x", "assignment": theirs.pk, "days": 30})
    assert response.status_code == 400 and "须为您本人" in response.content.decode()
    response = client.post(
        "/api/tokens/",
        {"name": "x", "assignment": county_officer.role_assignments.get().pk, "days": 9999},
    )
    assert response.status_code == 400 and "不能超过 365 天" in response.content.decode()
    other = issue(zone_officer)
    assert client.post(f"/api/tokens/{other.token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.filter(revoked_at__isnull=False).count() == 0


def test_the_command_creates_lists_and_revokes_system_tokens(
    county_officer: Any, capsys: Any
) -> None:
    call_command(
        "api_token", "create", "--user", "county_officer", "--name", "税务交换", "--days", "10"
    )
    printed = capsys.readouterr().out
    token = ApiToken.objects.get(kind="system")
    secret = printed.strip().splitlines()[-1]
    assert secret.startswith(token.prefix)
    assert ApiClient(secret).get("/api/v1/indicators").status_code == 200
    call_command("api_token", "list")
    assert token.prefix in capsys.readouterr().out
    call_command("api_token", "revoke", token.prefix)
    assert ApiClient(secret).get("/api/v1/indicators").status_code == 401
    created = AuditLog.objects.get(event_type=ApiEvent.TOKEN_CREATED)
    assert created.actor is None and created.after["kind"] == "system"
    assert timezone.localtime(token.expires_at).utcoffset() == dt.timedelta(hours=8)


def test_the_tokens_page_and_the_guide_chapter_read_as_chinese(county_officer: Any) -> None:
    from jiazhou_web.core.page_text import findings

    county_officer.display_name = "五通桥区科技局张三"  # the header shows the person's name
    county_officer.save(update_fields=["display_name"])
    client = Client()
    client.force_login(county_officer)
    assignment = county_officer.role_assignments.get()
    created = client.post(
        "/api/tokens/", {"name": "数据交换", "assignment": assignment.pk, "days": 3}
    )
    home = client.get("/")
    assert 'href="/api/tokens/"' in home.content.decode()
    for response in (created, client.get("/help/21-open-api/")):
        assert response.status_code == 200
        assert findings(response.content.decode()) == []


def test_one_role_is_chosen_for_the_user_and_two_must_be_chosen_between(
    county_officer: Any, regions: Any
) -> None:
    from jiazhou_web.api.forms import TokenForm

    single = TokenForm(user=county_officer).fields["assignment"]
    assert getattr(single, "empty_label", "") is None  # no "---------" to trip over
    accounts.assign_role(county_officer, "zone_officer", target=regions["LS-HTZ"], actor=None)
    double = TokenForm(user=county_officer).fields["assignment"]
    assert getattr(double, "empty_label", None) is not None
