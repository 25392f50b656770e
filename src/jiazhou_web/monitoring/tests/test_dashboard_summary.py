"""Issue 14 "Pages worth looking at": the 目标进度看板 opens with a summary (counts by light, by
责任单位, by region — the city as the whole, not ranked among its districts), then the detail
grouped by light and folded (red and yellow open); an all-zero donut draws no equal slices."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from jiazhou_web.monitoring.charts import lights_pie
from jiazhou_web.monitoring.progress import statuses_for, summary_by

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets(make_target: Any, report: Any, department: Any, indicator: Any) -> None:
    from jiazhou_web.monitoring import actions

    actions.set_indicator_department(indicator, department, demo=False, actor=None)
    make_target("511112", "20", year=2025)  # 10 of 20, deadline passed → red
    make_target("511100", "60", year=2030)
    make_target("511102", "30", year=2030)
    report("511112", "2024", "10")


def test_summary_by_region_keeps_the_city_first_and_the_rest_in_code_order(
    targets: None, city_admin: Any
) -> None:
    rows = summary_by(statuses_for(city_admin, synthetic=True), "region")
    assert [r["label"] for r in rows] == ["乐山市", "市中区", "五通桥区"]
    assert sum(r["total"] for r in rows) == 3
    wtq = rows[-1]
    assert wtq["counts"]["red"] == 1 and wtq["total"] == 1


def test_summary_by_department_names_the_responsible_unit(targets: None, city_admin: Any) -> None:
    [row] = summary_by(statuses_for(city_admin, synthetic=True), "department")
    assert row["label"] == "乐山市经济和信息化局" and row["total"] == 3


def test_the_dashboard_shows_summary_then_grouped_detail(targets: None, city_admin: Any) -> None:
    client = Client()
    client.force_login(city_admin)
    page = client.get("/monitoring/").content.decode()
    assert page.index('data-testid="by-department"') < page.index('data-testid="status-group"')
    assert 'data-testid="by-region"' in page and "不与所辖区县排名" in page
    assert '<details class="mb-2" data-testid="status-group" data-light="red" open>' in page


def test_an_all_zero_donut_has_no_slices() -> None:
    empty = lights_pie({"red": 0, "yellow": 0, "green": 0, "grey": 0}, synthetic=False)
    assert empty["series"][0]["data"] == [] and empty["title"]["text"] == "暂无目标"
    some = lights_pie({"red": 1, "yellow": 0, "green": 2, "grey": 0}, synthetic=False)
    assert [d["value"] for d in some["series"][0]["data"]] == [1, 0, 2, 0] and "title" not in some
