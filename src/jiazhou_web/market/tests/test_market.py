"""The market end to end through its actions and pages: catalogues and matching, 揭榜挂帅,
registration with 补正 and the clock, the indicator, scope, races and bad input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from jiazhou_web.core.audit import StaleStateError
from jiazhou_web.core.models import AuditLog
from jiazhou_web.market import actions
from jiazhou_web.market.choices import (
    ApplicationState,
    CatalogueState,
    ContractState,
    ListingState,
)
from jiazhou_web.market.indicator import INDICATOR, output_total
from jiazhou_web.market.models import TechContract
from jiazhou_web.monitoring.models import Observation

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def contract(m: Any, **over: Any) -> TechContract:
    fields = {
        "title": "钒电解液制备技术转让",
        "contract_type": "transfer",
        "field": "新能源与高效节能",
        "ip_type": "patent",
        "buyer_name": m.buyer.name,
        "buyer_uscc": m.buyer.uscc,
        "buyer_region_code": "510104",
        "total_amount": D(500),
        "non_technical": D(200),
        "carrier_cost": D(30),
        "signed_on": dt.date(2025, 2, 20),
    }
    fields.update(over)
    return actions.submit_contract(actor=m.seller_user, seller=m.seller, registry=m.registry,
                                   **fields)  # fmt: skip


# -- registration --------------------------------------------------------------------------
def test_spec_case_1_and_2_amount_clock_with_supplement(market: Any) -> None:
    m = market
    c = contract(m)
    assert c.tech_amount == D(300)  # §3.8 case 1: 500 − 200 equipment; the 30 rig not deducted
    big = contract(m, title="大额开发合同", total_amount=D(600), non_technical=D(0))
    actions.accept_contract(big, actor=m.registrar, on=dt.date(2025, 3, 3))
    # 30 wd from Mon 3 Mar: 4–7 Mar = 4, 10–14 = 9, 17–21 = 14, 24–28 = 19, 31 Mar–3 Apr = 23
    # (清明 4 Apr off), 7–11 Apr = 28, Mon 14 = 29, Tue 15 Apr = 30
    assert big.due_on == dt.date(2025, 4, 15)
    actions.return_for_supplement(big, "缺技术秘密清单", actor=m.registrar)
    assert big.state == ContractState.RETURNED and big.due_on is None
    actions.receive_supplement(big, actor=m.registrar, on=dt.date(2025, 3, 10))
    # §3.8 case 2: the clock restarts on 10 Mar: 30 working days → 22 Apr 2025
    assert (big.state, big.due_on) == (ContractState.ACCEPTED, dt.date(2025, 4, 22))


def test_small_contract_15_working_days(market: Any) -> None:
    c = contract(market, total_amount=D("499.99"), non_technical=D(0))
    actions.accept_contract(c, actor=market.registrar, on=dt.date(2025, 3, 10))
    assert c.due_on == dt.date(2025, 3, 31)


@time_machine.travel(dt.datetime(2026, 12, 4, 10, tzinfo=dt.UTC), tick=False)
def test_register_numbers_the_certificate_and_moves_the_indicator(
    market: Any, city_admin: Any
) -> None:
    m = market
    c = contract(m)
    actions.accept_contract(c, actor=m.registrar)
    before = AuditLog.objects.count()
    actions.register_contract(c, actor=m.registrar)
    c.refresh_from_db()
    assert c.state == ContractState.REGISTERED
    assert c.registration_no == "5111002026000001"
    obs = Observation.objects.get(indicator__code=INDICATOR, fact_code="MKT2026")
    assert obs.value == D("0.05")  # 500万元 = 0.05亿元 (输出: seller in 乐山)
    assert obs.period == "2026-01-01..2026-12-04"
    assert AuditLog.objects.count() - before == 1  # one action, one audit row
    second = contract(m, title="第二份合同", total_amount=D(1500), non_technical=D(0))
    actions.accept_contract(second, actor=m.registrar)
    before = AuditLog.objects.count()
    actions.register_contract(second, actor=m.registrar)
    assert AuditLog.objects.count() - before == 1
    obs.refresh_from_db()
    assert obs.value == D("0.2") and output_total(2026) == D(2000)
    second.refresh_from_db()
    assert second.registration_no == "5111002026000002"
    # the certificate: a PDF with the embedded font
    response = client_for(m.seller_user).get(f"/market/contracts/{c.pk}/certificate/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    from jiazhou_web.core.tests.browser import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)  # for people to look at (pdftoppm)
    (SCREENSHOTS / "market-certificate.pdf").write_bytes(response.content)
    # money received is kept apart from the contract amount
    seller = client_for(m.seller_user)
    seller.post(f"/market/contracts/{c.pk}/payments/",
                {"paid_on": "2026-12-04", "amount": "120", "invoice_no": "No.1"})  # fmt: skip
    assert [p.amount for p in c.payments.all()] == [D(120)]
    c.refresh_from_db()
    assert c.total_amount == D(500)
    bad = seller.post(f"/market/contracts/{c.pk}/payments/",
                      {"paid_on": "2026-12-04", "amount": "-1"}, follow=True)  # fmt: skip
    assert "须大于0" in bad.content.decode() and c.payments.count() == 1
    # 撤销 (重复登记) takes the contract out of the indicator
    actions.revoke_contract(second, "duplicate", actor=m.registrar)
    obs.refresh_from_db()
    assert obs.value == D("0.05")
    # the market page and the monitoring indicator page show the value
    page = client_for(m.registrar).get("/market/")
    assert "500.00万元" in page.content.decode()
    indicator_page = client_for(city_admin).get(f"/monitoring/indicators/{INDICATOR}/")
    assert "0.05" in indicator_page.content.decode()


def test_refuse_needs_a_listed_reason(market: Any) -> None:
    c = contract(market)
    with pytest.raises(ValidationError):
        actions.refuse_contract(c, "because", actor=market.registrar)
    actions.refuse_contract(c, "not_technology", actor=market.registrar)
    assert c.state == ContractState.REFUSED and c.refusal_reason == "not_technology"
    # the page names the reason (the engine's text in Chinese, English on the switch)
    page = client_for(market.registrar).get(f"/market/contracts/{c.pk}/").content.decode()
    assert "：不属于技术合同" in page
    english = client_for(market.registrar)
    english.cookies["django_language"] = "en"
    page = english.get(f"/market/contracts/{c.pk}/").content.decode()
    assert ": Not a technology contract" in page


def test_the_same_registration_twice_the_second_loses(market: Any) -> None:
    m = market
    c = contract(m)
    actions.accept_contract(c, actor=m.registrar, on=dt.date(2026, 12, 1))
    first = TechContract.objects.get(pk=c.pk)
    stale = TechContract.objects.get(pk=c.pk)
    actions.register_contract(first, actor=m.registrar, on=dt.date(2026, 12, 2))
    with pytest.raises(StaleStateError, match="刚刚已被他人处理"):
        actions.register_contract(stale, actor=m.registrar, on=dt.date(2026, 12, 2))
    assert TechContract.objects.filter(state=ContractState.REGISTERED).count() == 1


def test_bad_amounts_are_refused_and_nothing_is_written(market: Any) -> None:
    n = TechContract.objects.count()
    with pytest.raises(ValidationError, match="超过合同成交额"):
        contract(market, non_technical=D(600))
    with pytest.raises(ValidationError, match="须大于0"):
        contract(market, total_amount=D(0))
    with pytest.raises(ValidationError, match="6位"):
        contract(market, buyer_region_code="成都")
    assert TechContract.objects.count() == n


def test_seller_registers_where_it_sits(market: Any) -> None:
    with pytest.raises(ValidationError, match="所在地"):
        actions.submit_contract(
            actor=market.seller_user, seller=market.seller, registry=market.other_registry,
            title="x", contract_type="service", field="农业", ip_type="none", buyer_name="买方",
            buyer_region_code="510104", total_amount=D(10), signed_on=dt.date(2026, 1, 5),
        )  # fmt: skip


def test_a_firm_cannot_register_for_another(market: Any) -> None:
    with pytest.raises(PermissionDenied):
        actions.submit_contract(
            actor=market.buyer_user, seller=market.seller, registry=market.registry,
            title="x", contract_type="service", field="农业", ip_type="none", buyer_name="买方",
            buyer_region_code="510104", total_amount=D(10), signed_on=dt.date(2026, 1, 5),
        )  # fmt: skip


# -- scope ---------------------------------------------------------------------------------
def test_seller_sees_its_own_registry_only_its_own(market: Any, make_enterprise: Any) -> None:
    m = market
    c = contract(m)
    seller, buyer = client_for(m.seller_user), client_for(m.buyer_user)
    assert seller.get(f"/market/contracts/{c.pk}/").status_code == 200
    assert buyer.get(f"/market/contracts/{c.pk}/").status_code == 404
    assert c.title not in buyer.get("/market/contracts/").content.decode()
    assert c.title in seller.get("/market/contracts/").content.decode()
    mine = client_for(m.registrar)
    theirs = client_for(m.other_registrar)
    assert mine.get(f"/market/contracts/{c.pk}/").status_code == 200
    assert theirs.get(f"/market/contracts/{c.pk}/").status_code == 404
    export = theirs.get("/market/contracts/?export=1")
    assert export.status_code == 200
    import io

    from openpyxl import load_workbook

    cells = [v for row in load_workbook(io.BytesIO(export.content)).active.values for v in row]
    assert c.title not in cells
    own_cells = [
        v
        for row in load_workbook(
            io.BytesIO(mine.get("/market/contracts/?export=1").content)
        ).active.values
        for v in row
    ]
    assert c.title in own_cells
    assert theirs.get(f"/market/contracts/{c.pk}/certificate/").status_code == 404
    # the other registry's registrar cannot act on it
    response = theirs.post(f"/market/contracts/{c.pk}/accept/")
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        actions.accept_contract(c, actor=m.other_registrar)
    # the broker sees the deals it brokers only
    assert client_for(m.broker_user).get(f"/market/contracts/{c.pk}/").status_code == 404
    brokered = contract(m, title="经纪合同", broker=m.broker)
    assert client_for(m.broker_user).get(f"/market/contracts/{brokered.pk}/").status_code == 200


# -- catalogues, matching, 揭榜挂帅 ---------------------------------------------------------
def _publish_demand(m: Any, admin: Any, **over: Any) -> Any:
    fields = {
        "title": "钒电池电解液成本高",
        "problem": "想找能用本地含钒浸出液直接做电解液的工艺",
        "field": "新能源与高效节能",
        "budget": D(300),
    }
    fields.update(over)
    d = actions.submit_demand(actor=m.buyer_user, enterprise=m.buyer, **fields)
    actions.review_entry(d, publish=True, comment="", actor=admin)
    return d


def test_catalogue_review_and_matches_with_reasons(market: Any, city_admin: Any) -> None:
    m = market
    a = actions.submit_achievement(
        actor=m.seller_user, holder=m.seller, title="高纯钒电解液低成本制备工艺",
        abstract="以含钒浸出液直接制备3.5价钒电解液", field="新能源与高效节能", trl=7,
        ip_type="patent", ip_number="ZL2024100000001", price_low=D(100), price_high=D(200),
        transfer_mode="licence", holder_kind="firm", contact="张工 0833-0000000",
    )  # fmt: skip
    buyer = client_for(m.buyer_user)
    assert buyer.get(f"/market/achievements/{a.pk}/").status_code == 404  # not yet published
    actions.review_entry(a, publish=True, comment="", actor=city_admin)
    with pytest.raises(ValidationError, match="不能审核"):
        actions.review_entry(a, publish=True, comment="", actor=city_admin)
    d = _publish_demand(m, city_admin)
    page = buyer.get(f"/market/demands/{d.pk}/").content.decode()
    assert a.title in page and "共同关键词" in page and "同一技术领域" in page
    assert "距离：同市" in page  # 511102 and 511112 are both in 乐山
    assert "预算高出报价下限200万元" in page


def test_reject_needs_a_comment(market: Any, city_admin: Any) -> None:
    d = actions.submit_demand(
        actor=market.buyer_user, enterprise=market.buyer, title="t", problem="p", field="农业"
    )
    with pytest.raises(ValidationError, match="审核意见"):
        actions.review_entry(d, publish=False, comment=" ", actor=city_admin)
    actions.review_entry(d, publish=False, comment="描述不清", actor=city_admin)
    assert d.state == CatalogueState.REJECTED


@time_machine.travel(dt.datetime(2026, 12, 4, 10, tzinfo=dt.UTC), tick=False)
def test_unveiling_stages_equity_rule_award_and_contract(
    market: Any, city_admin: Any, make_enterprise: Any
) -> None:
    m = market
    d = _publish_demand(m, city_admin)
    listing = actions.create_listing(
        d, listing_class="firm", budget=D(300), apply_deadline=dt.date(2026, 12, 31),
        chain_segment="钒电池·电解液", actor=city_admin,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="不接受揭榜"):
        actions.apply_to_listing(listing, m.seller, "方案", actor=m.seller_user)
    actions.advance_listing(listing, actor=city_admin)
    actions.advance_listing(listing, actor=city_admin)
    assert listing.state == ListingState.LISTED
    # §3.8 case 6: a solver holding 10% of the issuer is ineligible
    related = make_enterprise(region="511102", name="关联科技有限公司")
    from jiazhou_web.accounts import actions as accounts

    related_user = accounts.create_user(username="rel", password="x", display_name="rel",
                                        actor=None)  # fmt: skip
    accounts.assign_role(related_user, "enterprise_user", actor=None, target=related)
    actions.load_shareholdings([(related.uscc, m.buyer.uscc, D("0.10"))], actor=None)
    bad = actions.apply_to_listing(listing, related, "方案甲", actor=related_user)
    assert bad.state == ApplicationState.INELIGIBLE and "10%" in bad.ineligible_reason
    with pytest.raises(ValidationError):
        actions.award(bad, actor=city_admin)
    good = actions.apply_to_listing(listing, m.seller, "以含钒浸出液直接制备", actor=m.seller_user)
    assert good.state == ApplicationState.SUBMITTED
    with pytest.raises(ValidationError, match="已揭榜"):
        actions.apply_to_listing(listing, m.seller, "再来一次", actor=m.seller_user)
    actions.award(good, actor=city_admin)
    listing.refresh_from_db()
    assert listing.state == ListingState.AWARDED
    c = contract(m, listing=listing, buyer_region_code="511112")
    listing.refresh_from_db()
    assert listing.state == ListingState.CONTRACTED and listing.contract_id == c.pk
    page = client_for(city_admin).get(f"/market/listings/{listing.pk}/").content.decode()
    assert "后补助：验收通过后拨付" in page
    actions.advance_listing(listing, actor=city_admin)  # 验收
    assert listing.state == ListingState.ACCEPTED
    page = client_for(city_admin).get(f"/market/listings/{listing.pk}/").content.decode()
    assert "后补助：验收通过，可拨付300.00万元" in page


@time_machine.travel(dt.datetime(2027, 1, 4, 10, tzinfo=dt.UTC), tick=False)
def test_late_application_is_refused(market: Any, city_admin: Any) -> None:
    d = _publish_demand(market, city_admin)
    listing = actions.create_listing(
        d, listing_class="common", budget=D(100), apply_deadline=dt.date(2027, 1, 1),
        actor=city_admin,
    )  # fmt: skip
    actions.advance_listing(listing, actor=city_admin)
    actions.advance_listing(listing, actor=city_admin)
    with pytest.raises(ValidationError, match="截止"):
        actions.apply_to_listing(listing, market.seller, "方案", actor=market.seller_user)


# -- query counts --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    ["/market/", "/market/achievements/", "/market/demands/", "/market/listings/",
     "/market/contracts/", "/market/stats/", "/market/brokers/", "/market/mine/"],
)  # fmt: skip
def test_list_pages_run_a_constant_number_of_queries(
    market: Any, city_admin: Any, url: str, django_assert_max_num_queries: Any
) -> None:
    m = market
    for i in range(6):
        c = contract(m, title=f"合同{i}", broker=m.broker)
        actions.accept_contract(c, actor=m.registrar, on=dt.date(2026, 11, 2))
        actions.register_contract(c, actor=m.registrar, on=dt.date(2026, 11, 3))
        _publish_demand(m, city_admin, title=f"需求{i}")
    user = m.seller_user if url == "/market/mine/" else city_admin
    client = client_for(user)
    client.get(url)  # warm caches (session, roles)
    with django_assert_max_num_queries(25):
        assert client.get(url).status_code == 200


@time_machine.travel(dt.datetime(2026, 12, 4, 10, tzinfo=dt.UTC), tick=False)
def test_registry_sees_duplicate_and_split_flags(market: Any) -> None:
    m = market
    contract(m, title="钒电解液制备技术许可合同", signed_on=dt.date(2026, 11, 2))
    contract(m, title="钒电解液制备技术许可合同", signed_on=dt.date(2026, 11, 20))
    contract(m, title="储能系统集成一期", total_amount=D(300), non_technical=D(0),
             buyer_name="眉山某公司", signed_on=dt.date(2026, 11, 1))  # fmt: skip
    contract(m, title="储能系统集成二期", total_amount=D(200), non_technical=D(0),
             buyer_name="眉山某公司", signed_on=dt.date(2026, 11, 25))  # fmt: skip
    page = client_for(m.registrar).get("/market/contracts/").content.decode()
    assert "疑似重复登记" in page and "疑似拆分合同" in page
    assert "疑似" not in client_for(m.other_registrar).get("/market/contracts/").content.decode()


def _xlsx(rows: list[list[Any]]) -> Any:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.active
    sheet.append(["登记编号", "合同名称", "合同类型", "卖方名称", "卖方地区代码", "买方名称",
                  "买方地区代码", "合同成交额（万元）", "登记日期"])  # fmt: skip
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("national.xlsx", buffer.getvalue())


@time_machine.travel(dt.datetime(2026, 12, 4, 10, tzinfo=dt.UTC), tick=False)
def test_absorbed_flow_from_the_national_export(market: Any, city_admin: Any) -> None:
    from jiazhou_web.market.models import AbsorbedContract

    client = client_for(city_admin)
    bad = _xlsx([["510100202600001", "成都卖给乐山", "技术服务", "成都某所", "510107", "乐山某厂",
                  "乐山", 50, dt.date(2026, 5, 6)]])  # fmt: skip
    response = client.post("/market/absorbed/import/", {"file": bad})
    assert response.status_code == 422 and "6位行政区划代码" in response.content.decode()
    assert AbsorbedContract.objects.count() == 0
    good = _xlsx([
        ["510100202600001", "成都卖给乐山", "技术服务", "成都某所", "510107", "乐山某厂",
         "511102", 50, dt.date(2026, 5, 6)],
        ["510100202600002", "成都卖给成都", "技术开发（委托开发）", "成都某所", "510107",
         "成都某厂", "510104", 70, dt.date(2026, 6, 6)],
    ])  # fmt: skip
    assert client.post("/market/absorbed/import/", {"file": good}).status_code == 200
    assert AbsorbedContract.objects.count() == 2
    page = client.get("/market/stats/").content.decode()
    # §3.8 case 4 (B): seller in 成都, buyer in 乐山, 50万 → 乐山 吸纳 +50; the other row is not
    assert "吸纳（全国系统导入，买方在本市）</td><td>1</td><td>50.00万元" in page
    assert client_for(market.seller_user).post("/market/absorbed/import/").status_code == 403


@time_machine.travel(dt.datetime(2026, 12, 4, 10, tzinfo=dt.UTC), tick=False)
def test_broker_sees_its_reward_and_registrar_its_todo(market: Any) -> None:
    from jiazhou_web.market.todos import todos

    m = market
    c = contract(m, title="经纪合同", total_amount=D(4000), non_technical=D(0), broker=m.broker)
    assert [t.count for t in todos(m.registrar)] == [1]  # submitted, waiting for 受理
    assert todos(m.other_registrar) == []
    actions.accept_contract(c, actor=m.registrar)
    actions.register_contract(c, actor=m.registrar)
    assert todos(m.registrar) == []
    page = client_for(m.broker_user).get("/market/contracts/").content.decode()
    # §3.8 case 5: 4000万 → 3000 × 0.5 % + 1000 × 0.3 % = 18万
    assert "技术交易额4,000.00万元" in page and "奖励18.00万元" in page
    other = contract(m, title="另一份")
    actions.accept_contract(other, actor=m.registrar)
    actions.return_for_supplement(other, "缺附件", actor=m.registrar)
    assert [t.label for t in todos(m.seller_user)] == ["技术合同待补正材料"]


def test_bad_requests_get_clear_answers_and_write_nothing(market: Any, city_admin: Any) -> None:
    m = market
    seller = client_for(m.seller_user)
    data = {
        "registry": m.registry.pk, "title": "超额扣除", "contract_type": "transfer",
        "field": "新能源与高效节能", "ip_type": "patent", "buyer_name": "买方",
        "buyer_region_code": "510104", "total_amount": "100", "non_technical": "150",
        "carrier_cost": "0", "signed_on": "2026-11-02",
    }  # fmt: skip
    page = seller.post("/market/contracts/new/", data)
    assert page.status_code == 200 and "超过合同成交额" in page.content.decode()
    huge = seller.post("/market/contracts/new/", {**data, "total_amount": "1e30"})
    assert huge.status_code == 200 and TechContract.objects.count() == 0
    c = contract(m)
    registrar = client_for(m.registrar)
    assert registrar.post(f"/market/contracts/{c.pk}/explode/").status_code == 404
    assert registrar.post("/market/contracts/99999999999999999999/accept/").status_code == 404
    assert registrar.post(f"/market/contracts/{c.pk}/refuse/", {"reason": "x"}).status_code == 302
    c.refresh_from_db()
    assert c.state == ContractState.SUBMITTED
    admin = client_for(city_admin)
    assert admin.get("/market/stats/?year=abc").status_code == 200
    assert admin.get("/market/stats/?year=99999").status_code == 200
    assert admin.post("/market/review/unknown/1/").status_code == 404
    assert admin.get("/market/achievements/?field=%00").status_code == 200
