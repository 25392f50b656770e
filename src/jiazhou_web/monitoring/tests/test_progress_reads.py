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
