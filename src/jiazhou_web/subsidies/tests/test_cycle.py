"""Both delivery tracks end to end through the actions (spec next-capabilities §1.2), with the
integrity rules of issue 16: idempotency, stale concurrent approvals, batch totals, clawback."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum

from jiazhou_web.core.audit import DuplicateError, StaleStateError
from jiazhou_web.core.models import AuditLog
from jiazhou_web.subsidies import actions
from jiazhou_web.subsidies.choices import AppState, BatchState, LineState
from jiazhou_web.subsidies.models import Application, PaymentBatch
from jiazhou_web.subsidies.tests.conftest import clause

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


def _after_publicity(app: Application) -> Any:
    end = app.publicity_end
    assert end is not None
    return time_machine.travel(
        dt.datetime(end.year, end.month, end.day, 10, tzinfo=SH) + dt.timedelta(days=1)
    )


def _accepted_interest_application(
    firm: Any, firm_user: Any, county_officer: Any, year: int
) -> Application:
    """A 科创贷 interest application (172,500 元 declared) accepted at the firm's county desk."""
    app = actions.apply(
        clause("tianfu-kechuangdai-2020", "interest"),
        firm,
        year,
        actor=firm_user,
        base_declared=Decimal("172500"),
        bank_account="6222020200112233",
        bank_name="乐山银行",
        declaration=True,
    )
    actions.accept(app, actor=county_officer)
    return app


def test_offer_confirm_publicise_batch_paid_and_clawback(
    library: None, rd_firm: Any, firm_user: Any, city_admin: Any, dept_officer: Any, year: int
) -> None:
    cv = clause("sichuan-rd-post-subsidy-2020", "rd-increment")
    before = AuditLog.objects.count()
    assert actions.make_offers(cv, year, actor=city_admin) == 1
    assert AuditLog.objects.count() == before + 1  # one action, one audit row
    assert actions.make_offers(cv, year, actor=city_admin) == 0  # idempotent: one list
    app = Application.objects.get(enterprise=rd_firm)
    assert app.state == AppState.NOTIFIED
    assert app.computed == Decimal("19000.00")  # Δ=120万: 1.5万 + 20万×2% (§1.5(a))
    assert {r["id"]: r["status"] for r in app.explanation["criteria"]} == {"R1": "met", "R2": "met"}

    with pytest.raises(ValidationError, match="8至30位数字"):
        actions.confirm_offer(
            app, actor=firm_user, bank_account="12ab", bank_name="乐山银行", declaration=True
        )
    actions.confirm_offer(
        app,
        actor=firm_user,
        bank_account="6222020200112233",
        bank_name="乐山银行",
        declaration=True,
    )
    assert app.state == AppState.JOINT_REVIEWED

    actions.start_publicity([app], actor=city_admin)
    app.refresh_from_db()
    assert app.publicity_end is not None and app.publicity_start is not None
    assert app.state == AppState.PUBLICISED and app.publicity_end > app.publicity_start
    with pytest.raises(ValidationError, match="期满后方可批准"):
        actions.approve(app, actor=city_admin)
    with _after_publicity(app):
        actions.approve(app, actor=city_admin)
        assert app.approved_amount == Decimal("19000.00")
        batch = actions.create_batch([app], actor=dept_officer)
        assert batch.total == Decimal("19000.00") and batch.line_count == 1
        # payment approved once: a second view of the same batch loses
        stale = PaymentBatch.objects.get(pk=batch.pk)
        actions.mark_paid(batch, actor=dept_officer, finance_voucher="CZ-001")
        with pytest.raises(StaleStateError, match="已被他人处理"):
            actions.mark_paid(stale, actor=dept_officer, finance_voucher="CZ-002")
        batch.refresh_from_db()
        assert batch.state == BatchState.PAID and batch.finance_voucher == "CZ-001"
        app.refresh_from_db()
        assert app.state == AppState.PAID and app.paid_amount == Decimal("19000.00")
        with pytest.raises(ValidationError, match="不超过已拨付金额"):
            actions.claw_back(
                app, actor=city_admin, amount=Decimal("19000.01"), reason="高企资格撤销"
            )
        from jiazhou_web.subsidies.indicators import paid_by_policy

        title = "四川省企业研发投入后补助（分段超额累退比例法）"
        paid_year = app.paid_at.year if app.paid_at else 0
        assert paid_by_policy() == {(paid_year, title): Decimal("19000.00")}
        actions.claw_back(app, actor=city_admin, amount=Decimal("19000.00"), reason="高企资格撤销")
        assert app.state == AppState.CLAWED_BACK
        assert paid_by_policy() == {(paid_year, title): Decimal("0.00")}


