"""Browser: the zone runs the 亩均 evaluation, approves it, starts a 5-working-day 公示; the firm
files an 异议 with a corrected land area; the zone upholds it (the run is re-computed) and
publishes after the 公示 period."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from jiazhou_web.core.tests.browser import login, screenshot
from jiazhou_web.evaluations.models import EvaluationRun, ResultChange

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SH = ZoneInfo("Asia/Shanghai")


def test_run_publicity_objection_publish(
    browser_page: Any, ten_firms: list[Any], zone_officer: Any, enterprise_user: Any
) -> None:
    page = browser_page
    with time_machine.travel(dt.datetime(2026, 12, 4, 9, tzinfo=SH), tick=True):
        login(page, "zone_officer")
        page.goto(page.base_url + "/evaluations/runs/new/")
        page.select_option("#id_scheme", "mu-sichuan-2022")
        page.fill("#id_eval_year", "2025")
        page.select_option("#id_cohort", "zone:LS-HTZ")
        page.click("button[name=check]")
        page.wait_for_selector("[data-testid=completeness]")
        assert "10 家企业" in page.inner_text("[data-testid=completeness]")
        page.click("[data-testid=run-submit]")
        # the run is a background job (docs/adr/0021): its page links to the stored run
        page.click("[data-testid=job-result]")
        page.wait_for_selector("[data-testid=run-state]")
        assert page.inner_text("[data-testid=run-state]") == "草稿"
        assert "本地配置" in page.inner_text("[data-testid=local-config]")
        page.click("[data-testid=approve]")
        page.wait_for_selector("text=已审核")
        page.fill("#id_days", "5")
        page.click("[data-testid=publicity-start]")
        page.wait_for_selector("text=公示中")
        assert "2026年12月10日" in page.inner_text("[data-testid=publicity]")
        screenshot(page, "evaluations-publicity")
        run = EvaluationRun.objects.get()

        page.context.clear_cookies()
        login(page, "firm_user")
        page.goto(page.base_url + f"/evaluations/runs/{run.pk}/")
        assert page.locator("[data-testid=results] tbody tr").count() == 1  # own firm only
        page.click(f"[data-testid=results] a:has-text('{ten_firms[7].name}')")
        page.wait_for_selector("[data-testid=grade]")
        assert page.inner_text("[data-testid=grade]") == "C"
        page.fill("#id_reason", "用地面积含已退租厂房，应为0.5亩")
        page.fill("#id_field", "land_own_mu")
        page.fill("#id_fiscal_year", "2024")
        page.fill("#id_corrected_value", "0.5")
        page.click("[data-testid=object]")
        page.wait_for_selector("text=异议已提交")

        page.context.clear_cookies()
        login(page, "zone_officer")
        page.goto(page.base_url + f"/evaluations/runs/{run.pk}/")
        page.fill("[data-testid=objections] textarea[name=decision]", "核实无误，更正并重算")
        page.click("[data-testid=decide]")
        page.wait_for_selector("text=复核完成")
        assert "异议成立" in page.inner_text("[data-testid=objections]")
        change = ResultChange.objects.get(enterprise=ten_firms[7])
        assert change.grade_before == "C" and change.grade_after in ("A", "B")
        page.click("[data-testid=publish]")  # too early: the 公示 runs to 10 December
        page.wait_for_selector("text=结束后方可发布")

    with time_machine.travel(dt.datetime(2026, 12, 11, 9, tzinfo=SH), tick=True):
        page.context.clear_cookies()  # a week later: a new session
        login(page, "zone_officer")
        page.goto(page.base_url + f"/evaluations/runs/{run.pk}/")
        page.click("[data-testid=publish]")
        page.wait_for_selector("text=评价结果已发布")
        assert page.inner_text("[data-testid=run-state]") == "已发布"
        screenshot(page, "evaluations-published")
        # 培育库联动: the published C firms have a 帮扶 action in their 一企一策 plan
        page.click("[data-testid=cultivation-link]")
        page.wait_for_selector("[data-testid=support]")
        support = page.inner_text("[data-testid=support]")
        assert "制定亩均效益提升帮扶措施" in support and ten_firms[9].name in support
        assert ten_firms[0].name in page.inner_text("[data-testid=flagged]")
        screenshot(page, "evaluations-cultivation")
