"""Park cohorts (园区, criteria.md §6.4): a run over one park's firms only, chosen on the web."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from jiazhou_web.core.models import AuditLog
from jiazhou_web.evaluations import actions
from jiazhou_web.evaluations.models import Park

pytestmark = pytest.mark.django_db


@pytest.fixture
def parks(regions: dict[str, Any], ten_firms: list[Any], zone_officer: Any) -> list[Park]:
    """Firms 0–4 (900…300 万元/亩) in 新材料园, 5–9 (300…100) in 电子信息园."""
    zone = regions["LS-HTZ"]
    a = Park.objects.create(code="HTZ-XCL", name="新材料产业园", zone=zone)
    b = Park.objects.create(code="HTZ-DZXX", name="电子信息产业园", zone=zone)
    for n, firm in enumerate(ten_firms):
        actions.assign_park(firm, a if n < 5 else b, actor=zone_officer)
    return [a, b]


def test_a_park_run_scores_only_the_park_with_its_own_benchmark(
    parks: list[Park], ten_firms: list[Any], zone_officer: Any
) -> None:
    """新材料园: 900, 700, 500, 500, 300 → mean 580; the top firm's 亩均营业收入 ratio is
    min(2, 900/580) = 1.5517…, 20 × that = 31.03 points (criteria.md §6.3, cap 2)."""
    run = actions.create_run("mu-sichuan-2022", 2025, "park", "HTZ-XCL", actor=zone_officer)
    assert run.unit_count == 5 and run.cohort_label == "新材料产业园" and run.park == parks[0]
    assert run.cohort_code == "LS-HTZ"  # scoped by the zone
    top = run.results.get(enterprise=ten_firms[0])
    m1 = next(i for i in top.items if i["id"] == "M1")
    assert m1["benchmark"] == pytest.approx(580.0)
    assert m1["points"] == pytest.approx(20 * 900 / 580)
    assert set(run.results.values_list("enterprise_id", flat=True)) == {f.pk for f in ten_firms[:5]}


def test_the_run_form_offers_the_parks(parks: list[Park], zone_officer: Any) -> None:
    client = Client()
    client.force_login(zone_officer)
    html = client.get("/evaluations/runs/new/").content.decode()
    assert "park:HTZ-XCL" in html and "新材料产业园（园区）" in html
    page = client.post(
        "/evaluations/runs/create/",
        {"scheme": "mu-sichuan-2022", "eval_year": 2025, "cohort": "park:HTZ-DZXX"},
    )
    assert page.status_code == 302
    detail = client.get(page["Location"]).content.decode()
    assert "电子信息产业园" in detail


def test_assigning_a_park_is_checked_and_audited(
    parks: list[Park], ten_firms: list[Any], county_officer: Any, zone_officer: Any, mu_firm: Any
) -> None:
    with pytest.raises(PermissionDenied):
        actions.assign_park(ten_firms[0], parks[1], actor=county_officer)
    with pytest.raises(ValidationError, match="未变化"):
        actions.assign_park(ten_firms[0], parks[0], actor=zone_officer)
    outside = mu_firm(100, region="511112")
    outside.zone = None
    outside.save(update_fields=["zone"])
    with pytest.raises(ValidationError, match="不在新材料产业园所属的高新区内"):
        actions.assign_park(outside, parks[0], actor=zone_officer)
    actions.assign_park(ten_firms[0], None, actor=zone_officer)
    row = AuditLog.objects.filter(event_type="evaluations.park_assigned").latest("id")
    assert (row.before, row.after) == ({"park": "新材料产业园"}, {"park": ""})
