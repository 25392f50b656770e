"""Browser: the city administrator opens the index, switches year and reads the gap contributions."""

from __future__ import annotations

from typing import Any

import pytest

from jiazhou_web.core.tests.browser import login, screenshot
from jiazhou_web.indices import actions
from jiazhou_web.indices.demo import CITY_2025
from jiazhou_web.indices.tests.conftest import halved, report


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_city_admin_switches_year_and_sees_the_gap_contributions(
    browser_page: Any, definition: Any, city_admin: Any, regions: dict[str, Any]
) -> None:
    report(regions["511100"], "2024", halved(CITY_2025))
    report(regions["511102"], "2024", halved(halved(CITY_2025)))
    for year in (2024, 2025):
        actions.recompute(definition, year, actor=None)
    page = browser_page
    login(page, "city_admin")
    page.goto(page.base_url + "/index/")
    assert page.locator("#year").input_value() == "2025"
    page.select_option("#year", "2024")
    page.wait_for_url("**year=2024**")
    gap = page.get_by_test_id("gap-table")
    assert gap.locator("tbody tr").count() == 15
    assert "新增国家科技型中小企业孵化器数" in gap.inner_text()
    page.wait_for_function("document.querySelector('#chart-gap canvas') !== null")
    screenshot(page, "indices-index-2024")
    page.select_option("#year", "2025")
    page.wait_for_url("**year=2025**")
    assert page.get_by_test_id("focus-index").inner_text().endswith("%")
    page.wait_for_function("document.querySelector('#chart-bands canvas') !== null")
    screenshot(page, "indices-index-2025")
