"""Dashboards evaluate targets from plain values, each row parsed once per process
(``progress._parsed``): the result must follow the stored value, whichever way it changed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from jiazhou_web.core.request_cache import request_scope
from jiazhou_web.monitoring.models import Observation
from jiazhou_web.monitoring.progress import (
    approved_observations,
    evaluate,
    scoped_targets,
    statuses_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def target(make_target: Any, report: Any) -> None:
    make_target("511112", "20", year=2025)  # the 2025 value against 20: met at 20, red at 10
    report("511112", "2024", "10")


def _light(user: Any) -> str:
    with request_scope():
        [status] = statuses_for(user, synthetic=True)
    return status.light


def test_an_edited_value_is_evaluated_afresh_even_when_only_the_value_changed(
    target: None, city_admin: Any
) -> None:
    assert _light(city_admin) == "red"
    # a bare UPDATE: no timestamp moves, only the value — the parsed row must not be reused
    Observation.objects.update(value=25)
    assert _light(city_admin) == "green"
    Observation.objects.update(value=10)
    assert _light(city_admin) == "red"


def test_values_and_models_give_the_same_evaluation(
    target: None, make_target: Any, city_admin: Any
) -> None:
    make_target("511100", "60", year=2030)
    at = date(2026, 6, 30)
    with request_scope():
        from_values = statuses_for(city_admin, synthetic=True, at=at)
        from_models = evaluate(
            scoped_targets(city_admin, synthetic=True),
            list(approved_observations(city_admin, synthetic=True)),
            at,
        )
    assert [(s.target.pk, s.evaluation) for s in from_values] == [
        (s.target.pk, s.evaluation) for s in from_models
    ]


def test_the_home_cards_evaluations_are_the_dashboards(
    target: None, make_target: Any, regions: dict[str, Any], city_admin: Any, county_officer: Any
) -> None:
    """``evaluations_for`` reads targets as plain values; the lights it counts must be those
    the dashboard shows from the models — a share target (derived from levels) included."""
    from decimal import Decimal

    from jiazhou_web.monitoring import actions
    from jiazhou_web.monitoring.models import Indicator
    from jiazhou_web.monitoring.progress import evaluations_for

    hnte = Indicator.objects.get(code="hitech_enterprises")
    for code, value in (("LS-HTZ", "20"), ("511100", "80")):
        actions.load_published_figure(
            actor=None, indicator=hnte, region=regions[code], period="2024", value=Decimal(value)
        )
    make_target(
        "LS-HTZ", "30", year=2025, comparator_text="占全市比重30%以上",
        indicator=Indicator.objects.get(code="hz_hitech_enterprises_share_of_city"),
        parent_region=regions["511100"], share_of=hnte,
    )  # fmt: skip
    make_target("511100", "60", year=2030, base_year=2020, base_value=Decimal("40"))
    seen = {}
    for user in (city_admin, county_officer):
        for at in (date(2025, 3, 1), date(2026, 6, 30)):
            with request_scope():
                dashboard = [s.evaluation for s in statuses_for(user, synthetic=True, at=at)]
                home = evaluations_for(user, synthetic=True, at=at)
            assert home == dashboard
            seen[user.username] = sorted(e.target.target_id for e in home)
    assert seen[city_admin.username] == ["T-511100-2030-60", "T-511112-2025-20", "T-LS-HTZ-2025-30"]
    assert seen[county_officer.username] == ["T-511112-2025-20"]  # its own county only


def test_the_home_cards_lights_follow_an_edited_target(target: None, city_admin: Any) -> None:
    from jiazhou_web.monitoring.models import Target
    from jiazhou_web.monitoring.progress import evaluations_for

    def light() -> str:
        with request_scope():
            [evaluation] = evaluations_for(city_admin, synthetic=True)
        return evaluation.light

    assert light() == "red"  # 10 against 20
    Target.objects.update(value=10)  # a bare UPDATE: the row read again must not be reused
    assert light() == "green"
