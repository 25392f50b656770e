"""Data scopes: zone officer → LS-HTZ, county officer → its county, city admin → all."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from jiazhou_web.core.seeding import DEMO_PASSWORD
from jiazhou_web.monitoring.models import Observation, Submission, Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(make_target: Any, report: Any) -> dict[str, Any]:
    make_target("511100", "300")
    make_target("LS-HTZ", "60")
    make_target("511112", "20")
    make_target("511111", "10")
    return {
        "zone": report("LS-HTZ", "2025", "49"),
        "wtq": report("511112", "2025", "12"),
        "shawan": report("511111", "2025", "5"),
    }


def _regions(rows: Any) -> set[str]:
    return {r.region.code for r in rows}


def test_zone_officer_sees_only_zone_rows(spread: Any, zone_officer: Any) -> None:
    assert _regions(Target.objects.for_user(zone_officer)) == {"LS-HTZ"}
    assert _regions(Observation.objects.for_user(zone_officer)) == {"LS-HTZ"}
    assert _regions(Submission.objects.for_user(zone_officer)) == {"LS-HTZ"}


def test_county_officer_sees_only_its_county(spread: Any, county_officer: Any) -> None:
    assert _regions(Target.objects.for_user(county_officer)) == {"511112"}
    assert _regions(Observation.objects.for_user(county_officer)) == {"511112"}


def test_city_admin_sees_everything(spread: Any, city_admin: Any) -> None:
    assert _regions(Target.objects.for_user(city_admin)) == {"511100", "LS-HTZ", "511112", "511111"}


def test_outsider_sees_no_targets_but_may_read_the_catalogue(spread: Any, outsider: Any) -> None:
    from jiazhou_web.monitoring.models import Indicator

    assert not Target.objects.for_user(outsider).exists()
    assert Indicator.objects.for_user(outsider).count() == 92


def _client(user: Any) -> Client:
    client = Client()
    assert client.login(username=user.username, password=DEMO_PASSWORD)
    return client


def test_a_batch_outside_the_scope_is_404(spread: Any, zone_officer: Any) -> None:
    client = _client(zone_officer)
    assert (
        client.get(reverse("monitoring:report_detail", args=[spread["wtq"].pk])).status_code == 404
    )
    assert (
        client.get(reverse("monitoring:report_detail", args=[spread["zone"].pk])).status_code == 200
    )


def test_zone_dashboard_lists_only_zone_targets(spread: Any, zone_officer: Any) -> None:
    response = _client(zone_officer).get(reverse("monitoring:dashboard"))
    regions = {row["status"].target.region.code for row in response.context["rows"]}
    assert regions == {"LS-HTZ"}


def test_region_comparison_is_scoped(spread: Any, county_officer: Any) -> None:
    response = _client(county_officer).get(reverse("monitoring:region_compare"))
    assert [row["region_obj"].code for row in response.context["rows"]] == ["511112"]
