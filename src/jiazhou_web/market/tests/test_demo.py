"""The market demo loads through the actions and feeds the indicator."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from jiazhou_web.market.choices import ContractState
from jiazhou_web.market.models import Achievement, TechContract
from jiazhou_web.monitoring.models import Observation

pytestmark = pytest.mark.django_db


def test_demo_market_loads() -> None:
    call_command("seed_demo", "--size", "60", stdout=io.StringIO())
    assert Achievement.objects.count() == 16
    assert TechContract.objects.filter(state=ContractState.REGISTERED).count() == 5
    assert Observation.objects.filter(fact_code__startswith="MKT").exists()
