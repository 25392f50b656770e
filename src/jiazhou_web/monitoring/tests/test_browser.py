"""End to end in headless Chromium: dashboards per persona, a red item's explanation, an import
with one warning and one error, the report and the 1920×1080 大屏 (screenshots for review)."""

from __future__ import annotations

from typing import Any

import pytest
from openpyxl import Workbook

from jiazhou_web.core.seeding import DemoContext
from jiazhou_web.core.tests.browser import login, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def demo(city_admin: Any, zone_officer: Any, county_officer: Any) -> None:
    """The monitoring demo (seed targets and figures, 模拟数据 batches) with the test personas."""
    from jiazhou_web.accounts.choices import Role
    from jiazhou_web.monitoring import demo as monitoring_demo

    personas: dict[str, Any] = {
        Role.CITY_ADMIN: city_admin,
        Role.ZONE_OFFICER: zone_officer,
        Role.COUNTY_OFFICER: county_officer,
    }
    monitoring_demo.load(DemoContext(personas=personas, say=lambda _: None))


def _upload(path: Any) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["指标代码", "数值", "单位", "限定", "同比增长%", "说明"])
    ws.append(["hitech_enterprises", 40, "家", None, None, None])  # 2025 was ~20 → +100 %: warning
    ws.append(["tech_smes", "很多", "家", None, None, None])  # not a number → error
    wb.save(path)


def test_city_admin_follows_a_red_indicator_to_its_explanation(
    browser_page: Any, demo: None
) -> None:
    page = browser_page
    login(page, "city_admin")
    page.goto(page.base_url + "/monitoring/")
    assert int(page.locator("[data-testid=status-card][data-light=red] .jz-stat").inner_text()) > 0
    page.wait_for_selector("[data-chart=pie-option] canvas")
    screenshot(page, "monitoring-dashboard-city-admin")
    red = (
        page.locator("[data-testid=status-row][data-light=red]")
        .filter(has_text="高新技术企业数")
        .first
    )
    explain = red.locator("[data-testid=explain-link]")
    hrefs = [explain.nth(i).get_attribute("href") for i in range(explain.count())]
    assert "/supervision/?indicator=hitech_enterprises" in hrefs
    assert "/pools/near-eligible/?programme=hnte" in hrefs
    for href in hrefs:  # the explanation pages exist and open
        response = page.goto(page.base_url + href)
        assert response is not None and response.status == 200, href
    page.goto(page.base_url + "/monitoring/")
    red = (
        page.locator("[data-testid=status-row][data-light=red]")
        .filter(has_text="高新技术企业数")
        .first
    )
    red.locator("a", has_text="高新技术企业数").first.click()
    page.wait_for_selector("[data-testid=indicator-chart] canvas")
    assert "模拟数据" in page.content()
    screenshot(page, "monitoring-indicator-hitech")
    page.goto(page.base_url + "/monitoring/regions/")
    page.wait_for_selector("[data-testid=compare-chart] canvas")
    assert page.locator("[data-testid=compare-row]").count() == 12  # 11 counties + the zone
    screenshot(page, "monitoring-region-compare")
    page.goto(page.base_url + "/monitoring/report/?month=2026-10")
    assert page.locator("[data-testid=report-item]").count() > 0
    screenshot(page, "monitoring-progress-report")


def test_zone_officer_sees_zone_targets(browser_page: Any, demo: None) -> None:
    page = browser_page
    login(page, "zone_officer")
    page.goto(page.base_url + "/monitoring/")
    rows = page.locator("[data-testid=status-row]")
    assert rows.count() > 0
    # Rows of folded groups (green, grey) are hidden: read their text, not what is shown.
    regions = {
        (rows.nth(i).locator("td").nth(2).text_content() or "").strip() for i in range(rows.count())
    }
    assert regions == {"乐山高新区"}
    screenshot(page, "monitoring-dashboard-zone-officer")


def test_county_officer_import_returns_one_warning_and_one_error(
    browser_page: Any, demo: None, tmp_path: Any
) -> None:
    page = browser_page
    login(page, "county_officer")
    page.goto(page.base_url + "/monitoring/reports/new/")
    page.select_option("#id_period", "2026")
    page.click("button[type=submit]")
    page.click("[data-testid=import-link]")
    path = tmp_path / "values.xlsx"
    _upload(path)
    page.set_input_files("input[type=file]", str(path))
    page.click("button[type=submit]")
    errors = page.locator("[data-testid=import-errors] li")
    warnings = page.locator("[data-testid=import-warnings] li")
    assert errors.count() == 1 and "第3行" in errors.inner_text()
    assert warnings.count() == 1 and "第2行" in warnings.inner_text()
    screenshot(page, "monitoring-import-warning-and-error")


def test_big_screen_fills_1920_by_1080(browser_page: Any, demo: None) -> None:
    page = browser_page
    login(page, "city_admin")
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(page.base_url + "/monitoring/screen/")
    page.wait_for_selector("[data-chart=bs-bar] canvas")
    box = page.locator("[data-testid=stage]").bounding_box()
    assert box is not None and round(box["width"]) == 1920 and round(box["height"]) == 1080
    assert "数据截至" in page.locator("[data-testid=as-of]").inner_text()
    page.wait_for_timeout(600)
    page.screenshot(path=str(screenshot.__globals__["SCREENSHOTS"] / "monitoring-big-screen.png"))
    page.set_viewport_size({"width": 1280, "height": 720})
    page.wait_for_timeout(200)
    small = page.locator("[data-testid=stage]").bounding_box()
    assert small is not None and round(small["width"]) == 1280
