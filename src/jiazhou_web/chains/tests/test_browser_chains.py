"""Browser walk (issue 19 "done when"): open the 钒电池 chain → a missing segment → create the
揭榜 need draft and the 招商 list; run the county assessment → review → 公示 → publish; the 高新区
self-assessment shows its estimated score and the top levers. Screenshots in artifacts/."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from jiazhou_web.core.tests.browser import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SH = ZoneInfo("Asia/Shanghai")


def test_chain_gap_to_need_draft_and_recruit_list(browser_page: Any, city_admin: Any) -> None:
    from jiazhou_web.chains import actions

    page = browser_page
    with time_machine.travel(dt.datetime(2026, 12, 4, 9, tzinfo=SH), tick=True):
        actions.add_prospects(
            [{"name": "示例钒电解液公司（模拟）", "industry_code": "C2613", "revenue_wan": "120000",
              "growth_pct": "40", "patents": 30, "distance_km": "420",
              "business_text": "五氧化二钒、钒渣提钒"}],
            source="模拟数据", actor=city_admin,
        )  # fmt: skip
        login(page, "city_admin")
        page.goto(page.base_url + "/chains/")
        page.click("[data-testid=load-vanadium-battery]")
        page.wait_for_selector("text=已从仓库数据载入产业链")
        page.click("text=全钒液流电池（钒电池储能）")
        page.wait_for_selector("[data-testid=chain-map] canvas")
        page.wait_for_timeout(800)  # let ECharts finish its animation before the screenshot
        screenshot(page, "chains-vanadium-map")
        page.click("[data-testid=segment-v-resource]")
        assert page.inner_text("[data-testid=segment-status]") == "缺失"
        page.click("[data-testid=need-create]")
        page.wait_for_selector("[data-testid=need-draft]")
        assert "钒资源开发关键技术攻关需求" in page.inner_text("[data-testid=need-draft]")
        page.click("[data-testid=recruit-create]")
        page.wait_for_selector("[data-testid=recruit-rows]")
        assert "示例钒电解液公司（模拟）" in page.inner_text("[data-testid=recruit-rows]")
        screenshot(page, "chains-recruit-list")


def test_county_round_review_publicity_publish_and_zone_levers(
    browser_page: Any, city_admin: Any, county_officer: Any
) -> None:
    from jiazhou_web.accounts import actions as accounts
    from jiazhou_web.assessments import actions
    from jiazhou_web.assessments.models import AssessmentRound, CountyReport
    from jiazhou_web.core.seeding import DEMO_PASSWORD

    page = browser_page
    with time_machine.travel(dt.datetime(2026, 12, 4, 9, tzinfo=SH), tick=True):
        _approved(
            "511102", {"rd_intensity": "2.2", "hitech_enterprises_increment": "15"}, city_admin
        )
        _approved("511112", {"rd_intensity": "1.8", "tech_smes": "30"}, city_admin)
        _approved("LS-HTZ", {"rd_intensity": "3.6", "gazelle_enterprises": "10"}, city_admin)
        login(page, "city_admin")
        page.goto(page.base_url + "/assessments/")
        page.fill("#id_year", "2025")
        page.click("[data-testid=round-open]")
        page.wait_for_selector("[data-testid=round-state]")
        round_ = AssessmentRound.objects.get()
        for r in (
            CountyReport.objects.filter(round=round_)
            .exclude(region__code="511112")
            .select_related("round", "region")
        ):
            officer = accounts.create_user(username=f"o{r.region.code}", password=DEMO_PASSWORD,
                                           display_name=r.region.name, actor=None)  # fmt: skip
            role = "zone_officer" if r.region.code == "LS-HTZ" else "county_officer"
            accounts.assign_role(officer, role, actor=None, target=r.region)
            actions.submit_report(r, dict.fromkeys(r.values, "暂无统计"), actor=officer)
            actions.review_report(r, approve=True, comment="", actor=city_admin)
        page.context.clear_cookies()
        login(page, "county_officer")
        wtq = CountyReport.objects.get(round=round_, region__code="511112")
        page.goto(page.base_url + f"/assessments/reports/{wtq.pk}/")
        for code in wtq.values:
            page.fill(f"[name=evidence_{code}]", "统计局年报尚未发布，附区统计局说明")
        page.click("[data-testid=submit]")
        page.wait_for_selector("text=已提交自评，待市级审核")
        page.context.clear_cookies()
        login(page, "city_admin")
        page.goto(page.base_url + f"/assessments/reports/{wtq.pk}/")
        page.click("[data-testid=approve]")
        page.wait_for_selector("text=市级审核通过")
        page.goto(page.base_url + f"/assessments/rounds/{round_.pk}/")
        page.fill("#id_days", "5")
        page.click("[data-testid=publicity-start]")
        page.wait_for_selector("text=公示中")
        assert "2026年12月10日" in page.inner_text("[data-testid=publicity]")
        screenshot(page, "assessments-round-publicity")
    with time_machine.travel(dt.datetime(2026, 12, 11, 9, tzinfo=SH), tick=True):
        page.context.clear_cookies()  # a week later: sign in again
        login(page, "city_admin")
        page.goto(page.base_url + f"/assessments/rounds/{round_.pk}/")
        page.click("[data-testid=publish]")
        page.wait_for_selector("text=考核结果已发布")
        assert page.inner_text("[data-testid=round-state]") == "已发布"
        actions.set_benchmark("1.3", "4.5", "2024", "模拟数据", actor=city_admin, synthetic=True)
        actions.set_benchmark("5.5", "8", "2024", "模拟数据", actor=city_admin, synthetic=True)
        page.goto(page.base_url + "/assessments/zone/")
        # 1.3: 3.6 vs 4.5 → 0.4 × 2.22 = 0.89; 5.5: 10 vs 8 → 0.625 × 3.75 = 2.34
        assert page.inner_text("[data-testid=zone-total]") == "3.23"
        assert page.inner_text("[data-testid=zone-rank]").isdigit()
        assert page.locator("[data-testid=levers] tbody tr").count() == 2
        screenshot(page, "assessments-zone-self-assessment")


def _approved(region: str, values: dict[str, str], city_admin: Any) -> None:
    """Approved monitoring values for the 2025 period (what the assessments read)."""
    from decimal import Decimal

    from jiazhou_web.monitoring import actions as monitoring
    from jiazhou_web.monitoring.models import Indicator
    from jiazhou_web.regions.models import Region

    batch = monitoring.open_submission(Region.objects.get(code=region), "2025", actor=None)
    for code, value in values.items():
        monitoring.record_observation(
            batch, Indicator.objects.get(code=code), value=Decimal(value), explanation="核实",
            actor=None,
        )  # fmt: skip
    monitoring.submit_submission(batch, actor=None)
    monitoring.approve_submission(batch, actor=city_admin)