def test_unknown_data_keeps_a_firm_off_the_offer_list(
    library: None, make_enterprise: Any, city_admin: Any, year: int
) -> None:
    from jiazhou_web.enterprises.models import EnterpriseFigure

    firm = make_enterprise(region="511112", name="缺数测试有限公司")
    EnterpriseFigure.objects.create(
        enterprise=firm,
        fiscal_year=year - 1,
        field="rd_expense_deduction_basis",
        value=Decimal(3_000_000),
        source="declaration",
        as_of=dt.date(year, 5, 31),
    )
    cv = clause("sichuan-rd-post-subsidy-2020", "rd-increment")
    assert actions.make_offers(cv, year, actor=city_admin) == 0  # Y-2 unknown (§1.9 test 7)
    EnterpriseFigure.objects.create(
        enterprise=firm,
        fiscal_year=year - 2,
        field="rd_expense_deduction_basis",
        value=Decimal(2_000_000),
        source="declaration",
        as_of=dt.date(year - 1, 5, 31),
    )
    assert actions.make_offers(cv, year, actor=city_admin) == 1  # the feed arrived
    assert Application.objects.get(enterprise=firm).computed == Decimal("15000.00")


def test_clause_with_unknown_amount_makes_no_offers(
    library: None, city_admin: Any, year: int
) -> None:
    cv = clause("leshan-zone-8-2022", "art1-hnte")
    with pytest.raises(ValidationError, match="金额未公布"):
        actions.make_offers(cv, year, actor=city_admin)


def test_apply_return_accept_reviews_objection_approve_paid(
    library: None,
    rd_firm: Any,
    firm_user: Any,
    county_officer: Any,
    city_admin: Any,
    dept_officer: Any,
    zone_officer: Any,
    year: int,
) -> None:
    cv = clause("tianfu-kechuangdai-2020", "interest")
    kw: dict[str, Any] = {
        "bank_account": "6222020200112233",
        "bank_name": "乐山银行",
        "declaration": True,
    }
    app = actions.apply(cv, rd_firm, year, actor=firm_user, base_declared=Decimal("172500"), **kw)
    assert app.computed == Decimal("51750.00")  # §1.9 test 3
    with pytest.raises(DuplicateError, match="请勿重复提交"):
        actions.apply(cv, rd_firm, year, actor=firm_user, base_declared=Decimal("1"), **kw)
    with pytest.raises(PermissionDenied):  # the zone desk does not hold 五通桥区
        actions.accept(app, actor=zone_officer)
    actions.accept(app, actor=county_officer)
    actions.return_for_correction(app, actor=county_officer, message="请补充利息支付凭证")
    assert app.state == AppState.RETURNED and app.pauses[-1][1] is None
    actions.resubmit(app, actor=firm_user, base_declared=Decimal("150000"))
    app.refresh_from_db()
    assert app.state == AppState.ACCEPTED and app.pauses[-1][1] is not None
    assert app.computed == Decimal("45000.00")
    with pytest.raises(PermissionDenied):
        actions.review(app, "city", actor=county_officer, approve=True, comment="")
    actions.review(app, "county", actor=county_officer, approve=True, comment="材料齐全")
    actions.review(app, "city", actor=city_admin, approve=True, comment="")
    # concurrent joint approvals: the second (stale) one gets a clear message
    stale = Application.objects.get(pk=app.pk)
    actions.review(app, "joint", actor=dept_officer, approve=True, comment="同意")
    with pytest.raises(StaleStateError):
        actions.review(stale, "joint", actor=dept_officer, approve=True, comment="同意")
    actions.start_publicity([app], actor=city_admin)
    app.refresh_from_db()
    objection = actions.file_objection(app, actor=city_admin, text="贷款已提前归还", name="张三")
    app.refresh_from_db()
    assert app.state == AppState.OBJECTED
    actions.decide_objection(objection, actor=city_admin, upheld=False, decision="核实无误")
    app.refresh_from_db()
    assert app.state == AppState.PUBLICISED
    with _after_publicity(app):
        actions.approve(app, actor=city_admin)
        batch = actions.create_batch([app], actor=dept_officer)
        line = batch.lines.get()
        actions.mark_paid(batch, actor=dept_officer, finance_voucher="CZ-9", returned=[line.pk])
        app.refresh_from_db()
        assert app.state == AppState.APPROVED  # returned line: account failed, back to approved
        line.refresh_from_db()
        assert line.state == LineState.RETURNED
        again = actions.create_batch([app], actor=dept_officer)  # re-batched once
        actions.mark_paid(again, actor=dept_officer, finance_voucher="CZ-10")
        app.refresh_from_db()
        assert app.state == AppState.PAID and app.paid_amount == Decimal("45000.00")


