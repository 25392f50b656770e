"""In the browser: each persona's list, a county officer's 404, and a rejected import."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from jiazhou.uscc import make_uscc
from jiazhou_web.core.tests.browser import login, screenshot
from jiazhou_web.enterprises.imports import EnterpriseImporter

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def listed_names(page: Any) -> set[str]:
    page.goto(page.base_url + "/enterprises/")
    cells = page.locator("[data-testid=object-table] tbody tr td:first-child a")
    return set(cells.all_inner_texts())


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (
            "city_admin",
            {"五通桥硅业有限公司", "市中电子有限公司", "高新储能有限公司", "本企业有限公司"},
        ),
        ("zone_officer", {"高新储能有限公司"}),
        ("county_officer", {"五通桥硅业有限公司"}),
        ("enterprise_user", {"本企业有限公司"}),
    ],
)
def test_each_persona_sees_its_scope_in_the_list(
    browser_page: Any,
    request: pytest.FixtureRequest,
    spread: dict[str, Any],
    enterprise_user: Any,
    persona: str,
    expected: set[str],
) -> None:
    request.getfixturevalue(persona)
    login(browser_page, persona)
    assert listed_names(browser_page) == expected
    if persona == "city_admin":
        screenshot(browser_page, "enterprises-list")


def test_county_officer_gets_404_on_another_countys_firm(
    browser_page: Any, county_officer: Any, spread: dict[str, Any]
) -> None:
    login(browser_page, "county_officer")
    own = browser_page.goto(f"{browser_page.base_url}/enterprises/{spread['wutongqiao'].pk}/")
    assert own.status == 200
    assert browser_page.locator("[data-testid=figures]").inner_text().count("营业收入") == 1
    screenshot(browser_page, "enterprises-detail")
    other = browser_page.goto(f"{browser_page.base_url}/enterprises/{spread['shizhong'].pk}/")
    assert other.status == 404


def test_import_with_one_bad_uscc_shows_the_failure_count_and_the_error_file(
    browser_page: Any, city_admin: Any, tmp_path: Path
) -> None:
    headers = [c.header for c in EnterpriseImporter.columns]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(headers)
    for n in range(3):
        uscc = make_uscc(500 + n)
        if n == 1:
            uscc = uscc[:-1] + ("1" if uscc[-1] != "1" else "2")
        row = {
            "统一社会信用代码": uscc,
            "企业名称": f"浏览器导入{n}有限公司",
            "所在区县（行政区划代码）": "511112",
            "国民经济行业代码（GB/T 4754-2017）": "C39",
            "会计年度": 2024,
            "营业收入（元）": 1_000_000,
        }
        ws.append([row.get(h) for h in headers])
    path = tmp_path / "企业数据.xlsx"
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(buf.getvalue())

    login(browser_page, "city_admin")
    browser_page.goto(browser_page.base_url + "/enterprises/import/")
    browser_page.set_input_files("input[name=file]", str(path))
    browser_page.click("form[enctype] button[type=submit]")
    failed = browser_page.locator("[data-testid=import-failed]")
    assert "共 3 行，其中 1 行有错误" in failed.inner_text()
    assert (
        "第3行「统一社会信用代码」"
        in browser_page.locator("[data-testid=import-errors]").inner_text()
    )
    screenshot(browser_page, "enterprises-import-rejected")
    with browser_page.expect_download() as download:
        browser_page.click("[data-testid=download-errors]")
    assert download.value.suggested_filename.endswith(".xlsx")
    browser_page.goto(browser_page.base_url + "/enterprises/")
    assert "浏览器导入" not in browser_page.locator("[data-testid=object-table]").inner_text()
