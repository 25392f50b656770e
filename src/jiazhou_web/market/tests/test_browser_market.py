"""Browser: a firm posts a 需求, sees a matching 成果 with reasons; the city lists it for 揭榜挂帅;
the 成果's holder applies and is awarded, registers the contract; the registry accepts and
registers it; the certificate downloads and the 技术合同成交额 indicator moves."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from jiazhou_web.core.tests.browser import login, screenshot
from jiazhou_web.market import actions
from jiazhou_web.market.models import Demand, Listing, TechContract

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SH = ZoneInfo("Asia/Shanghai")


def test_demand_match_unveil_contract_registration_indicator(
    browser_page: Any, market: Any, city_admin: Any
) -> None:
    page, m = browser_page, market
    with time_machine.travel(dt.datetime(2026, 12, 4, 9, tzinfo=SH), tick=True):
        a = actions.submit_achievement(
            actor=m.seller_user, holder=m.seller, title="高纯钒电解液低成本制备工艺",
            abstract="以含钒浸出液直接制备3.5价钒电解液，杂质铁铝低", field="新能源与高效节能",
            trl=7, ip_type="patent", ip_number="ZL2024100000001", price_low=Decimal(100),
            price_high=Decimal(200), transfer_mode="licence", holder_kind="firm",
            contact="张工 0833-0000000",
        )  # fmt: skip
        actions.review_entry(a, publish=True, comment="", actor=city_admin)

        login(page, "buyer_user")
        page.goto(page.base_url + "/market/demands/new/")
        page.fill("#id_title", "钒电池电解液成本太高")
        page.fill("#id_problem", "想找能用本地含钒浸出液直接做电解液的工艺")
        page.select_option("#id_field", "新能源与高效节能")
        page.fill("#id_budget", "300")
        page.click("[data-testid=submit]")
        page.wait_for_selector("text=已提交，审核通过后发布")
        demand = Demand.objects.get()

        page.context.clear_cookies()
        login(page, "city_admin")
        page.goto(page.base_url + "/market/review/")
        page.click("[data-testid=publish-demand]")
        page.wait_for_selector("text=审核完成")

        page.context.clear_cookies()
        login(page, "buyer_user")
        page.goto(page.base_url + f"/market/demands/{demand.pk}/")
        matches = page.inner_text("[data-testid=matches]")
        assert a.title in matches and "共同关键词" in matches and "同一技术领域" in matches
        screenshot(page, "market-demand-matches")

        page.context.clear_cookies()
        login(page, "city_admin")
        page.goto(page.base_url + f"/market/demands/{demand.pk}/")
        page.select_option("#id_listing_class", "firm")
        page.fill("#id_budget", "300")
        page.fill("#id_apply_deadline", "2026-12-31")
        page.fill("#id_chain_segment", "钒钛·储能")
        page.click("[data-testid=create-listing]")
        page.wait_for_selector("[data-testid=listing-state]")
        page.click("[data-testid=advance]")
        page.wait_for_selector("text=专家论证通过")
        page.click("[data-testid=advance]")
        page.wait_for_selector("[data-testid=listing-state]:has-text('已发榜')")
        listing = Listing.objects.get()

        page.context.clear_cookies()
        login(page, "seller_user")
        page.goto(page.base_url + f"/market/listings/{listing.pk}/")
        page.fill("#id_plan", "以含钒浸出液直接制备电解液，三个月中试")
        page.click("[data-testid=apply]")
        page.wait_for_selector("text=揭榜申请已提交")

        page.context.clear_cookies()
        login(page, "city_admin")
        page.goto(page.base_url + f"/market/listings/{listing.pk}/")
        page.click("[data-testid=award]")
        page.wait_for_selector("text=已确定揭榜方")

        page.context.clear_cookies()
        login(page, "seller_user")
        page.goto(page.base_url + f"/market/listings/{listing.pk}/")
        page.click("[data-testid=contract-from-listing]")
        page.select_option("#id_registry", str(m.registry.pk))
        page.fill("#id_title", "钒电解液制备技术许可")
        page.select_option("#id_contract_type", "licence")
        page.select_option("#id_field", "新能源与高效节能")
        page.select_option("#id_ip_type", "patent")
        page.fill("#id_buyer_name", m.buyer.name)
        page.fill("#id_buyer_uscc", m.buyer.uscc)
        page.fill("#id_buyer_region_code", "511112")
        page.fill("#id_total_amount", "500")
        page.fill("#id_non_technical", "200")
        page.fill("#id_carrier_cost", "30")
        page.fill("#id_signed_on", "2026-12-01")
        page.click("[data-testid=submit]")
        page.wait_for_selector("text=已提交登记机构")
        assert "300.00万元" in page.inner_text("[data-testid=tech-amount]")
        contract = TechContract.objects.get()

        page.context.clear_cookies()
        login(page, "registrar")
        page.goto(page.base_url + f"/market/contracts/{contract.pk}/")
        page.click("[data-testid=accept]")
        page.wait_for_selector("text=剩余")
        page.click("[data-testid=register]")
        page.wait_for_selector("[data-testid=contract-state]:has-text('已登记')")
        screenshot(page, "market-contract-registered")
        with page.expect_download() as download:
            page.click("[data-testid=certificate]")
        assert download.value.suggested_filename.endswith(".pdf")

        page.context.clear_cookies()
        login(page, "city_admin")
        page.goto(page.base_url + "/market/")
        assert "500.00万元" in page.inner_text("[data-testid=output-total]")
        page.goto(page.base_url + "/monitoring/indicators/tech_contract_turnover/")
        assert "0.05" in page.inner_text("body")
        screenshot(page, "market-indicator")
        page.goto(page.base_url + "/market/stats/")
        page.wait_for_selector("[data-testid=chart] canvas")
        assert "技术许可" in page.inner_text("body")
        screenshot(page, "market-stats")
        listing.refresh_from_db()
        assert listing.state == "contracted"
