"""Pages: constant query counts, scope (a firm never sees another firm's application, a
provider never another provider's orders — pages, exports and actions), and the firm pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from jiazhou.uscc import make_uscc
from jiazhou_web.subsidies import actions
from jiazhou_web.subsidies.models import Application
from jiazhou_web.subsidies.tests.conftest import clause, persona

pytestmark = pytest.mark.django_db
KW: dict[str, Any] = {
    "bank_account": "6222020200112233",
    "bank_name": "乐山银行",
    "declaration": True,
}


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def two_firms(library: None, make_enterprise: Any, year: int) -> dict[str, Any]:
    cv = clause("tianfu-kechuangdai-2020", "interest")
    out: dict[str, Any] = {}
    for n in range(2):
        firm = make_enterprise(region="511112", name=f"范围测试{n}有限公司")
        user = persona(f"firm{n}", "enterprise_user", firm)
        app = actions.apply(cv, firm, year, actor=user, base_declared=Decimal("1000"), **KW)
        out[f"firm{n}"], out[f"user{n}"], out[f"app{n}"] = firm, user, app
    return out


def test_a_firm_never_sees_another_firms_application(two_firms: dict[str, Any]) -> None:
    c = _client(two_firms["user0"])
    own, other = two_firms["app0"], two_firms["app1"]
    assert c.get(f"/subsidies/applications/{own.pk}/").status_code == 200
    assert c.get(f"/subsidies/applications/{other.pk}/").status_code == 404
    assert c.post(f"/subsidies/applications/{other.pk}/resubmit/").status_code == 404
    page = c.get("/subsidies/applications/").content.decode()
    assert "范围测试0有限公司" in page and "范围测试1有限公司" not in page
    export = c.get("/subsidies/applications/?export=1")
    assert export.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    cells = {
        str(v)
        for row in load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True)
        for v in row
    }
    assert "范围测试0有限公司" in cells and "范围测试1有限公司" not in cells
    mine = c.get("/subsidies/my/applications/").content.decode()
    assert "范围测试" not in mine or "贷款利息补贴" in mine


def test_a_provider_never_sees_another_providers_orders(
    library: None, make_enterprise: Any, city_admin: Any, year: int
) -> None:
    today = timezone.localdate()
    batch = actions.create_voucher_batch(
        actor=city_admin,
        code="T",
        title="测试批次",
        budget=Decimal("1000000"),
        face_value=Decimal("100000"),
        share=Decimal("0.2"),
        per_order_cap=Decimal("100000"),
        firm_year_cap=Decimal("100000"),
        valid_from=today,
        valid_to=today + dt.timedelta(days=90),
        services=["检验检测"],
        provider_redeemed=True,
    )
    firm = make_enterprise(region="511112", name="券测试有限公司")
    fu = persona("vfirm", "enterprise_user", firm)
    voucher = actions.issue_voucher(batch, firm, actor=city_admin)
    providers, users, orders = [], [], []
    for n in range(2):
        p = actions.register_provider(
            actor=city_admin,
            name=f"机构{n}",
            uscc=make_uscc(880000 + n),
            scopes=["检验检测"],
            price_list={"检验检测": "50000"},
        )
        u = persona(f"prov{n}", "service_provider")
        actions.add_provider_member(p, u, actor=city_admin)
        providers.append(p)
        users.append(u)
        orders.append(
            actions.create_order(
                voucher, p, actor=fu, service="检验检测", amount=Decimal("30000"), key=f"k{n}"
            )
        )
    c = _client(users[0])
    assert c.get(f"/subsidies/vouchers/orders/{orders[0].pk}/").status_code == 200
    assert c.get(f"/subsidies/vouchers/orders/{orders[1].pk}/").status_code == 404
    assert c.post(f"/subsidies/vouchers/orders/{orders[1].pk}/confirm/").status_code == 404
    listing = c.get("/subsidies/vouchers/orders/").content.decode()
    assert f'orders/{orders[0].pk}/"' in listing and f'orders/{orders[1].pk}/"' not in listing
    # the provider's redemption: pay = min(20% × 3万, caps) = 6,000元; the reviewer decides
    assert c.post(f"/subsidies/vouchers/orders/{orders[0].pk}/confirm/").status_code == 302
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = c.post(
        f"/subsidies/vouchers/orders/{orders[0].pk}/redeem/",
        {
            "contract_date": today.isoformat(),
            "invoice_no": "FP001",
            "invoice_date": today.isoformat(),
            "deliverable": SimpleUploadedFile("report.pdf", b"%PDF-1.4 report"),
        },
    )
    assert r.status_code == 302
    orders[0].refresh_from_db()
    assert orders[0].pay_amount == Decimal("6000.00") and orders[0].state == "redemption"
    late = (today + dt.timedelta(days=91)).isoformat()
    orders[1].refresh_from_db()
    actions.confirm_order(orders[1], actor=users[1])
    with pytest.raises(Exception, match="有效期"):
        actions.submit_redemption(
            orders[1],
            actor=users[1],
            contract_date=today,
            invoice_no="F2",
            invoice_date=dt.date.fromisoformat(late),
            deliverable=b"x",
        )
    actions.decide_redemption(orders[0], actor=city_admin, approve=True, comment="")
    voucher.refresh_from_db()
    assert voucher.balance == Decimal("94000.00") and voucher.state == "partly_used"


@pytest.mark.parametrize("n", [1, 12])
def test_lists_run_a_constant_number_of_queries(
    library: None,
    make_enterprise: Any,
    city_admin: Any,
    year: int,
    n: int,
    django_assert_max_num_queries: Any,
) -> None:
    cv = clause("tianfu-kechuangdai-2020", "interest")
    for k in range(n):
        firm = make_enterprise(region="511112", name=f"计数测试{k}有限公司")
        user = persona(f"qc{k}", "enterprise_user", firm)
        actions.apply(cv, firm, year, actor=user, base_declared=Decimal("1000"), **KW)
    c = _client(city_admin)
    for url in (
        "/subsidies/applications/",
        "/subsidies/policies/",
        "/subsidies/",
        "/subsidies/batches/",
        "/subsidies/vouchers/orders/",
        "/subsidies/vouchers/providers/",
    ):
        with django_assert_max_num_queries(14):
            assert c.get(url).status_code == 200


def test_firm_pages_show_matches_with_gaps_and_offers(
    library: None, rd_firm: Any, firm_user: Any, city_admin: Any, year: int
) -> None:
    actions.make_offers(
        clause("sichuan-rd-post-subsidy-2020", "rd-increment"), year, actor=city_admin
    )
    c = _client(firm_user)
    page = c.get("/subsidies/my/matches/").content.decode()
    assert "企业研发投入增量后补助" in page and "1.90万元" in page
    assert "位于乐山高新区" in page  # a gap of the zone's clauses (the firm is in 五通桥区)
    offer = Application.objects.get(enterprise=rd_firm)
    r = c.post(
        f"/subsidies/applications/{offer.pk}/confirm/",
        {"bank_account": "123", "bank_name": "x", "declaration": "on"},
        follow=True,
    )
    assert "8至30位数字" in r.content.decode()


def test_simulation_page_compares_two_drafts(
    library: None, rd_firm: Any, city_admin: Any, year: int
) -> None:
    c = _client(city_admin)
    r = c.get(
        "/subsidies/simulate/",
        {"policy": ["sichuan-rd-post-subsidy-2020", "draft-leshan-hnte-reward"], "year": str(year)},
    )
    body = r.content.decode()
    assert r.status_code == 200 and body.count('data-testid="simulation"') == 2
    assert "1.90万元" in body and "五通桥区" in body
