"""What-if: changed figures are re-scored by the engine and nothing is saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from jiazhou_web.core.models import AuditLog
from jiazhou_web.enterprises.models import Enterprise, EnterpriseFigure
from jiazhou_web.pools.whatif import what_if
from jiazhou_web.scoring.actions import score_enterprises
from jiazhou_web.scoring.models import CriterionResult, ScoringRun, UnitResult

pytestmark = pytest.mark.django_db


@pytest.fixture
def short_firm(hnte_firm: Callable[..., Any], city_admin: Any) -> Any:
    firm = hnte_firm(tech_staff=9)
    score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2025, actor=city_admin)
    return firm


def test_hiring_the_missing_staff_clears_the_condition(short_firm: Any) -> None:
    cards = {
        c.programme: c
        for c in what_if(short_firm, 2025, {"tech_staff": 11, "employees_total": 102})
    }
    h4 = next(r for r in cards["hnte"].rows if r.id == "H4")
    assert h4.status == "met"
    assert cards["hnte"].n_unmet == 0


def test_the_what_if_endpoint_saves_nothing(short_firm: Any, city_admin: Any) -> None:
    client = Client()
    client.force_login(city_admin)
    before = (
        EnterpriseFigure.objects.count(),
        ScoringRun.objects.count(),
        UnitResult.objects.count(),
        CriterionResult.objects.count(),
        AuditLog.objects.count(),
        list(EnterpriseFigure.objects.filter(field="tech_staff").values_list("value", flat=True)),
    )
    response = client.post(
        f"/pools/enterprises/{short_firm.pk}/what-if/",
        {"eval_year": "2025", "tech_staff": "11", "employees_total": "102"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    row = html.split('data-testid="whatif-hnte"')[1].split("</tr>")[0]
    assert "不符合" in row or "Does not qualify" in row  # stored result
    assert "tech_staff" in html
    after = (
        EnterpriseFigure.objects.count(),
        ScoringRun.objects.count(),
        UnitResult.objects.count(),
        CriterionResult.objects.count(),
        AuditLog.objects.count(),
        list(EnterpriseFigure.objects.filter(field="tech_staff").values_list("value", flat=True)),
    )
    assert after == before


def test_what_if_is_404_outside_scope(short_firm: Any, county_officer: Any) -> None:
    client = Client()
    client.force_login(county_officer)
    response = client.post(f"/pools/enterprises/{short_firm.pk}/what-if/", {"eval_year": "2025"})
    assert response.status_code == 404


def test_without_changes_the_what_if_repeats_the_stored_results(
    hnte_firm: Callable[..., Any], city_admin: Any
) -> None:
    firm = hnte_firm(tech_staff=9)
    score_enterprises(
        Enterprise.objects.all(), ["hnte-2016", "tech-sme-2017"], 2025, actor=city_admin
    )
    stored = {
        r.programme: (r.status, r.total_min, r.total_max)
        for r in UnitResult.objects.filter(enterprise=firm)
    }
    again = {c.programme: c for c in what_if(firm, 2025, {})}
    for programme, (status, lo, _hi) in stored.items():
        assert again[programme].status == status
        assert again[programme].total_min == pytest.approx(lo)
