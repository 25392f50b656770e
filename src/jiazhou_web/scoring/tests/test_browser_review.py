"""Browser: the reviewer opens 我的待办, the expert-review queue and the form, records the
points, and sees what happened (issue 14 "Fit the role")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from jiazhou_web.core.seeding import DEMO_PASSWORD
from jiazhou_web.core.tests.browser import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POINTS = {"A1": 6, "A2": 6, "A3": 8, "A4": 5, "B1": 10, "C1": 5, "C2": 5, "C3": 3, "C4": 3}


def test_the_reviewer_reviews_a_firm_from_the_todo_list(
    browser_page: Any, hnte_firm: Callable[..., Any], city_admin: Any
) -> None:
    from jiazhou_web.accounts import actions as accounts
    from jiazhou_web.enterprises.models import Enterprise
    from jiazhou_web.scoring.actions import score_enterprises

    hnte_firm(name="浏览器评审企业")
    score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2025, actor=city_admin)
    reviewer = accounts.create_user(
        username="reviewer", password=DEMO_PASSWORD, display_name="刘审", actor=None
    )
    accounts.assign_role(reviewer, "reviewer", actor=None)

    page = browser_page
    login(page, "reviewer")
    todo = page.locator("[data-testid=todo]", has_text="待专家评审的评分结果")
    assert todo.locator("[data-testid=todo-count]").inner_text() == "1"
    screenshot(page, "home-reviewer-todos")
    todo.locator("a").click()
    page.wait_for_selector("[data-testid=review-queue]")
    screenshot(page, "scoring-review-queue")
    page.click("[data-testid=review-link]")
    page.wait_for_selector("[data-testid=review-form]")
    page.select_option("#id_c_H2", "met")
    page.select_option("#id_c_H3", "met")
    for criterion, points in POINTS.items():
        page.fill(f"#id_c_{criterion}", str(points))
    page.fill("#id_c_D1", "10")
    page.fill("#id_c_D2", "10")
    screenshot(page, "scoring-review-form")
    page.click("[data-testid=review-form] button[type=submit]")
    page.wait_for_selector("[data-testid=review-queue]")
    assert "总分 71 分" in page.inner_text("body")
    assert "暂无待评审的结果" in page.inner_text("[data-testid=review-queue]")
    screenshot(page, "scoring-review-done")
