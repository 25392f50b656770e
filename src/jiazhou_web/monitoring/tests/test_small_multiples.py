"""Issue 14: the indicator chart is small multiples — one small chart per region, every panel
on the same scales, the line in its light's colour (the one palette), the target as a line and
序时进度 as a marker — not one chart of dozens of lines."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from jiazhou_web.monitoring.charts import Panel, small_multiples
from jiazhou_web.monitoring.progress import LIGHT_COLOURS

pytestmark = pytest.mark.django_db


def _options(html: str) -> list[dict[str, Any]]:
    scripts = re.findall(
        r'<script id="multiple-\d+" type="application/json">(.*?)</script>', html, re.S
    )
    return [json.loads(s) for s in scripts]


@pytest.fixture
def page(client: Client, city_admin: Any, make_target: Any, report: Any) -> str:
    make_target("511112", "20", year=2027, base_year=2022, base_value="8")
    make_target("511102", "60", year=2027)
    report("511112", "2022", "8")
    report("511112", "2024", "12")
    report("511102", "2024", "30")
    report("511123", "2024", "5")  # a value, no target: a grey panel
    client.force_login(city_admin)
    url = reverse("monitoring:indicator_detail", args=["hitech_enterprises"]) + "?at=2026-06-30"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_one_small_chart_per_region_on_the_same_scales(page: str) -> None:
    options = _options(page)
    assert len(options) == 3  # 511102, 511112 (targets) and 511123 (a value only)
    assert page.count('data-testid="multiple"') == 3
    assert len({(o["yAxis"]["min"], o["yAxis"]["max"]) for o in options}) == 1
    assert len({(o["xAxis"]["min"], o["xAxis"]["max"]) for o in options}) == 1
    assert options[0]["yAxis"]["max"] >= 60  # the largest target fits every panel


def test_each_panel_is_coloured_by_its_light_from_the_one_palette(page: str) -> None:
    lights = re.findall(r'data-testid="multiple" data-light="(\w+)"', page)
    for light, option in zip(lights, _options(page), strict=True):
        assert option["series"][0]["lineStyle"]["color"] == LIGHT_COLOURS[light]
    assert "grey" in lights  # the region with a value and no target


def test_the_target_line_and_the_schedule_marker(page: str) -> None:
    options = _options(page)
    with_target = [o for o in options if "markLine" in o["series"][0]]
    assert len(with_target) == 2
    for option in with_target:
        lines = {line["name"]: line for line in option["series"][0]["markLine"]["data"]}
        assert lines["目标"]["label"]["formatter"].startswith("目标 ")
        day = lines.get("序时进度") or lines["评价日"]  # 评价日 alone without a base year
        assert day["xAxis"] == "2026-06-30"
    schedules = [
        line["label"]["formatter"]
        for option in with_target
        for line in option["series"][0]["markLine"]["data"]
        if line["name"] == "序时进度"
    ]
    assert len(schedules) == 1 and re.fullmatch(r"序时进度 \d+%", schedules[0])
    # With a base (8 in 2022 → 20 in 2027) the value 序时进度 asks for is marked on the day.
    marked = [o for o in with_target if "markPoint" in o["series"][0]]
    assert len(marked) == 1
    coord = marked[0]["series"][0]["markPoint"]["data"][0]["coord"]
    assert coord[0] == "2026-06-30" and 8 < coord[1] < 20


def test_the_panels_add_no_query_per_region(
    client: Client,
    city_admin: Any,
    make_target: Any,
    report: Any,
    django_assert_max_num_queries: Any,
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(city_admin)
    url = reverse("monitoring:indicator_detail", args=["hitech_enterprises"])
    make_target("511112", "20", year=2027)
    report("511112", "2024", "12")
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for code in ("511102", "511123", "511124", "511126"):
        make_target(code, "20", year=2027)
        report(code, "2024", "12")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_all_panels_share_the_bounds_even_without_values() -> None:
    at = dt.date(2026, 6, 30)
    panels = [
        Panel("甲", [{"value": ["2024-12-31", 5.0]}]),
        Panel("乙", [{"value": ["2020-12-31", 230.0]}]),
        Panel("丙", []),
    ]
    options = [m["option"] for m in small_multiples(panels, at)]
    assert {o["yAxis"]["max"] for o in options} == {300}
    assert {o["xAxis"]["min"] for o in options} == {"2020-01-01"}


def test_the_dashboard_draws_the_lagging_targets_from_the_values_it_read(
    client: Client, city_admin: Any, make_target: Any, report: Any
) -> None:
    """Red and yellow targets as small multiples (red first), from the one read of values:
    more lagging targets add no query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(city_admin)
    url = reverse("monitoring:dashboard") + "?at=2026-06-30"
    make_target("511112", "200", year=2026)  # 12 of 200 by mid-2026: lagging
    report("511112", "2025", "12")
    with CaptureQueriesContext(connection) as small:
        first = client.get(url).content.decode()
    assert 'data-testid="lagging-multiples"' in first
    options = _options(first)
    assert len(options) == 1
    (light,) = re.findall(r'data-testid="multiple" data-light="(\w+)"', first)
    assert light in ("red", "yellow")
    assert options[0]["series"][0]["lineStyle"]["color"] == LIGHT_COLOURS[light]
    assert options[0]["series"][0]["data"][0]["value"] == ["2025-12-31", 12.0]
    for code in ("511102", "511123", "511124"):
        make_target(code, "200", year=2026)
        report(code, "2025", "12")
    with CaptureQueriesContext(connection) as large:
        more = client.get(url).content.decode()
    assert len(_options(more)) == 4
    assert len(large.captured_queries) <= len(small.captured_queries)
    assert len({(o["xAxis"]["min"], o["xAxis"]["max"]) for o in _options(more)}) == 1


def test_the_city_keeps_its_own_value_axis_and_the_districts_share_one(
    client: Client, city_admin: Any, make_target: Any, report: Any
) -> None:
    """The city is the whole: on the districts' scale it would flatten them (and it is not
    compared with its own parts) — its panel has its own value axis, the time axis is shared."""
    make_target("511100", "400", year=2027)
    report("511100", "2024", "300")
    report("511112", "2024", "12")
    report("511102", "2024", "30")
    client.force_login(city_admin)
    html = client.get(reverse("monitoring:indicator_detail", args=["hitech_enterprises"])).content
    options = _options(html.decode())
    city, *districts = options  # the city first
    assert city["yAxis"]["max"] >= 400
    assert {o["yAxis"]["max"] for o in districts} == {30}
    assert len({(o["xAxis"]["min"], o["xAxis"]["max"]) for o in options}) == 1
    assert html.decode().count('data-testid="own-scale"') == 1
