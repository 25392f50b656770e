"""Issue 22 rule 5: a share target (占全市比重) is configured on the web and derived from levels.

乐山高新区 has 20 高新技术企业 of the city's 80 in 2024: a share of 25 %. A 2025 target of
「占全市比重 30%以上」 with no base is judged by its trend: one point → yellow, pace unknown.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.seeding import DEMO_PASSWORD
from jiazhou_web.monitoring import actions
from jiazhou_web.monitoring.models import Indicator, Target
from jiazhou_web.monitoring.progress import evaluate

pytestmark = pytest.mark.django_db


@pytest.fixture
def share() -> Indicator:
    return Indicator.objects.get(code="hz_hitech_enterprises_share_of_city")


@pytest.fixture
def hnte() -> Indicator:
    return Indicator.objects.get(code="hitech_enterprises")


def _levels(regions: dict[str, Any], hnte: Indicator) -> list[Any]:
    return [
        actions.load_published_figure(
            actor=None, indicator=hnte, region=regions[code], period="2024", value=Decimal(v)
        )
        for code, v in (("LS-HTZ", "20"), ("511100", "80"))
    ]


def test_the_admin_adds_a_share_target_derived_from_levels(
    regions: dict[str, Any], share: Indicator, hnte: Indicator, django_user_model: Any
) -> None:
    django_user_model.objects.create_superuser("root", password=DEMO_PASSWORD)
    client = Client()
    assert client.login(username="root", password=DEMO_PASSWORD)
    form = {
        "code": "T-SHARE",
        "indicator": share.pk,
        "region": regions["LS-HTZ"].pk,
        "target_year": 2025,
        "comparator": ">=",
        "comparator_text": "占全市比重30%以上",
        "value": "30",
        "unit": "%",
        "parent_region": regions["511100"].pk,
        "share_of": hnte.pk,
    }
    response = client.post(reverse("admin:monitoring_target_add"), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    target = Target.objects.get(code="T-SHARE")
    assert (target.parent_region, target.share_of) == (regions["511100"], hnte)
    assert AuditLog.objects.for_object(target).count() == 1
    row = target.as_engine_row()
    assert (row["parent_region"], row["share_of"]) == ("511100", "hitech_enterprises")

    [status] = evaluate([target], _levels(regions, hnte), dt.date(2025, 3, 1))
    ev = status.evaluation
    assert ev.current_value == pytest.approx(25.0)
    assert ev.attainment_pct == pytest.approx(100 * 25 / 30)
    assert (ev.light, ev.rule) == ("yellow", "unmet_unknown_pace")


def test_a_share_of_needs_the_parent_region_and_a_share_indicator(
    regions: dict[str, Any], share: Indicator, hnte: Indicator
) -> None:
    target = Target(
        code="X",
        indicator=share,
        region=regions["LS-HTZ"],
        target_year=2025,
        comparator=">=",
        share_of=hnte,
    )
    with pytest.raises(ValidationError, match="上级地区"):
        target.full_clean()
    level = Target(
        code="Y",
        indicator=hnte,
        region=regions["LS-HTZ"],
        target_year=2025,
        comparator=">=",
        share_of=hnte,
        parent_region=regions["511100"],
    )
    with pytest.raises(ValidationError, match="占比类指标"):
        level.full_clean()


def test_the_indicator_page_states_the_engines_conventions(
    regions: dict[str, Any], share: Indicator, django_user_model: Any
) -> None:
    from jiazhou.targets.conventions import CONVENTIONS_ZH

    django_user_model.objects.create_superuser("root", password=DEMO_PASSWORD)
    client = Client()
    assert client.login(username="root", password=DEMO_PASSWORD)
    page = client.get(reverse("monitoring:indicator_detail", args=[share.code])).content.decode()
    assert "评价规则说明" in page
    for name, text in CONVENTIONS_ZH:
        assert name in page and text in page
    # The conventions the issue names: 序时进度 in days, 完成率 of a rank, 「超过」 at the threshold.
    assert "日历天数" in page and "N ÷ 当前名次" in page and "恰好等于不算达到" in page
