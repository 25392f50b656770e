"""Pool dashboard and home cards: every number equals a direct count within the user's scope."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from jiazhou_web.core.dashboard import cards_for
from jiazhou_web.enterprises.models import Certificate, Enterprise
from jiazhou_web.pools.actions import sync_pools
from jiazhou_web.pools.dashboard import counts_by_programme, expiring, funnel
from jiazhou_web.pools.models import PoolMembership
from jiazhou_web.scoring.actions import score_enterprises

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 7, 1)


@pytest.fixture
def population(hnte_firm: Callable[..., Any], city_admin: Any) -> dict[str, Any]:
    firms = {
        "a": hnte_firm(region="511112"),
        "b": hnte_firm(region="511112", tech_staff=2),
        "c": hnte_firm(region="511102", zone=True),
        "d": hnte_firm(region="511102"),
    }
    for n, (key, end) in enumerate(
        [("b", dt.date(2025, 10, 31)), ("c", dt.date(2027, 1, 1)), ("d", dt.date(2025, 12, 1))]
    ):
        Certificate.objects.create(
            enterprise=firms[key],
            programme="hnte",
            number=f"GR{n}",
            valid_from=dt.date(2022, 11, 1),
            valid_to=end,
        )
    Certificate.objects.create(
        enterprise=firms["c"],
        programme="tech_sme",
        number="TS1",
        valid_from=dt.date(2025, 4, 1),
        valid_to=dt.date(2025, 12, 31),
    )
    score_enterprises(Enterprise.objects.all(), ["hnte-2016"], 2025, actor=city_admin)
    sync_pools(actor=city_admin, today=TODAY)
    return firms


def direct(user: Any, programme: str, status: str) -> int:
    return (
        PoolMembership.objects.for_user(user)
        .filter(programme=programme, status=status, ended_on=None)
        .count()
    )


def test_counts_equal_direct_counts_for_city_and_county(
    population: dict[str, Any], city_admin: Any, county_officer: Any
) -> None:
    for user, qualified, candidates in ((city_admin, 3, 1), (county_officer, 1, 1)):
        counts = counts_by_programme(user)
        assert counts["hnte"]["qualified"] == qualified == direct(user, "hnte", "qualified")
        assert counts["hnte"].get("candidate", 0) == candidates == direct(user, "hnte", "candidate")
    valid = Certificate.objects.valid_on(TODAY).filter(programme="hnte")
    assert counts_by_programme(city_admin)["hnte"]["qualified"] == valid.count()


def test_the_dashboard_page_shows_the_scoped_counts(
    population: dict[str, Any], county_officer: Any
) -> None:
    client = Client()
    client.force_login(county_officer)
    html = client.get("/pools/").content.decode()
    assert 'data-testid="qualified-hnte">1<' in html
    assert 'data-testid="candidate-hnte">1<' in html


def test_expiring_lists_valid_certificates_ending_within_six_months(
    population: dict[str, Any], city_admin: Any, county_officer: Any
) -> None:
    numbers = list(expiring(city_admin, TODAY).values_list("number", flat=True))
    assert numbers == ["GR0", "GR2", "TS1"]  # by end date; GR1 runs to 2027
    assert list(expiring(county_officer, TODAY).values_list("number", flat=True)) == ["GR0"]


def test_the_funnel_counts_qualified_firms_per_stage(
    population: dict[str, Any], city_admin: Any
) -> None:
    stages = dict(funnel(city_admin))
    assert list(stages.values())[:2] == [1, 3]  # 科小 1, 高企 3


def test_home_cards_show_candidates_per_pool_in_scope(
    population: dict[str, Any], county_officer: Any
) -> None:
    cards = [
        c for c in cards_for(county_officer) if c.url.startswith("/pools/members/?programme=hnte")
    ]
    assert [c.value for c in cards] == [1]


def test_targets_come_from_monitoring_with_todays_certificate_counts(
    population: dict[str, Any], city_admin: Any, county_officer: Any, regions: Any
) -> None:
    from jiazhou_web.monitoring.models import Indicator, Target
    from jiazhou_web.pools.dashboard import targets

    hnte, _ = Indicator.objects.get_or_create(
        code="hitech_enterprises",
        defaults={
            "name": "高新技术企业数",
            "direction": "higher_better",
            "kind": "count",
            "scope": "city",
        },
    )
    Target.objects.create(
        code="T013",
        indicator=hnte,
        region=regions["511100"],
        target_year=2025,
        comparator="doubling_vs_2020",
        base_year=2020,
        base_value=1,
    )
    Target.objects.create(
        code="X-511112",
        indicator=hnte,
        region=regions["511112"],
        target_year=2026,
        comparator=">=",
        value=4,
    )
    city = {r.target.code: r for r in targets(city_admin, TODAY)}
    assert (city["T013"].goal, city["T013"].actual) == (2, 3)  # base 1 doubled; 3 valid now
    assert city["T013"].percent == 100
    county = targets(county_officer, TODAY)
    assert [(r.target.code, r.goal, r.actual) for r in county] == [("X-511112", 4, 1)]


def test_a_targets_source_is_its_documents_title_not_its_row_code(
    population: dict[str, Any], city_admin: Any, regions: Any
) -> None:
    """The source column named the seed file's row (「T013 · …」); it names the document, and
    the target's wording reads in the reader's language (issue 14)."""
    from django.utils import translation

    from jiazhou_web.monitoring.models import Indicator, SourceDocument, Target
    from jiazhou_web.pools.dashboard import targets

    hnte, _ = Indicator.objects.get_or_create(
        code="hitech_enterprises",
        defaults={
            "name": "高新技术企业数",
            "direction": "higher_better",
            "kind": "count",
            "scope": "city",
        },
    )
    SourceDocument.objects.create(
        file_name="013_test.txt", title="乐山市科技创新规划", document_number="乐府发〔2021〕1号"
    )
    Target.objects.create(
        code="T013",
        indicator=hnte,
        region=regions["511100"],
        target_year=2025,
        comparator=">=",
        value=4,
        source_file="013_test.txt",
        source_quote="高新技术企业达到 4 家",
    )
    with translation.override("zh-hans"):
        (row,) = targets(city_admin, TODAY)
        assert row.source == "乐山市科技创新规划（乐府发〔2021〕1号）"
        assert (row.text, row.unit) == ("≥ 4 家", "家")
    with translation.override("en"):
        (row,) = targets(city_admin, TODAY)
        assert row.source == "乐山市科技创新规划（乐府发〔2021〕1号）"  # a document's title is data
        assert (row.text, row.unit) == ("≥ 4 enterprises", "enterprises")
    page = Client()
    page.force_login(city_admin)
    # the page lists the targets of the day it is read on: read it on TODAY, as above
    with time_machine.travel(dt.datetime(2025, 7, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai"))):
        html = page.get("/pools/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "乐山市科技创新规划（乐府发〔2021〕1号）" in html and "“高新技术企业达到 4 家”" in html
    assert "T013" not in html and "2025年 ≥ 4 家" in html