def test_batch_total_always_equals_its_lines(
    library: None, make_enterprise: Any, city_admin: Any, dept_officer: Any, year: int
) -> None:
    cv = clause("tianfu-kechuangdai-2020", "guarantee")
    from jiazhou_web.subsidies.choices import Track

    apps = [
        Application.objects.create(
            clause=cv,
            enterprise=make_enterprise(region="511112", name=f"批次测试{n}有限公司"),
            year=year,
            track=Track.APPLY,
            state=AppState.APPROVED,
            approved_amount=Decimal(a),
        )
        for n, a in enumerate(("0.01", "12345.67", "200000.00"))
    ]
    batch = actions.create_batch(apps, actor=dept_officer)
    assert batch.total == Decimal("212345.68") == batch.lines.aggregate(s=Sum("amount"))["s"]
    PaymentBatch.objects.filter(pk=batch.pk).update(total=Decimal("1.00"))
    batch.refresh_from_db()
    with pytest.raises(ValidationError, match="合计与明细不符"):
        actions.mark_paid(batch, actor=dept_officer, finance_voucher="X")


@pytest.mark.parametrize(
    ("raw", "message"),
    [("1.005", "最多两位小数"), ("-1", "非负"), ("abc", "须为数字"), ("1e13", "超出")],
)
def test_bad_amounts_are_refused_with_the_field_named(raw: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        actions.parse_money(raw, "核定金额")


def test_changing_a_clause_under_the_same_version_is_refused_once_applications_exist(
    library: None, rd_firm: Any, firm_user: Any, year: int, monkeypatch: Any
) -> None:
    from jiazhou_web.subsidies.models import PolicyDoc

    cv = clause("tianfu-kechuangdai-2020", "interest")
    actions.apply(
        cv,
        rd_firm,
        year,
        actor=firm_user,
        base_declared=Decimal("100"),
        bank_account="6222020200112233",
        bank_name="乐山银行",
        declaration=True,
    )
    PolicyDoc.objects.filter(code="tianfu-kechuangdai-2020").update(source_hash="changed")
    with pytest.raises(ValidationError, match="须提升版本号"):
        actions.sync_library(actor=None)


def test_overdue_and_settlement(
    library: None,
    rd_firm: Any,
    firm_user: Any,
    county_officer: Any,
    city_admin: Any,
    dept_officer: Any,
    year: int,
) -> None:
    from django.test import Client

    from jiazhou_web.subsidies.todos import overdue_applications, todos

    app = _accepted_interest_application(rd_firm, firm_user, county_officer, year)
    accepted = app.accepted_at
    assert accepted is not None
    assert overdue_applications() == []
    # 60 working days later is about three calendar months: 100 days on, it is overdue
    with time_machine.travel(accepted + dt.timedelta(days=100)):
        assert overdue_applications() == [app.pk]
        labels = {t.label: t.count for t in todos(city_admin)}
        assert labels["兑现超期（督办）"] == 1
    # settlement: a paid line appears under its county, the city share not yet set
    Application.objects.filter(pk=app.pk).update(
        state=AppState.APPROVED, approved_amount=Decimal("51750")
    )
    app.refresh_from_db()
    batch = actions.create_batch([app], actor=dept_officer)
    actions.mark_paid(batch, actor=dept_officer, finance_voucher="CZ-1")
    c = Client()
    c.force_login(dept_officer)
    page = c.get("/subsidies/settlement/").content.decode()
    assert "五通桥区" in page and "5.18万元" in page


def test_offers_lapse_after_twenty_working_days(
    library: None, rd_firm: Any, city_admin: Any, year: int
) -> None:
    from jiazhou_web.supervision.working_calendar import current_calendar

    actions.make_offers(
        clause("sichuan-rd-post-subsidy-2020", "rd-increment"), year, actor=city_admin
    )
    app = Application.objects.get(enterprise=rd_firm)
    made = app.created.astimezone(SH).date()
    cal = current_calendar()
    day20 = cal.add_working_days(made, 20)
    with time_machine.travel(dt.datetime(day20.year, day20.month, day20.day, 12, tzinfo=SH)):
        assert actions.expire_offers(actor=city_admin) == 0  # the 20th working day: still open
    day21 = cal.add_working_days(made, 21)
    with time_machine.travel(dt.datetime(day21.year, day21.month, day21.day, 12, tzinfo=SH)):
        assert actions.expire_offers(actor=city_admin) == 1
    app.refresh_from_db()
    assert app.state == AppState.EXPIRED


@pytest.mark.parametrize(
    ("stage", "holders"),
    [
        ("county", {"county_officer", "zone_officer"}),  # 属地 county/zone
        ("city", {"city_admin"}),
        ("joint", {"dept_officer", "city_admin"}),  # 部门联审; the city may stand in
    ],
)
def test_each_review_stage_is_asked_of_the_one_permission_table(
    stage: str,
    holders: set[str],
    county_officer: Any,
    zone_officer: Any,
    city_admin: Any,
    dept_officer: Any,
) -> None:
    from jiazhou_web.core.access import can

    people = {
        "county_officer": county_officer,
        "zone_officer": zone_officer,
        "city_admin": city_admin,
        "dept_officer": dept_officer,
    }
    allowed = {name for name, user in people.items() if can(user, f"subsidies.review_{stage}")}
    assert allowed == holders


def test_a_review_stage_refuses_who_does_not_hold_it_and_the_county_desk_sees_no_button(
    library: None,
    rd_firm: Any,
    firm_user: Any,
    county_officer: Any,
    zone_officer: Any,
    dept_officer: Any,
    year: int,
) -> None:
    from django.test import Client
    from django.urls import reverse

    app = _accepted_interest_application(rd_firm, firm_user, county_officer, year)
    with pytest.raises(PermissionDenied, match="县区审核"):
        actions.review(app, "county", actor=dept_officer, approve=True, comment="")
    with pytest.raises(PermissionDenied, match="非本属地"):  # the zone does not hold 五通桥区
        actions.review(app, "county", actor=zone_officer, approve=True, comment="")
    url = reverse("subsidies:application_detail", args=[app.pk])
    pages = {}
    for user in (county_officer, zone_officer):
        client = Client()
        client.force_login(user)
        pages[user.username] = client.get(url)
    assert pages["county_officer"].context["may_county"] is True
    zone = pages["zone_officer"]
    assert zone.status_code == 404 or zone.context["may_county"] is False
