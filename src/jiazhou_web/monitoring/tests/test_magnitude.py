"""Defect 3 (issue 11): numbers larger than their column are refused with a message, on the
form, in an import and through the action, so no page that reads them can fail later."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from jiazhou_web.monitoring import actions
from jiazhou_web.monitoring.models import Observation
from jiazhou_web.monitoring.tests.test_observation_import import _post

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(regions: dict[str, Any], county_officer: Any) -> Any:
    return actions.open_submission(regions["511112"], "2025", actor=county_officer)


@pytest.mark.parametrize(
    "value", ["1e17", "9999999999999999", "-1e17", "Infinity", "sNaN", "NaN", "1e30"]
)
def test_the_value_form_refuses_a_number_the_column_cannot_hold(
    client: Client, batch: Any, county_officer: Any, value: str
) -> None:
    client.force_login(county_officer)
    url = reverse("monitoring:report_record", args=[batch.pk])
    response = client.post(url, {"indicator": "hitech_enterprises", "value": value}, follow=True)
    assert response.status_code == 200
    assert not Observation.objects.filter(submission=batch).exists()
    page = response.content.decode()
    assert "数值过大" in page or "有限数字" in page
    for name in ("monitoring:dashboard", "core:home", "monitoring:big_screen"):
        assert client.get(reverse(name)).status_code == 200


def test_the_largest_value_that_fits_is_stored(
    client: Client, batch: Any, county_officer: Any
) -> None:
    from jiazhou_web.monitoring.models import Indicator

    indicator = Indicator.objects.get(code="hitech_enterprises")
    actions.record_observation(
        batch,
        indicator,
        value=Decimal("9999999999999900"),
        explanation="核实",
        actor=county_officer,
    )
    assert Observation.objects.get(submission=batch).value == Decimal("9999999999999900")


def test_the_action_refuses_it_too(batch: Any, county_officer: Any) -> None:
    from jiazhou_web.monitoring.models import Indicator

    indicator = Indicator.objects.get(code="hitech_enterprises")
    with pytest.raises(ValidationError, match="数值过大"):
        actions.record_observation(batch, indicator, value=Decimal("1e17"), actor=county_officer)


def test_a_growth_rate_larger_than_its_column(
    client: Client, batch: Any, county_officer: Any
) -> None:
    client.force_login(county_officer)
    url = reverse("monitoring:report_record", args=[batch.pk])
    data = {"indicator": "hitech_enterprises", "value": "3", "yoy_growth_pct": "1e11"}
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert not Observation.objects.filter(submission=batch).exists()


@pytest.mark.parametrize("value", ["1e30", "Infinity", "sNaN", 1e17, float("inf")])
def test_an_import_with_huge_or_infinite_values_is_refused_row_by_row(
    batch: Any, county_officer: Any, value: Any
) -> None:
    response = _post(county_officer, batch, [["hitech_enterprises", value, "家", None, None, None]])
    assert response.status_code == 422
    assert not Observation.objects.filter(submission=batch).exists()
