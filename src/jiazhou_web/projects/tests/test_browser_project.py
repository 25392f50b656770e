"""Browser: a municipal project from the call to acceptance — the firm applies, the bureau returns
it for 补正, the firm resubmits, the draw excludes the expert who works at the firm and says why,
experts score, the bureau ranks, approves, publicises for 5 working days, signs the 任务书 after
the 公示, the firm reports a milestone and applies for acceptance, the bureau accepts."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from jiazhou_web.core.tests.browser import login, screenshot
from jiazhou_web.projects import actions
from jiazhou_web.projects.models import Application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SH = ZoneInfo("Asia/Shanghai")


def _step(page: Any, step: str, note: str = "") -> None:
    form = page.locator(f"[data-testid=step-{step}]")
    if note:
        form.locator("textarea[name=note]").fill(note)
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".alert-success, .alert-danger, .alert")


def test_call_to_acceptance(
    browser_page: Any, call: Any, firm: Any, firm_user: Any, pool: list[Any], city_admin: Any
) -> None:
    page = browser_page
    with time_machine.travel(dt.datetime(2026, 12, 4, 9, tzinfo=SH), tick=True):
        login(page, "firm_user")
        page.goto(page.base_url + f"/projects/calls/{call.pk}/")
        page.click("[data-testid=apply]")
        page.fill("#id_title", "钒电池电堆双极板复合材料开发")
        page.fill("#id_requested_yuan", "450000")
        page.fill("#id_team", "赵一\n钱二")
        page.click("button[type=submit]")
        page.wait_for_selector("[data-testid=state]")
        assert page.inner_text("[data-testid=state]") == "填报中"
        _step(page, "submit")
        assert page.inner_text("[data-testid=state]") == "已提交"
        app = Application.objects.get()

        page.context.clear_cookies()
        login(page, "city_admin")
        page.goto(page.base_url + f"/projects/applications/{app.pk}/")
        _step(page, "form_return", "缺少合作协议，请补正")
        assert page.inner_text("[data-testid=state]") == "退回补正"

        page.context.clear_cookies()
        login(page, "firm_user")
        page.goto(page.base_url + f"/projects/applications/{app.pk}/")
        assert "缺少合作协议" in page.inner_text("[data-testid=application]")
        _step(page, "submit")

        page.context.clear_cookies()
        login(page, "city_admin")
        page.goto(page.base_url + f"/projects/applications/{app.pk}/")
        _step(page, "form_pass")
        _step(page, "draw")
        assert page.inner_text("[data-testid=state]") == "专家评审中"
        excluded = page.inner_text("[data-testid=exclusions]")
        assert "冲突专家" in excluded and "同一单位：现任职于申报单位" in excluded
        assert page.locator("[data-testid=assignments] tbody tr").count() == 5
        screenshot(page, "projects-expert-draw")

        first, *others = list(app.assignments.select_related("expert__user"))
        page.context.clear_cookies()
        assert first.expert.user is not None
        login(page, first.expert.user.username)
        page.goto(page.base_url + "/projects/review/")
        page.click("[data-testid=review-queue] a")
        page.fill("#id_score", "95")
        page.click("[data-testid=my-review] button:has-text('提交评分')")
        page.wait_for_selector("text=已提交对")
        for assignment, score in zip(others, ["80", "60", "70", "85"], strict=True):
            actions.record_score(assignment, score, actor=assignment.expert.user)

        page.context.clear_cookies()
        login(page, "city_admin")
        page.goto(page.base_url + f"/projects/calls/{call.pk}/")
        page.click("[data-testid=rank]")
        page.wait_for_selector("text=已汇总 1 个项目")
        assert "78.33" in page.inner_text("[data-testid=application-list]")  # 60 and 95 dropped
        page.goto(page.base_url + f"/projects/applications/{app.pk}/")
        page.locator("[data-testid=step-approve] input[name=amount_yuan]").fill("400000")
        _step(page, "approve")
        _step(page, "publicise")
        assert page.inner_text("[data-testid=state]") == "公示中"
        assert "2026年12月11日" in page.inner_text("[data-testid=application]")  # 5 working days

    with time_machine.travel(dt.datetime(2026, 12, 14, 9, tzinfo=SH), tick=True):
        page.context.clear_cookies()
        login(page, "city_admin")
        page.goto(page.base_url + f"/projects/applications/{app.pk}/")
        form = page.locator("[data-testid=step-contract]")
        form.locator("input[name=start]").fill("2026-12-15")
        form.locator("input[name=end]").fill("2028-12-14")
        _step(page, "contract")
        assert "现场验收" in page.inner_text("[data-testid=application]")  # 40万 ≥ 30万
        _step(page, "start")
        page.fill("#id_title", "完成中试线建设")
        page.fill("#id_due", "2027-06-30")
        page.click("button:has-text('添加节点')")
        page.wait_for_selector("text=已添加任务书节点")

        page.context.clear_cookies()
        login(page, "firm_user")
        page.goto(page.base_url + f"/projects/applications/{app.pk}/")
        page.click("[data-testid=milestones] button:has-text('标记完成')")
        page.wait_for_selector("text=已标记完成")
        _step(page, "apply_acceptance")
        assert page.inner_text("[data-testid=state]") == "已申请验收"

        page.context.clear_cookies()
        login(page, "city_admin")
        page.goto(page.base_url + f"/projects/applications/{app.pk}/")
        _step(page, "accept_pass")
        assert page.inner_text("[data-testid=state]") == "验收通过"
        screenshot(page, "projects-accepted")
