"""Run list and detail on the web: scheme, version, hash and counts within the user's scope."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.scoring.actions import score_enterprises
from jiazhou_web.scoring.models import ScoringRun

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_county_officer_runs_scoring_on_its_county_only(
    hnte_firm: Callable[..., Any], county_officer: Any
) -> None:
    mine = hnte_firm(region="511112")
    hnte_firm(region="511102")
    response = client_for(county_officer).post(
        "/scoring/runs/create/", {"schemes": ["hnte-2016"], "eval_year": "2025"}
    )
    assert response.status_code == 302
    run = ScoringRun.objects.get()
    assert list(run.units.values_list("enterprise", flat=True)) == [mine.pk]
    assert run.created_by == county_officer


def test_the_run_list_shows_version_hash_and_scoped_counts(
    hnte_firm: Callable[..., Any], city_admin: Any, county_officer: Any
) -> None:
    hnte_firm(region="511112")
    hnte_firm(region="511102")
    hnte_firm(region="511102")
    [o] = score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2025, actor=city_admin)
    client = client_for(county_officer)
    plain = client.get("/scoring/runs/").content.decode()
    # the version code and the data fingerprint are for audit: chosen under 显示列, and on the run
    assert o.run.data_hash[:12] not in plain and ">2016.1<" not in plain
    assert o.run.data_hash in client.get(f"/scoring/runs/{o.run.pk}/").content.decode()
    columns = "&".join(
        f"columns={c}"
        for c in ("created", "scheme_code", "scheme_version", "n_units", "n_pass", "data_hash")
    )
    html = client.get(f"/scoring/runs/?{columns}").content.decode()
    assert "2016.1" in html and o.run.data_hash[:12] in html
    row = html.split(o.run.data_hash[:12])[0].rsplit("<tr>", 1)[1]
    assert '<td class="num">1</td>' in row  # one firm of the three is in 五通桥区


def test_run_detail_is_404_for_a_user_without_results_in_it(
    hnte_firm: Callable[..., Any], city_admin: Any, county_officer: Any
) -> None:
    hnte_firm(region="511102")
    [o] = score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2025, actor=city_admin)
    assert client_for(city_admin).get(f"/scoring/runs/{o.run.pk}/").status_code == 200
    assert client_for(county_officer).get(f"/scoring/runs/{o.run.pk}/").status_code == 404


def test_users_without_an_officer_role_cannot_start_runs(outsider: Any) -> None:
    response = client_for(outsider).post(
        "/scoring/runs/create/", {"schemes": ["hnte-2016"], "eval_year": "2025"}
    )
    assert response.status_code == 403


def test_a_scheme_scored_outside_its_validity_dates_warns_on_the_run_page(
    hnte_firm: Callable[..., Any], city_admin: Any
) -> None:
    """Issue 12 item 7: 63号 (little-giant-2022) is in force until 2026-03-31; a 2027 run
    (application date 2027-06-30) is marked; a 2025 run is not."""
    hnte_firm()
    [late] = score_enterprises(
        Enterprise.objects.all(), ["little-giant-2022"], 2027, actor=city_admin
    )
    [ok] = score_enterprises(
        Enterprise.objects.all(), ["little-giant-2022"], 2025, actor=city_admin
    )
    client = client_for(city_admin)
    html = client.get(late.run.get_absolute_url()).content.decode()
    assert 'data-testid="validity-warning"' in html
    assert "有效期为2022年6月1日至2026年3月31日" in html and "2027年6月30日" in html
    html = client.get(ok.run.get_absolute_url()).content.decode()
    assert 'data-testid="validity-warning"' not in html
    assert "2025年6月30日（方案常规申报日" in html
