"""The index page: every government role sees it; only the city administrator recomputes."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from jiazhou_web.indices.models import IndexRun

pytestmark = pytest.mark.django_db


def _page(user: Any, **params: str) -> Any:
    client = Client()
    client.force_login(user)
    return client.get(reverse("indices:index"), params)


def test_the_city_admin_sees_scores_gap_and_recompute_button(
    computed: Any, city_admin: Any
) -> None:
    response = _page(city_admin, year="2025")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="score-table"' in html and 'data-testid="gap-table"' in html
    assert 'data-testid="recompute"' in html
    assert "乐山高新区" in html and "五通桥区" in html


def test_a_county_officer_sees_every_region_but_no_recompute(
    computed: Any, county_officer: Any
) -> None:
    response = _page(county_officer)
    assert response.status_code == 200
    html = response.content.decode()
    assert "乐山市" in html and "乐山高新区" in html
    assert 'data-testid="recompute"' not in html


def test_a_user_without_a_role_is_refused(computed: Any, outsider: Any) -> None:
    assert _page(outsider).status_code == 403


def test_recompute_is_forbidden_to_a_county_officer(definition: Any, county_officer: Any) -> None:
    client = Client()
    client.force_login(county_officer)
    response = client.post(reverse("indices:recompute"), {"index": "leshan_sti", "year": "2025"})
    assert response.status_code == 403
    assert not IndexRun.objects.exists()


def test_the_city_admin_recomputes_by_post(definition: Any, city_admin: Any) -> None:
    client = Client()
    client.force_login(city_admin)
    response = client.post(reverse("indices:recompute"), {"index": "leshan_sti", "year": "2025"})
    assert response.status_code == 302
    run = IndexRun.objects.get()
    assert run.created_by == city_admin and run.uncertainties.count() == 1


def test_the_export_matches_the_numbers_on_the_page(computed: Any, city_admin: Any) -> None:
    html = _page(city_admin, year="2025").content.decode()
    shown = dict(
        re.findall(
            r'<tr data-region="[^"]+"[^>]*><td>[^<]*</td><td>([^<]+)</td><td class="num" data-score>([^<]+)</td>',
            html,
        )
    )
    gains = re.findall(r"<td class=\"num\" data-gain>([^<]+)</td>", html)
    export = _page(city_admin, year="2025", export="xlsx")
    assert export.status_code == 200
    book = load_workbook(io.BytesIO(export.content))
    scores = book.worksheets[0]
    exported = {
        row[0]: row[1]
        for row in scores.iter_rows(min_row=2, values_only=True)
        if row[1] is not None
    }
    assert len(shown) == 3
    assert {k: f"{v:.2f}" for k, v in exported.items()} == shown
    contributions = book.worksheets[1]
    gain_column = [
        r[6] for r in contributions.iter_rows(min_row=2, values_only=True) if isinstance(r[0], int)
    ]
    assert [f"{g:.2f}" for g in gain_column] == gains
    assert scores.cell(1, 1).value == "地区" or scores.cell(1, 1).value == "Region"


def test_the_home_card_shows_the_city_index_against_the_target(
    computed: Any, city_admin: Any
) -> None:
    client = Client()
    client.force_login(city_admin)
    html = client.get(reverse("core:home")).content.decode()
    assert "乐山市科技创新综合水平" in html and "60%" in html


def test_the_page_carries_coinr_charts_built_by_the_engine(computed: Any, city_admin: Any) -> None:
    import json

    response = _page(city_admin, year="2025")
    html = response.content.decode()
    assert 'id="chart-framework"' in html and 'id="chart-stacked"' in html
    payload = re.search(
        r'<script id="index-charts" type="application/json">(.*?)</script>', html, re.S
    )
    assert payload is not None
    options = json.loads(payload.group(1))["options"]
    assert options["chart-framework"]["series"][0]["type"] == "sunburst"
    stacked = options["chart-stacked"]
    # the block contributions of a region add up to its index score
    first = [s["data"][0] for s in stacked["series"]]
    top = max(r.score for r in response.context["report"].rows if r.score is not None)
    assert sum(first) == pytest.approx(top, abs=0.02)
    assert options["chart-corr"]["series"][0]["type"] == "heatmap"


def test_a_sobol_estimate_that_does_not_exist_stays_out_of_the_pie(
    computed: Any, city_admin: Any
) -> None:
    """An output that does not vary has no Sobol index: the pie leaves it out (null) rather
    than showing a share of 0 the analysis never estimated."""
    import json

    from jiazhou_web.indices.choices import SobolOutput
    from jiazhou_web.indices.models import SobolIndex

    summary = SobolIndex.objects.filter(analysis__run=computed, output=SobolOutput.SUMMARY)
    missing = summary.order_by("factor").first()
    assert missing is not None
    summary.filter(pk=missing.pk).update(first_order=None, total=None)
    html = _page(city_admin, year="2025").content.decode()
    payload = re.search(
        r'<script id="index-charts" type="application/json">(.*?)</script>', html, re.S
    )
    assert payload is not None
    pie = json.loads(payload.group(1))["options"]["chart-sobol-pie"]["series"][0]["data"]
    values = {p["name"]: p["value"] for p in pie}
    assert values[missing.factor] is None
    assert all(v is not None for f, v in values.items() if f != missing.factor)
