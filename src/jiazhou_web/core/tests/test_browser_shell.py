"""Browser: every persona signs in, sees the Chinese shell with its role and data scope."""

from __future__ import annotations

from typing import Any

import pytest

from jiazhou_web.core.tests.browser import login, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_personas_see_their_role_and_scope_in_the_top_bar(
    browser_page: Any, city_admin: Any, zone_officer: Any, county_officer: Any
) -> None:
    page = browser_page
    for username, scope in [
        ("city_admin", "全市"),
        ("zone_officer", "乐山高新区"),
        ("county_officer", "五通桥区"),
    ]:
        login(page, username)
        assert scope in page.inner_text(".jz-user")
        assert "工作台" in page.inner_text(".jz-topbar")
        screenshot(page, f"home-{username}")
        page.click("text=注销")
        page.wait_for_url("**/accounts/login/")


def test_wrong_password_shows_a_chinese_message(browser_page: Any, city_admin: Any) -> None:
    page = browser_page
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", "city_admin")
    page.fill("#id_password", "wrong-password")
    page.click("button[type=submit]")
    assert "用户名" in page.inner_text(".alert-danger") or "密码" in page.inner_text(
        ".alert-danger"
    )


def test_the_language_switch_turns_the_shell_english_and_back(
    browser_page: Any, city_admin: Any
) -> None:
    page = browser_page
    login(page, "city_admin")
    page.click("button[value=en]")
    page.wait_for_load_state()
    assert "Overview" in page.inner_text(".jz-topbar")
    page.click("button[value=zh-hans]")
    page.wait_for_load_state()
    assert "工作台" in page.inner_text(".jz-topbar")
