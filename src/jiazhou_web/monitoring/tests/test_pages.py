"""Every page answers for the city administrator; the 大屏 has its own dark stage."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from jiazhou_web.core.seeding import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_admin(city_admin: Any, make_target: Any, report: Any) -> Client:
    make_target("511112", "20", year=2025)
    report("511112", "2024", "10")
    client = Client()
    client.login(username=city_admin.username, password=DEMO_PASSWORD)
    return client


@pytest.mark.parametrize(
    "name",
    [
        "dashboard",
        "indicator_list",
        "region_compare",
        "big_screen",
        "progress_report",
        "report_list",
    ],
)
def test_page_renders(client_admin: Client, name: str) -> None:
    assert client_admin.get(reverse(f"monitoring:{name}")).status_code == 200


def test_indicator_page_shows_the_published_figure_with_its_quote(client_admin: Client) -> None:
    from decimal import Decimal

    from jiazhou_web.monitoring import actions
    from jiazhou_web.monitoring.models import Indicator
    from jiazhou_web.regions.models import Region

    actions.load_published_figure(
        actor=None,
        fact_code="O031",
        indicator=Indicator.objects.get(code="hitech_enterprises"),
        region=Region.objects.get(code="LS-HTZ"),
        period="asof:2025-10",
        period_basis="inferred",
        value=Decimal(49),
        unit="家",
        source_file="002_018883d9eb611cab.txt",
        source_quote="乐山高新区高新技术企业49家",
    )
    page = client_admin.get(reverse("monitoring:indicator_detail", args=["hitech_enterprises"]))
    html = page.content.decode()
    assert "002_018883d9eb611cab.txt" in html and "乐山高新区高新技术企业49家" in html
    assert "推断" in html  # period basis shown


def test_red_rows_link_to_supervision_and_near_eligible_firms(client_admin: Client) -> None:
    html = client_admin.get(reverse("monitoring:dashboard")).content.decode()
    assert "/supervision/?indicator=hitech_enterprises" in html
    assert "/pools/near-eligible/?programme=hnte" in html
    for url in (
        "/supervision/?indicator=hitech_enterprises",
        "/pools/near-eligible/?programme=hnte",
    ):
        assert client_admin.get(url).status_code == 200, url


@override_settings(JIAZHOU_SHOW_SYNTHETIC=False)
def test_synthetic_rows_disappear_with_the_switch(client_admin: Client) -> None:
    from jiazhou_web.monitoring.models import Target

    Target.objects.update(synthetic=True)
    response = client_admin.get(reverse("monitoring:dashboard"))
    assert response.context["rows"] == []


def test_per_page_toggle_hides_synthetic_rows(client_admin: Client) -> None:
    from jiazhou_web.monitoring.models import Target

    Target.objects.update(synthetic=True)
    assert client_admin.get(reverse("monitoring:dashboard")).context["rows"]
    assert client_admin.get(reverse("monitoring:dashboard") + "?synthetic=0").context["rows"] == []


@pytest.mark.parametrize(
    ("language", "shown", "hidden"),
    [
        ("zh-hans", "较上年同期 10 变化 +100.0%", "please explain"),
        ("en", "changes +100.0% on the same period last year", "请填写说明"),
    ],
)
def test_a_stored_warning_reads_in_the_readers_language(
    client_admin: Client, report: Any, language: str, shown: str, hidden: str
) -> None:
    batch = report("511112", "2025", "20", until="draft")  # 2024 was 10: +100 % needs 说明
    client_admin.post(reverse("set_language"), {"language": language, "next": "/"})
    url = reverse("monitoring:report_detail", args=[batch.pk])
    html = client_admin.get(url).content.decode()
    warning = html.split('data-testid="value-warning"')[1].split("</div>")[0]
    assert shown in warning and hidden not in warning
