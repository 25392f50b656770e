"""Issue 14 "Fit the role": the 责任单位 reports the indicators it owns; counties and the zone
report theirs; each sees only its own indicators in the reporting form; a months-to-date
(cumulative) period takes only monthly-reported indicators."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from jiazhou_web.monitoring import actions
from jiazhou_web.monitoring.models import Indicator, Submission
from jiazhou_web.monitoring.reporting import reportable_indicators, reporting_units

pytestmark = pytest.mark.django_db


@pytest.fixture
def owned(department: Any) -> list[Any]:
    """Two indicators owned by 市经信局 (the ``department`` fixture)."""
    rows = list(Indicator.objects.filter(code__in=["digital_factories", "cloud_enterprises"]))
    for indicator in rows:
        actions.set_indicator_department(indicator, department, demo=False, actor=None)
    return rows


def test_the_department_officer_reports_the_indicators_it_owns(
    dept_officer: Any, department: Any, owned: list[Any], regions: dict[str, Any]
) -> None:
    [unit] = reporting_units(dept_officer)
    assert unit.department == department and unit.label == "乐山市经济和信息化局（责任单位）"
    batch = actions.open_submission(unit.region, "2025", department=department, actor=dept_officer)
    assert batch.region.code == "511100" and batch.unit_label == "乐山市经济和信息化局"
    assert set(reportable_indicators(batch)) == set(owned)
    actions.record_observation(batch, owned[0], value=Decimal(12), actor=dept_officer)
    other = Indicator.objects.get(code="hitech_enterprises")  # 市科技局's, not 经信局's
    with pytest.raises(ValidationError, match="不是乐山市经济和信息化局负责的指标"):
        actions.record_observation(batch, other, value=Decimal(3), actor=dept_officer)
    # One batch per department and period; the city's own region batch is a separate thing.
    with pytest.raises(ValidationError, match="填报批次已存在"):
        actions.open_submission(unit.region, "2025", department=department, actor=dept_officer)
    actions.open_submission(regions["511100"], "2025", actor=None)
    assert Submission.objects.filter(period="2025").count() == 2


def test_others_may_not_report_for_the_department(
    county_officer: Any, department: Any, regions: dict[str, Any]
) -> None:
    with pytest.raises(PermissionDenied):
        actions.open_submission(
            regions["511100"], "2025", department=department, actor=county_officer
        )


def test_each_form_lists_only_its_own_indicators(
    county_officer: Any, zone_officer: Any, dept_officer: Any, department: Any, owned: list[Any],
    regions: dict[str, Any],
) -> None:  # fmt: skip
    county = actions.open_submission(regions["511112"], "2025", actor=county_officer)
    zone = actions.open_submission(regions["LS-HTZ"], "2025", actor=zone_officer)
    dept = actions.open_submission(
        regions["511100"], "2025", department=department, actor=dept_officer
    )
    county_codes = set(reportable_indicators(county).values_list("code", flat=True))
    zone_codes = set(reportable_indicators(zone).values_list("code", flat=True))
    assert "hz_operating_revenue" in zone_codes and "hz_operating_revenue" not in county_codes
    assert "hitech_enterprises" in zone_codes & county_codes  # scope city;high_tech_zone
    client = Client()
    client.force_login(dept_officer)
    page = client.get(f"/monitoring/reports/{dept.pk}/").content.decode()
    assert "数字工厂数（家）" in page and "上云企业数（家）" in page
    assert "高新技术企业数(有效数)" not in page
    # Posting an indicator outside the list is refused by the form, nothing stored.
    client.post(
        f"/monitoring/reports/{dept.pk}/values/", {"indicator": "hitech_enterprises", "value": "5"}
    )
    assert not dept.observations.exists()


def test_a_cumulative_period_takes_only_monthly_flows(
    zone_officer: Any, regions: dict[str, Any]
) -> None:
    """2026年1—9月 (months to date) takes monthly flows only: not a yearly indicator, not a
    stock such as 规模以上工业企业数 (a count at a month end), which goes under asof:2026-09."""
    batch = actions.open_submission(regions["LS-HTZ"], "2026-01..2026-09", actor=zone_officer)
    listed = reportable_indicators(batch)
    assert listed.exists() and set(listed.values_list("frequency", flat=True)) == {"monthly"}
    codes = set(listed.values_list("code", flat=True))
    assert "above_scale_industrial_output" in codes  # a monthly flow
    assert "above_scale_industrial_enterprises" not in codes  # monthly, but a stock
    yearly = Indicator.objects.get(code="hitech_enterprises")  # annual
    with pytest.raises(ValidationError, match="按年报送，请在年度填报期填报，不能在累计期"):
        actions.record_observation(batch, yearly, value=Decimal(5), actor=zone_officer)
    stock = Indicator.objects.get(code="above_scale_industrial_enterprises")
    with pytest.raises(ValidationError, match="为存量（时点数），请在月末时点填报"):
        actions.record_observation(batch, stock, value=Decimal(300), actor=zone_officer)
    month_end = actions.open_submission(regions["LS-HTZ"], "asof:2026-09", actor=zone_officer)
    actions.record_observation(month_end, stock, value=Decimal(300), actor=zone_officer)
    assert month_end.observations.count() == 1


def test_the_department_officer_opens_its_batch_from_the_page(
    dept_officer: Any, department: Any
) -> None:
    client = Client()
    client.force_login(dept_officer)
    form = client.get("/monitoring/reports/new/").content.decode()
    assert "乐山市经济和信息化局（责任单位）" in form
    last_year = timezone.localdate().year - 1  # the year report open on any day
    response = client.post(
        "/monitoring/reports/new/",
        {"unit": f"department:{department.pk}", "period": str(last_year)},
        follow=True,
    )
    batch = Submission.objects.get(department=department)
    assert response.redirect_chain[-1][0] == f"/monitoring/reports/{batch.pk}/"
    assert f"已新建乐山市经济和信息化局「{last_year}年」填报批次" in response.content.decode()
