"""积分贷: a bank user sees only consenting firms, on every endpoint and in the export; consent is
given and withdrawn by the enterprise; every bank view is audited."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from openpyxl import load_workbook

from jiazhou_web.core.models import AuditLog
from jiazhou_web.evaluations import actions, bank
from jiazhou_web.evaluations.models import Bank, EvaluationRun

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def published(ten_firms: list[Any], zone_officer: Any) -> EvaluationRun:
    import datetime as dt
    from zoneinfo import ZoneInfo

    import time_machine

    run = actions.create_run("mu-sichuan-2022", 2025, "zone", "LS-HTZ", actor=zone_officer)
    actions.approve_run(run, actor=zone_officer)
    actions.start_publicity(run, 1, actor=zone_officer)
    with time_machine.travel(dt.datetime(2026, 11, 10, 9, tzinfo=ZoneInfo("Asia/Shanghai"))):
        actions.publish_run(run, actor=zone_officer)
    return run


@pytest.fixture
def banker(db: Any) -> Any:
    from jiazhou_web.accounts import actions as accounts
    from jiazhou_web.core.seeding import DEMO_PASSWORD

    lender = Bank.objects.create(code="lsccb", name="乐山市商业银行")
    user = accounts.create_user(
        username="banker", password=DEMO_PASSWORD, display_name="banker", actor=None
    )
    bank.add_member(lender, user, actor=None)
    return user


def bank_views() -> list[dict[str, Any]]:
    rows = AuditLog.objects.filter(event_type="evaluations.bank_viewed").order_by("id")
    return [r.extra for r in rows]


def test_bank_sees_only_consenting_firms_everywhere(
    published: EvaluationRun, ten_firms: list[Any], enterprise_user: Any, banker: Any
) -> None:
    firm, other = ten_firms[7], ten_firms[0]
    lender = Bank.objects.get()
    b = client_for(banker)
    assert ten_firms[7].name not in b.get("/evaluations/bank/").content.decode()

    owner = client_for(enterprise_user)
    assert owner.post(f"/evaluations/consents/{firm.pk}/{lender.pk}/give/").status_code == 302
    html = b.get("/evaluations/bank/").content.decode()
    assert firm.name in html and other.name not in html
    mine = published.results.get(enterprise=firm)
    theirs = published.results.get(enterprise=other)
    assert b.get(f"/evaluations/bank/results/{mine.pk}/").status_code == 200
    assert b.get(f"/evaluations/bank/results/{theirs.pk}/").status_code == 404
    sheet = load_workbook(io.BytesIO(b.get("/evaluations/bank/?export=xlsx").content)).active
    names = [row[0].value for row in sheet.iter_rows(min_row=2) if row[0].value]
    assert firm.name in names and other.name not in names
    # the officers' pages stay closed to the bank
    assert b.get(f"/evaluations/runs/{published.pk}/").status_code == 404
    assert b.get(f"/evaluations/results/{mine.pk}/").status_code == 404
    assert b.get(f"/evaluations/runs/{published.pk}/class/A/").status_code == 404

    # withdrawal closes every endpoint again
    consent = lender.consents.get()
    assert owner.post(f"/evaluations/consents/{consent.pk}/withdraw/").status_code == 302
    assert firm.name not in b.get("/evaluations/bank/").content.decode()
    assert b.get(f"/evaluations/bank/results/{mine.pk}/").status_code == 404
    views = bank_views()
    assert [v["action"] for v in views] == [
        "查看名单",
        "查看名单",
        "查看得分卡",
        "导出名单",
        "查看名单",
    ]
    assert views[1]["enterprises"] == [firm.pk] and views[4]["enterprises"] == []


def test_only_the_firm_itself_gives_or_withdraws_consent(
    published: EvaluationRun, ten_firms: list[Any], enterprise_user: Any, zone_officer: Any
) -> None:
    lender = Bank.objects.create(code="icbc", name="工商银行乐山分行")
    with pytest.raises(PermissionDenied):
        bank.give_consent(ten_firms[0], lender, actor=enterprise_user)
    consent = bank.give_consent(ten_firms[7], lender, actor=enterprise_user)
    with pytest.raises(ValidationError, match="已授权"):
        bank.give_consent(ten_firms[7], lender, actor=enterprise_user)
    with pytest.raises(PermissionDenied):
        bank.withdraw_consent(consent, actor=zone_officer)
    bank.withdraw_consent(consent, actor=enterprise_user)
    with pytest.raises(ValidationError, match="已撤回"):
        bank.withdraw_consent(consent, actor=enterprise_user)
    events = list(
        AuditLog.objects.filter(event_type__startswith="evaluations.consent")
        .order_by("id")
        .values_list("event_type", flat=True)
    )
    assert events == ["evaluations.consent_given", "evaluations.consent_withdrawn"]


def test_users_without_a_bank_cannot_open_the_bank_pages(outsider: Any) -> None:
    assert client_for(outsider).get("/evaluations/bank/").status_code == 403
    assert client_for(outsider).get("/evaluations/consents/").status_code == 403


def test_the_bank_pages_need_both_the_role_and_a_membership(db: Any) -> None:
    """core.access gives bank_user the verb; the membership row names the bank. Either alone is
    refused: a membership without the role (e.g. the role was ended), a role without a bank."""
    from jiazhou_web.accounts import actions as accounts
    from jiazhou_web.accounts.models import RoleAssignment
    from jiazhou_web.core.seeding import DEMO_PASSWORD

    lender = Bank.objects.create(code="abc", name="农业银行乐山分行")
    member = accounts.create_user(
        username="member", password=DEMO_PASSWORD, display_name="member", actor=None
    )
    bank.add_member(lender, member, actor=None)
    assert client_for(member).get("/evaluations/bank/").status_code == 200
    with pytest.raises(ValidationError, match="已是银行用户"):
        bank.add_member(lender, member, actor=None)
    RoleAssignment.objects.filter(user=member).delete()
    assert client_for(member).get("/evaluations/bank/").status_code == 403

    role_only = accounts.create_user(
        username="role_only", password=DEMO_PASSWORD, display_name="role_only", actor=None
    )
    accounts.assign_role(role_only, "bank_user", actor=None)
    assert client_for(role_only).get("/evaluations/bank/").status_code == 403
    assert client_for(role_only).get("/evaluations/runs/").status_code == 403
