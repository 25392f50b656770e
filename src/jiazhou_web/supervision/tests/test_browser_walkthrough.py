"""Browser walk-through: the city admin registers and assigns an item, the department officer
signs for it and reports progress, the city admin sees the light; screenshots of every page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from jiazhou_web.core.seeding import DemoContext
from jiazhou_web.core.tests.browser import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logout(page: Any) -> None:
    page.click("form[action$='/accounts/logout/'] button")
    page.wait_for_url("**/accounts/login/**")


def test_admin_assigns_officer_signs_and_reports_admin_sees_the_light(
    browser_page: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    from jiazhou_web.accounts import demo as accounts_demo
    from jiazhou_web.supervision import demo
    from jiazhou_web.supervision.working_calendar import current_calendar

    today = timezone.localdate()
    ctx = DemoContext(say=lambda _: None)
    accounts_demo.load(ctx)
    demo.load(ctx)
    page = browser_page

    login(page, "demo_city_admin")
    page.goto(page.base_url + "/supervision/items/new/")
    page.select_option("#id_task_list", label="“四个一批”科技项目推进清单")
    page.fill("#id_code", "SG-900")
    page.fill("#id_title", "电子级多晶硅国产化攻关（浏览器测试）")
    page.select_option("#id_lead_unit", label="乐山市经济和信息化局")
    page.select_option("#id_indicator_codes", label="重点领域关键技术突破数")
    page.fill("#id_start_date", (today - dt.timedelta(days=40)).isoformat())
    due = today + dt.timedelta(days=30)
    page.fill("#id_deadline", due.isoformat())
    page.click("[data-testid=save-item]")
    page.wait_for_selector("[data-testid=step-assign]")
    detail_url = page.url
    page.click("[data-testid=step-assign]")
    page.wait_for_selector("[data-testid=item-stage]")
    assert page.get_attribute("[data-testid=item-light] .light", "data-light") in {"yellow"}
    logout(page)

    login(page, "demo_dept_officer")
    page.goto(detail_url)
    page.click("[data-testid=step-sign]")
    page.wait_for_selector("[data-testid=report-form]")
    page.fill("#id_percent_done", "10")
    page.fill("#id_text", "完成设备选型，启动中试线改造。")
    page.click("[data-testid=step-report]")
    page.wait_for_selector("[data-testid=reports] td:has-text('完成设备选型')")
    logout(page)

    login(page, "demo_city_admin")
    page.goto(detail_url)
    # 10 % reported after ~57 % of the working time → behind 序时进度 → yellow.
    assert page.get_attribute("[data-testid=item-light] .light", "data-light") == "yellow"
    assert "承办中" in page.inner_text("[data-testid=item-stage]")
    # A deadline in a year without the State Council notice is marked 暂定, never grey.
    provisional = current_calendar().any_provisional(today - dt.timedelta(days=40), due)
    assert page.locator("[data-testid=deadline-provisional]").count() == int(provisional)
    flag = page.get_attribute("[data-testid=item-light] .light", "data-provisional")
    assert flag == ("1" if provisional else "0")
    screenshot(page, "supervision-detail")
    page.goto(page.base_url + "/supervision/")
    assert page.locator("[data-testid=object-table] .light-red").count() > 0
    screenshot(page, "supervision-list")
    page.goto(page.base_url + "/supervision/kanban/")
    screenshot(page, "supervision-kanban")
    page.goto(page.base_url + "/supervision/timeline/")
    page.wait_for_selector("#timeline-chart canvas")
    screenshot(page, "supervision-timeline")
    page.goto(page.base_url + "/supervision/scoreboard/")
    screenshot(page, "supervision-scoreboard")
    page.goto(page.base_url + "/supervision/notices/")
    screenshot(page, "supervision-notices")
    page.goto(page.base_url + "/supervision/bulletins/")
    assert page.locator("[data-testid=bulletins] a:has-text('PDF')").count() == 1
    screenshot(page, "supervision-bulletins")
