"""Browser: a firm declares its annual figures (a refused value first), its county accepts, the
record then shows the values with source 企业申报; the firm uploads a file, sees its
qualifications and invites a colleague. Screenshots under artifacts/screenshots/workspace-*."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from jiazhou_web.core.tests.browser import login, screenshot
from jiazhou_web.enterprises.actions import add_certificate
from jiazhou_web.enterprises.models import Enterprise, EnterpriseFigure
from jiazhou_web.scoring.actions import score_enterprises
from jiazhou_web.scoring.programmes import schemes_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_declare_review_record_documents_accounts(
    browser_page: Any, firm: Any, firm_admin: Any, county_officer: Any, tmp_path: Path
) -> None:
    page = browser_page
    year = timezone.localdate().year - 1
    login(page, "firm_user")
    page.goto(page.base_url + "/workspace/")
    assert firm.name in page.inner_text("[data-testid=workspace-firm]")
    nav = page.inner_text("[data-testid=workspace-nav]")
    for label in ("工作台首页", "我的档案", "年报申报", "我的资质", "我的文件", "企业账号"):
        assert label in nav  # and the sections other apps add for firms
    screenshot(page, "workspace-index")

    page.click("[data-testid=workspace-nav] a:has-text('年报申报')")
    page.select_option("#id_fiscal_year", str(year))
    page.fill("#id_employees_total", "40")
    page.fill("#id_tech_staff", "52")  # more 科技人员 than 职工: refused field by field
    page.fill("#id_operating_revenue", "2,500")
    page.fill("#id_rd_expense_hnte", "150")
    page.fill("#id_ip_self_developed", "是")
    page.click("[data-testid=declaration-submit]")
    page.wait_for_selector("[data-testid=form-errors]")
    assert "大于职工总数" in page.inner_text("#id_tech_staff + .invalid-feedback")
    screenshot(page, "workspace-declaration-refused")
    page.fill("#id_tech_staff", "12")
    page.fill("#id_sales_revenue_hnte", "2,400")
    page.click("[data-testid=declaration-submit]")
    page.wait_for_selector("[data-testid=declaration-state]")
    assert page.inner_text("[data-testid=declaration-state]") == "待审核"
    assert "五通桥区" in page.content()
    screenshot(page, "workspace-declaration-submitted")

    page.context.clear_cookies()
    login(page, "county_officer")
    page.goto(page.base_url + "/workspace/review/")
    page.click(f"[data-testid=review-declarations] a:has-text('{firm.name}')")
    page.wait_for_selector("[data-testid=declaration-accept]")
    screenshot(page, "workspace-declaration-review")
    page.click("[data-testid=declaration-accept]")
    page.wait_for_selector("text=已采纳：申报数据已写入企业档案")
    figure = EnterpriseFigure.objects.get(enterprise=firm, field="operating_revenue")
    assert (figure.value, figure.source) == (Decimal(25_000_000), "declaration")

    page.context.clear_cookies()
    login(page, "firm_user")
    page.goto(page.base_url + "/workspace/record/")
    table = page.inner_text("main")
    assert "2,500.00万元" in table and "企业申报" in table
    screenshot(page, "workspace-record")

    pdf = tmp_path / "营业执照.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    fake = tmp_path / "报表.pdf"
    fake.write_bytes(b"MZ\x90\x00 an executable")
    page.goto(page.base_url + "/workspace/documents/")
    page.fill("#id_title", "伪装的文件")
    page.set_input_files("#id_file", str(fake))
    page.click("[data-testid=document-submit]")
    page.wait_for_selector("[data-testid=field-error]")
    assert "Windows 可执行文件" in page.inner_text("[data-testid=field-error]")
    page.fill("#id_title", "营业执照（副本）")
    page.set_input_files("#id_file", str(pdf))
    page.click("[data-testid=document-submit]")
    page.wait_for_selector("text=已上传「营业执照（副本）」")
    assert page.locator("[data-testid=document-table] tbody tr").count() == 1
    screenshot(page, "workspace-documents")

    today = timezone.localdate()
    add_certificate(
        firm,
        programme="hnte",
        number="GR202451000777",
        valid_from=today - dt.timedelta(days=3 * 365 - 120),
        valid_to=today + dt.timedelta(days=120),
        actor=None,
    )
    score_enterprises(
        Enterprise.objects.filter(pk=firm.pk),
        list(schemes_for(today.year).values()),
        today.year,
        actor=None,
    )
    page.goto(page.base_url + "/workspace/qualifications/")
    assert page.locator("[data-testid=qualification-table] tbody tr").count() == 8
    assert page.locator("[data-testid=hnte-expiring]").count() == 1
    screenshot(page, "workspace-qualifications")

    page.goto(page.base_url + "/workspace/accounts/")
    page.fill("#id_username", "firm_finance")
    page.fill("#id_display_name", "钱会计")
    page.fill("#id_password", "Finance-2026-ok")
    page.click("[data-testid=invite-submit]")
    page.wait_for_selector("text=已为「钱会计」开通本企业账号")
    assert page.locator("[data-testid=account-table] tbody tr").count() == 2
    screenshot(page, "workspace-accounts")
