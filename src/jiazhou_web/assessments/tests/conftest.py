"""Assessment fixtures: approved monitoring values (through the monitoring actions)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest


@pytest.fixture
def approved_values(regions: dict[str, Any], city_admin: Any) -> Any:
    """``approved_values("511102", "2025", {"rd_intensity": "2.2"})``: a reporting batch with
    these values, submitted and approved by the city (what the assessment may read)."""
    from jiazhou_web.monitoring import actions as monitoring
    from jiazhou_web.monitoring.models import Indicator

    def make(region: str, period: str, values: dict[str, str], approve: bool = True) -> Any:
        batch = monitoring.open_submission(regions[region], period, actor=None)
        for code, value in values.items():
            monitoring.record_observation(
                batch, Indicator.objects.get(code=code), value=Decimal(value),
                explanation="核实", actor=None,
            )  # fmt: skip
        if approve:
            monitoring.submit_submission(batch, actor=None)
            monitoring.approve_submission(batch, actor=city_admin)
        return batch

    return make


@pytest.fixture
def other_county_officer(regions: dict[str, Any]) -> Any:
    """An officer of 市中区 (511102)."""
    from jiazhou_web.accounts import actions
    from jiazhou_web.core.seeding import DEMO_PASSWORD

    user = actions.create_user(
        username="shizhong_officer", password=DEMO_PASSWORD, display_name="市中区", actor=None
    )
    actions.assign_role(user, "county_officer", actor=None, target=regions["511102"])
    return user
