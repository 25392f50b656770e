"""Browser: a firm raises a 诉求 → the centre dispatches it to 市经信局 → 退单 with a reason and
the proposed unit → the centre re-dispatches to the county bureau → 签收, 联系, 延期 (approved) →
reply → the firm's 回访 → the 三率 page shows the county bureau."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from jiazhou_web.core.tests.browser import login, screenshot
from jiazhou_web.tickets.models import Ticket

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SH = ZoneInfo("Asia/Shanghai")


def _as(page: Any, username: str, path: str) -> None:
    page.context.clear_cookies()
    login(page, username)
    page.goto(page.base_url + path)


def test_firm_raises_unit_returns_redispatch_extend_reply_rate(
    browser_page: Any, request: pytest.FixtureRequest
) -> None:
    page = browser_page
    with time_machine.travel(dt.datetime(2026, 12, 7, 9, tzinfo=SH), tick=True):
        # the personas are made inside the travelled time, so their roles are in force
        for name in ("city_admin", "county_officer", "dept_officer", "county_unit", "firm_user"):
            request.getfixturevalue(name)
        _as(page, "firm_user", "/tickets/mine/")
        page.click("[data-testid=raise]")
        page.fill("#title", "厂区供水压力不足")
        page.fill("#text", "厂区供水压力长期不足，影响冷却系统运行，<b>请尽快</b>协调供水单位")
        page.click("[data-testid=raise-form] button")
        page.wait_for_selector("text=诉求已提交")
        assert "<b>请尽快</b>" in page.inner_text("[data-testid=text]")  # shown escaped
        screenshot(page, "tickets-raised")
        ticket = Ticket.objects.get()

        _as(page, "city_admin", f"/tickets/{ticket.pk}/")
        page.select_option(
            "[data-testid=dispatch-form] select[name=unit]", label="乐山市经济和信息化局"
        )
        page.click("[data-testid=dispatch-form] button")
        page.wait_for_selector("text=已派单")
        assert page.inner_text("[data-testid=state]") == "待签收"

        _as(page, "dept_officer", f"/tickets/{ticket.pk}/")
        page.fill("[data-testid=step-return] input[name=reason]", "供水属属地事项，不属本局职责")
        page.select_option(
            "[data-testid=step-return] select[name=proposed_unit]", label="五通桥区科学技术局"
        )
        page.click("[data-testid=step-return] button")
        page.wait_for_selector("text=已退单")
        assert page.inner_text("[data-testid=state]") == "退单待审定"

        _as(page, "city_admin", f"/tickets/{ticket.pk}/")
        page.select_option(
            "[data-testid=dispatch-form] select[name=unit]", label="五通桥区科学技术局"
        )
        page.click("[data-testid=dispatch-form] button")
        page.wait_for_selector("text=已派单")

        _as(page, "county_officer", "/tickets/workbench/")
        assert ticket.number in page.inner_text("[data-testid=to-sign]")
        page.goto(page.base_url + f"/tickets/{ticket.pk}/")
        page.click("[data-testid=step-sign] button")
        page.wait_for_selector("text=已签收")
        page.click("[data-testid=step-contact] button")
        page.wait_for_selector("text=已联系诉求人")
        page.fill("[data-testid=step-extend] input[name=days]", "3")
        page.fill("[data-testid=step-extend] input[name=reason]", "需供水公司现场检测管网")
        page.click("[data-testid=step-extend] button")
        page.wait_for_selector("text=已申请延期")

        _as(page, "city_admin", f"/tickets/{ticket.pk}/")
        page.click("button[value=approve]")
        page.wait_for_selector("text=已审批延期申请")
        assert "已批准" in page.inner_text("body")

        _as(page, "county_officer", f"/tickets/{ticket.pk}/")
        page.fill(
            "[data-testid=step-reply] textarea", "已协调供水公司更换减压阀，供水压力恢复正常。"
        )
        page.click("[data-testid=step-reply] button")
        page.wait_for_selector("text=已答复")
        assert page.locator("[data-testid=callback-form]").count() == 0  # not its own 回访
        screenshot(page, "tickets-detail-officer")

        _as(page, "firm_user", f"/tickets/{ticket.pk}/")
        page.select_option("[data-testid=callback-form] select[name=outcome]", label="已解决")
        page.select_option("[data-testid=callback-form] select[name=satisfaction]", label="满意")
        page.click("[data-testid=callback-form] button")
        page.wait_for_selector("text=已回访评价")
        assert "已解决 · 满意" in page.inner_text("[data-testid=callback]")
        screenshot(page, "tickets-rated-firm")

        _as(page, "city_admin", "/tickets/rates/?month=2026-12")
        rates = page.inner_text("[data-testid=rates]")
        assert "五通桥区科学技术局" in rates and "100.0" in rates
        screenshot(page, "tickets-rates")
    ticket.refresh_from_db()
    assert ticket.state == "closed" and ticket.dispatches.count() == 2
    first = ticket.dispatches.order_by("id").first()
    assert first is not None and first.return_reason.startswith("供水")
