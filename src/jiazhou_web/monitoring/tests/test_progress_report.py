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
    assert "高新技术企业数(有效数)（五通桥区，T-511112-2025-20）" in text
    assert "乐山高新区，T-LS-HTZ" not in text  # met: not lagging
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


def test_pdf_is_a_pdf(lagging: None, city_admin: Any) -> None:
    response = _get(city_admin, month="2026-10", format="pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_report_is_scoped_to_the_reader(lagging: None, zone_officer: Any) -> None:
    response = _get(zone_officer, month="2026-10")
    assert response.context["report"].red == []


def test_a_bad_month_is_404(city_admin: Any) -> None:
    assert _get(city_admin, month="2026-13").status_code == 404
