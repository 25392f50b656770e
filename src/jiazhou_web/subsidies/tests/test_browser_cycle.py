"""Browser: 免申即享 across the personas — the city issues offers, the firm confirms, the city
starts 公示 and approves after it, finance (a department officer) makes the batch and pays —
and 快申快享: the firm applies, the county desk returns it for 补正, the firm resubmits, the
desk accepts, county/city/joint reviews, 公示 with an objection, approval, payment."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from jiazhou_web.core.tests.browser import login, screenshot
from jiazhou_web.subsidies.models import Application, PaymentBatch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SH = ZoneInfo("Asia/Shanghai")
START = dt.datetime(2026, 12, 4, 9, tzinfo=SH)  # Friday; 公示 of 7 working days ends 12-14
AFTER = dt.datetime(2026, 12, 15, 9, tzinfo=SH)


def _as(page: Any, username: str) -> None:
    page.context.clear_cookies()
    login(page, username)


def test_offer_confirm_publicity_batch_paid(
    browser_page: Any,
    library: None,
    rd_firm: Any,
    firm_user: Any,
    city_admin: Any,
    dept_officer: Any,
) -> None:
    page = browser_page
    with time_machine.travel(START, tick=True):
        from jiazhou_web.subsidies.models import ClauseVersion

        cv = ClauseVersion.objects.get(code="rd-increment")
        _as(page, "city_admin")
        page.goto(page.base_url + f"/subsidies/clauses/{cv.pk}/")
        page.click("[data-testid=make-offers]")
        page.wait_for_selector("text=已向 1 家企业推送免申即享")
        screenshot(page, "subsidies-clause-offers")
        app = Application.objects.get()

        _as(page, "firm_user")
        page.goto(page.base_url + "/subsidies/my/matches/")
        assert "1.90万元" in page.inner_text("[data-testid=offers]")
        screenshot(page, "subsidies-firm-matches")
        page.goto(page.base_url + f"/subsidies/applications/{app.pk}/")
        page.fill("input[name=bank_account]", "6222020200112233")
        page.fill("input[name=bank_name]", "乐山市商业银行")
        page.check("input[name=declaration]")
        page.click("[data-testid=confirm-offer]")
        page.wait_for_selector("text=联审通过（待公示）")

        _as(page, "city_admin")
        page.goto(page.base_url + "/subsidies/applications/")
        page.check(f"input[name=app][value='{app.pk}']")
        page.click("[data-testid=start-publicity]")
        page.wait_for_selector("text=1 项开始公示")
        page.goto(page.base_url + f"/subsidies/applications/{app.pk}/")
        assert "2026年12月14日" in page.inner_text("[data-testid=application]")
        page.click("[data-testid=approve]")  # too early
        page.wait_for_selector("text=期满后方可批准")

    with time_machine.travel(AFTER, tick=True):
        _as(page, "city_admin")
        page.goto(page.base_url + f"/subsidies/applications/{app.pk}/")
        page.click("[data-testid=approve]")
        page.wait_for_selector("text=已批准待拨付")

        _as(page, "dept_officer")
        page.goto(page.base_url + "/subsidies/batches/")
        page.click("[data-testid=create-batch]")
        page.wait_for_selector("[data-testid=batch-state]")
        assert "1.90万元" in page.inner_text("[data-testid=batch]")
        page.fill("input[name=finance_voucher]", "LSCZ-2026-118")
        page.click("[data-testid=pay-batch]")
        page.wait_for_selector("text=已确认拨付")
        assert page.inner_text("[data-testid=batch-state]") == "已拨付"
        screenshot(page, "subsidies-batch-paid")
    app.refresh_from_db()
    assert app.state == "paid" and PaymentBatch.objects.get().state == "paid"


def test_apply_correction_reviews_objection_paid(
    browser_page: Any,
    library: None,
    rd_firm: Any,
    firm_user: Any,
    county_officer: Any,
    city_admin: Any,
    dept_officer: Any,
) -> None:
    page = browser_page
    with time_machine.travel(START, tick=True):
        from jiazhou_web.subsidies.models import ClauseVersion

        cv = ClauseVersion.objects.get(code="interest")
        _as(page, "firm_user")
        page.goto(page.base_url + f"/subsidies/clauses/{cv.pk}/apply/")
        page.fill("input[name=base_declared]", "172500")
        page.fill("input[name=bank_account]", "6222020200112233")
        page.fill("input[name=bank_name]", "乐山市商业银行")
        page.check("input[name=declaration]")
        page.click("[data-testid=apply-form] button")
        page.wait_for_selector("text=已提交申报")
        assert "5.1750万元" in page.inner_text("[data-testid=application]")  # 51,750元
        app = Application.objects.get()

        _as(page, "county_officer")
        page.goto(page.base_url + f"/subsidies/applications/{app.pk}/")
        page.fill("input[name=message]", "请补充利息支付凭证")
        page.click("[data-testid=return]")
        page.wait_for_selector("text=退回补正")

        _as(page, "firm_user")
        page.goto(page.base_url + f"/subsidies/applications/{app.pk}/")
        page.click("[data-testid=resubmit]")
        page.wait_for_selector("text=已申报待受理")

        _as(page, "county_officer")
        page.goto(page.base_url + f"/subsidies/applications/{app.pk}/")
        page.click("[data-testid=accept]")
        page.wait_for_selector("text=已受理（待县区审核）")
        page.click("[data-testid=review-county]")
        page.wait_for_selector("text=县区已审（待市级审核）")

        _as(page, "city_admin")
        page.goto(page.base_url + f"/subsidies/applications/{app.pk}/")
        page.click("[data-testid=review-city]")
        page.wait_for_selector("text=市级已审（待联审）")

        _as(page, "dept_officer")
        page.goto(page.base_url + f"/subsidies/applications/{app.pk}/")
        page.fill("input[name=comment]", "同意")
        page.click("[data-testid=review-joint]")
        page.wait_for_selector("text=联审通过（待公示）")

        _as(page, "city_admin")
        page.goto(page.base_url + "/subsidies/applications/")
        page.check(f"input[name=app][value='{app.pk}']")
        page.click("[data-testid=start-publicity]")
        page.goto(page.base_url + f"/subsidies/applications/{app.pk}/")
        page.fill("input[name=name]", "张三")
        page.fill("textarea[name=text]", "该贷款已提前归还，利息应按实际天数计算")
        page.click("[data-testid=object]")
        page.wait_for_selector("text=公示异议复核中")
        page.fill("input[name=decision]", "核实：按实际天数计算无误")
        page.click("[data-testid=decide-objection]")
        page.wait_for_selector("text=异议不成立")
        screenshot(page, "subsidies-objection-decided")

    with time_machine.travel(AFTER, tick=True):
        _as(page, "city_admin")
        page.goto(page.base_url + f"/subsidies/applications/{app.pk}/")
        page.click("[data-testid=approve]")
        page.wait_for_selector("text=已批准待拨付")
        _as(page, "dept_officer")
        page.goto(page.base_url + "/subsidies/batches/")
        page.click("[data-testid=create-batch]")
        page.fill("input[name=finance_voucher]", "LSCZ-2026-119")
        page.click("[data-testid=pay-batch]")
        page.wait_for_selector("text=已确认拨付")
        _as(page, "firm_user")
        page.goto(page.base_url + "/subsidies/my/applications/")
        assert "已拨付" in page.inner_text("[data-testid=my-applications]")
        screenshot(page, "subsidies-firm-paid")
