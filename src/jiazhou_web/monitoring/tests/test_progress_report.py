"""The monthly report: Word opens with python-docx and names the lagging targets; PDF renders."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document

from jiazhou_web.core.official_documents import chinese_date
from jiazhou_web.core.seeding import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def lagging(make_target: Any, report: Any, indicator: Any) -> None:
    """五通桥区: 2025 target 20 missed (red, overdue by 2026-10); zone 2030 target already met."""
    make_target("511112", "20", year=2025)
    report("511112", "2024", "10")
    make_target("LS-HTZ", "40", year=2030)
    report("LS-HTZ", "2025", "49")


def _get(user: Any, **params: str) -> Any:
    client = Client()
    client.login(username=user.username, password=DEMO_PASSWORD)
    return client.get(reverse("monitoring:progress_report"), params)


def test_docx_opens_and_lists_the_lagging_target(lagging: None, city_admin: Any) -> None:
    response = _get(city_admin, month="2026-10", format="docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    # each item named by indicator, region and target year (not the target library's code)
    assert "高新技术企业数(有效数)（五通桥区，2025年目标）" in text
    assert "T-511112" not in text
    assert "（乐山高新区，" not in text  # met: not lagging
    assert "乐科监测〔2026〕10号" in text and "嘉州监测" not in text
    # Three dates, each labelled: the period, the data cut-off (the zone's 2025 value, period end),
    # and the day the report was drawn up, which is also the signing date.
    today = chinese_date(timezone.localdate())
    assert "报告期：2026年10月1日至2026年10月31日" in text
    assert "数据截至：2025年12月31日" in text
    assert f"生成日期：{today}" in text
    assert text.rstrip().endswith(today)


def test_the_current_month_is_evaluated_today_and_signed_today(
    lagging: None, city_admin: Any
) -> None:
    today = timezone.localdate()
    report = _get(city_admin, month=today.strftime("%Y-%m")).context["report"]
    assert report.signed_on == today
    assert report.evaluated_on == today  # not the month end, which has not come
    assert report.period[1].month == today.month and report.period[1] >= today
    nxt = (today.replace(day=28) + dt.timedelta(days=5)).strftime("%Y-%m")
    assert _get(city_admin, month=nxt).status_code == 404


def test_the_word_file_follows_the_english_switch(lagging: None, city_admin: Any) -> None:
    client = Client()
    client.login(username=city_admin.username, password=DEMO_PASSWORD)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get(
        reverse("monitoring:progress_report"), {"month": "2026-10", "format": "docx"}
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Reporting period: 2026-10-01 to 2026-10-31; data as of: 2025-12-31" in text
    assert "1. Red targets (to be supervised closely)" in text
    assert "(1) 高新技术企业数(有效数) (五通桥区, 2025 target)" in text
    assert timezone.localdate().isoformat() in text  # the signing date
    assert "报告期" not in text and "红灯" not in text


def test_pdf_is_a_pdf(lagging: None, city_admin: Any) -> None:
    response = _get(city_admin, month="2026-10", format="pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_report_is_scoped_to_the_reader(lagging: None, zone_officer: Any) -> None:
    response = _get(zone_officer, month="2026-10")
    assert response.context["report"].red == []


def test_a_bad_month_is_404(city_admin: Any) -> None:
    assert _get(city_admin, month="2026-13").status_code == 404


def test_report_opens_with_the_summary_table(lagging: None, city_admin: Any) -> None:
    """Red first; 指标/地区/目标/现状/完成率/序时进度/状态, on the page and as the Word table."""
    page = _get(city_admin, month="2026-10")
    summary = page.context["report"].summary
    assert summary[0][:2] == ["高新技术企业数(有效数)", "五通桥区"]
    assert summary[0][-1] == "红灯" and summary[-1][-1] == "绿灯"
    html = page.content.decode()
    assert html.index('data-testid="report-summary"') < html.index("一、红灯目标")
    response = _get(city_admin, month="2026-10", format="docx")
    [table] = Document(io.BytesIO(response.content)).tables
    assert [c.text for c in table.rows[0].cells] == [
        "指标",
        "地区",
        "目标",
        "现状",
        "完成率",
        "序时进度",
        "状态",
    ]
    assert table.rows[1].cells[6].text == "红灯"
