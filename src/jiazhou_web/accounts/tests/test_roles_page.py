"""Issue 11: the roles page (系统 → 用户与角色) — users with their roles and scopes, the role →
verb table in Chinese, and the city administrator's audited writes (create a user, assign and
revoke a role, unlock); the Django admin is read-only."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from jiazhou_web.accounts import actions
from jiazhou_web.accounts.choices import ROLE_SCOPE, AccountEvent, Role
from jiazhou_web.accounts.models import RoleAssignment, User
from jiazhou_web.core import access
from jiazhou_web.core.access.labels import verb_label
from jiazhou_web.core.audit import StaleStateError
from jiazhou_web.core.choices import CoreEvent
from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.seeding import DEMO_PASSWORD

pytestmark = pytest.mark.django_db
GOOD_PASSWORD = "Leshan#Kj2026x"


@pytest.fixture
def admin_client(client: Client, city_admin: Any) -> Client:
    client.force_login(city_admin)
    return client


def _new_user(name: str = "wang") -> User:
    return actions.create_user(
        username=name, password=DEMO_PASSWORD, display_name=f"{name}测试", actor=None
    )


def test_the_list_shows_each_user_with_the_roles_in_force_and_their_scope(
    admin_client: Client, county_officer: Any
) -> None:
    ended = _new_user("former")
    assignment = actions.assign_role(ended, "reviewer", actor=None)
    actions.revoke_role(assignment, actor=None)
    html = admin_client.get("/accounts/users/").content.decode()
    assert "county_officer" in html and "五通桥区" in html
    row = re.search(r"<code>former</code></a>.*?</tr>", html, re.S)
    assert row is not None and "无角色" in row[0]  # a revoked role is no longer listed
    filtered = admin_client.get("/accounts/users/?role=county_officer").content.decode()
    assert "<code>county_officer</code>" in filtered and "<code>former</code>" not in filtered
    assert "<code>city_admin</code>" not in filtered


def test_the_list_runs_a_constant_number_of_queries(
    admin_client: Client, regions: Any, django_assert_max_num_queries: Any
) -> None:
    def grow(n: int) -> None:
        for i in range(n):
            user = _new_user(f"u{User.objects.count()}_{i}")
            actions.assign_role(user, "county_officer", actor=None, target=regions["511112"])
            actions.assign_role(user, "reviewer", actor=None)

    grow(2)
    with django_assert_max_num_queries(12) as small:
        admin_client.get("/accounts/users/")
    grow(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        admin_client.get("/accounts/users/")


def test_the_role_table_reads_the_policy_in_chinese(admin_client: Client) -> None:
    html = admin_client.get("/accounts/roles/").content.decode()
    for verb in access.VERBS:
        assert verb_label(verb) in html
        assert verb not in html  # never the code itself
    assert "区县科技局" in html or str(Role.COUNTY_OFFICER.label) in html
    # one check mark per (role, verb) pair the table allows
    assert html.count("bi-check-lg") == sum(len(v) for v in access.VERB_ROLES.values())


def test_every_verb_has_a_chinese_name_and_a_new_verb_is_named_from_its_parts() -> None:
    for verb in access.VERBS:
        assert not re.search(r"[A-Za-z_]", verb_label(verb)), verb
    assert verb_label("tickets.handle") == "企业诉求：办理"
    assert verb_label("zzz.qqq") == "其他功能：操作"


def test_creating_a_user_is_one_audited_action(admin_client: Client, city_admin: Any) -> None:
    response = admin_client.post(
        "/accounts/users/new/",
        {
            "username": "li.na",
            "display_name": "李娜",
            "password1": GOOD_PASSWORD,
            "password2": GOOD_PASSWORD,
        },
    )
    user = User.objects.get(username="li.na")
    assert response.status_code == 302 and response["Location"] == f"/accounts/users/{user.pk}/"
    assert user.check_password(GOOD_PASSWORD)
    row = AuditLog.objects.get(event_type=CoreEvent.USER_CREATED, actor=city_admin)
    assert row.object_id == str(user.pk)


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"password1": "short1A!", "password2": "short1A!"}, "太短"),
        ({"password1": "alllowercase", "password2": "alllowercase"}, "至少三类"),
        ({"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD + "x"}, "两次输入不一致"),
        ({"username": "city_admin"}, "已被使用"),
        ({"username": "bad name!"}, "用户名"),
        ({"display_name": ""}, "必填"),
    ],
)
def test_a_bad_new_user_is_refused_with_a_message_and_nothing_is_written(
    admin_client: Client, data: dict[str, str], field_message: str
) -> None:
    form = {
        "username": "zhao",
        "display_name": "赵",
        "password1": GOOD_PASSWORD,
        "password2": GOOD_PASSWORD,
        **data,
    }
    before = User.objects.count()
    response = admin_client.post("/accounts/users/new/", form)
    assert response.status_code == 200
    text = response.content.decode()
    assert field_message in text or field_message.lower() in text.lower()
    assert User.objects.count() == before
    assert not AuditLog.objects.filter(event_type=CoreEvent.USER_CREATED, actor__isnull=False)


def test_assigning_a_role_gives_the_verbs_at_once_and_is_audited(
    admin_client: Client, regions: Any, city_admin: Any
) -> None:
    user = _new_user()
    assert not access.can(user, "monitoring.report")
    response = admin_client.post(
        f"/accounts/users/{user.pk}/roles/",
        {"role": "county_officer", "region": regions["511112"].pk},
    )
    assert response.status_code == 302
    fresh = User.objects.get(pk=user.pk)
    assert access.can(fresh, "monitoring.report", regions["511112"])
    assert not access.can(fresh, "monitoring.report", regions["511102"])  # not its county
    row = AuditLog.objects.get(event_type=CoreEvent.ROLE_ASSIGNED, actor=city_admin)
    assert row.after["role"] == "county_officer" and row.after["target"] == "五通桥区"
    page = admin_client.get(f"/accounts/users/{user.pk}/").content.decode()
    timeline = page.split('data-testid="user-timeline"')[1]
    assert f"角色：— → {Role.COUNTY_OFFICER.label}" in timeline  # the audit row reads in Chinese
    assert "county_officer" not in timeline and "region" not in timeline


def test_the_action_refuses_a_target_of_the_wrong_kind(regions: Any, department: Any) -> None:
    user = _new_user()
    wrong = [
        ("county_officer", regions["LS-HTZ"]),  # a zone is not a county
        ("county_officer", regions["511100"]),  # nor is the city
        ("zone_officer", regions["511112"]),
        ("department_officer", regions["511112"]),
        ("city_admin", department),  # city-wide roles name no object
        ("county_officer", None),
    ]
    for role, target in wrong:
        with pytest.raises(ValidationError) as info:
            actions.assign_role(user, role, actor=None, target=target)
        assert info.value.messages[0].startswith("「") and " / " in info.value.messages[0]
    with pytest.raises(ValidationError, match="未知角色"):
        actions.assign_role(user, "superhero", actor=None)
    assert not RoleAssignment.objects.filter(user=user).exists()
    assert not AuditLog.objects.filter(event_type=CoreEvent.ROLE_ASSIGNED, object_id=user.pk)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"role": "county_officer"}, f"「区县」：角色「{Role.COUNTY_OFFICER.label}」须指定"),
        ({"role": "reviewer", "zone": "LS-HTZ"}, "不应填写"),
        ({"role": "enterprise_user", "enterprise": "91511100MA00000000"}, "未找到"),
        ({"role": "reviewer", "valid_to": "9999-12-31"}, "「有效期至」须在"),
        ({"role": "reviewer", "valid_from": "0001-01-01"}, "「生效日期」须在"),
        ({"role": "reviewer", "valid_from": "2026-13-01"}, "有效的日期"),
        ({"role": "nobody"}, "角色"),
    ],
)
def test_a_bad_assignment_is_refused_on_the_page_and_nothing_is_written(
    admin_client: Client, regions: Any, data: dict[str, str], message: str
) -> None:
    user = _new_user()
    if "zone" in data:
        data = {**data, "zone": str(regions[data["zone"]].pk)}
    response = admin_client.post(f"/accounts/users/{user.pk}/roles/", data)
    assert response.status_code == 400
    assert message in response.content.decode() or (
        message == "角色" and "选择一个有效的选项" in response.content.decode()
    )
    assert not RoleAssignment.objects.filter(user=user).exists()


def test_dates_are_checked_against_today_not_a_fixed_year(
    admin_client: Client, time_machine: Any
) -> None:
    """The window moves with the clock: at 2029-12-31 a start in 2029 is fine, 2027 is not."""
    time_machine.move_to(dt.datetime(2029, 12, 31, 10, tzinfo=dt.UTC), tick=False)
    admin_client.force_login(User.objects.get(username="city_admin"))  # the old session expired
    user = _new_user()
    url = f"/accounts/users/{user.pk}/roles/"
    assert (
        admin_client.post(url, {"role": "reviewer", "valid_from": "2027-01-04"}).status_code == 400
    )
    assert (
        admin_client.post(url, {"role": "reviewer", "valid_from": "2029-06-01"}).status_code == 302
    )


def test_the_same_role_over_the_same_scope_twice_is_refused(regions: Any) -> None:
    user = _new_user()
    actions.assign_role(user, "county_officer", actor=None, target=regions["511112"])
    with pytest.raises(ValidationError, match="已在该期间持有"):
        actions.assign_role(user, "county_officer", actor=None, target=regions["511112"])
    # another county is another scope
    actions.assign_role(user, "county_officer", actor=None, target=regions["511123"])
    assert RoleAssignment.objects.filter(user=user).count() == 2


def test_revoking_ends_the_role_today_once_and_audits_it(
    admin_client: Client, city_admin: Any, regions: Any
) -> None:
    user = _new_user()
    held = actions.assign_role(
        user, "county_officer", actor=None, target=regions["511112"], valid_from=_days(-30)
    )
    assert access.can(user, "monitoring.report")
    response = admin_client.post(f"/accounts/roles/{held.pk}/revoke/")
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.valid_to == _days(-1)  # no longer in force today; the history stays
    assert not access.can(User.objects.get(pk=user.pk), "monitoring.report")
    rows = AuditLog.objects.filter(event_type=AccountEvent.ROLE_REVOKED)
    assert rows.count() == 1 and rows[0].actor == city_admin
    again = admin_client.post(f"/accounts/roles/{held.pk}/revoke/", follow=True)
    assert "已于" in again.content.decode() and "终止" in again.content.decode()
    assert rows.count() == 1  # the second revocation wrote nothing


def test_revoking_the_same_assignment_twice_is_refused_by_the_action(regions: Any) -> None:
    user = _new_user()
    held = actions.assign_role(user, "reviewer", actor=None)
    stale = RoleAssignment.objects.get(pk=held.pk)  # read before the first revocation
    actions.revoke_role(held, actor=None)
    with pytest.raises(StaleStateError):
        actions.revoke_role(stale, actor=None)
    assert AuditLog.objects.filter(event_type=AccountEvent.ROLE_REVOKED).count() == 1


def test_a_role_starting_later_is_cancelled_by_revoking(regions: Any) -> None:
    user = _new_user()
    later = actions.assign_role(user, "reviewer", actor=None, valid_from=_days(10))
    actions.revoke_role(later, actor=None)
    later.refresh_from_db()
    assert later.valid_to is not None and later.valid_to < later.valid_from  # never in force
    assert not RoleAssignment.objects.filter(pk=later.pk).active(_days(20)).exists()


def test_unlocking_from_the_roles_page_is_audited(admin_client: Client, city_admin: Any) -> None:
    user = _new_user()
    User.objects.filter(pk=user.pk).update(
        failed_logins=7, locked_until=timezone.now() + dt.timedelta(minutes=10)
    )
    page = admin_client.get(f"/accounts/users/{user.pk}/").content.decode()
    assert "已锁定至" in page and 'data-testid="unlock"' in page
    assert admin_client.post(f"/accounts/users/{user.pk}/unlock/").status_code == 302
    user.refresh_from_db()
    assert user.failed_logins == 0 and user.locked_until is None
    assert (
        AuditLog.objects.filter(event_type=CoreEvent.ACCOUNT_UNLOCKED, actor=city_admin).count()
        == 1
    )


def test_only_city_administrators_reach_the_roles_page(
    client: Client, county_officer: Any, regions: Any
) -> None:
    client.force_login(county_officer)
    user = _new_user()
    for url in ("/accounts/users/", "/accounts/roles/", f"/accounts/users/{user.pk}/"):
        assert client.get(url).status_code == 403
    response = client.post(
        f"/accounts/users/{user.pk}/roles/", {"role": "city_admin"}
    )  # a county officer cannot make anyone (itself included) an administrator
    assert response.status_code == 403
    assert not RoleAssignment.objects.filter(user=user).exists()


def test_a_key_that_cannot_exist_is_a_404_not_a_500(admin_client: Client) -> None:
    assert admin_client.get(f"/accounts/users/{10**30}/").status_code == 404
    assert admin_client.post(f"/accounts/roles/{10**30}/revoke/").status_code == 404


def test_the_menu_shows_the_roles_page_to_city_administrators_only(
    admin_client: Client, client: Client, county_officer: Any
) -> None:
    assert 'href="/accounts/users/"' in admin_client.get("/").content.decode()
    other = Client()
    other.force_login(county_officer)
    assert 'href="/accounts/users/"' not in other.get("/").content.decode()


def test_the_django_admin_is_read_only_for_users_and_roles(regions: Any) -> None:
    root = User.objects.create_superuser("root", "root@example.org", DEMO_PASSWORD)
    user = _new_user()
    actions.assign_role(user, "county_officer", actor=None, target=regions["511112"])
    client = Client()
    client.force_login(root)
    assert client.get(f"/admin/accounts/user/{user.pk}/change/").status_code == 200
    assert client.get("/admin/accounts/roleassignment/").status_code == 200
    assert client.get("/admin/accounts/user/add/").status_code == 403
    response = client.post(
        f"/admin/accounts/user/{user.pk}/change/",
        {"username": "hijacked", "is_superuser": "on"},
    )
    assert response.status_code == 403
    user.refresh_from_db()
    assert user.username == "wang" and not user.is_superuser
    assert (
        client.post(f"/admin/accounts/user/{user.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert User.objects.filter(pk=user.pk).exists()


def _days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def test_the_pages_read_as_chinese(admin_client: Client, regions: Any, department: Any) -> None:
    """The zh page scanner (core.page_text) on every page of the roles section, with a user of
    every role and an audit trail of every kind of write."""
    from jiazhou_web.core.page_text import findings

    user = _new_user("demo_unit_kj_511112")
    for role in Role:
        target = {
            "region": regions["511112"],
            "zone": regions["LS-HTZ"],
            "department": department,
            "enterprise": None,
        }.get(ROLE_SCOPE[role])
        if role != Role.ENTERPRISE_USER:
            actions.assign_role(user, role, actor=None, target=target)
    actions.revoke_role(RoleAssignment.objects.filter(user=user).earliest("id"), actor=None)
    actions.unlock_user(user, actor=None)
    User.objects.update(display_name="测试人员")  # fixtures name people by their usernames
    pages = [
        "/accounts/users/",
        "/accounts/users/?role=bank_user",
        "/accounts/roles/",
        "/accounts/users/new/",
        f"/accounts/users/{user.pk}/",
    ]
    for url in pages:
        html = admin_client.get(url).content.decode()
        assert not findings(html), (url, findings(html))
    refused = admin_client.post(f"/accounts/users/{user.pk}/roles/", {"role": "county_officer"})
    assert not findings(refused.content.decode())
