"""Index fixtures: approved observations reported through the monitoring workflow."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from jiazhou_web.indices import actions
from jiazhou_web.indices.demo import CITY_2025
from jiazhou_web.monitoring import actions as monitoring
from jiazhou_web.monitoring.models import Indicator, Submission


def report(
    region: Any, period: str, values: dict[str, float], *, approve: bool = True
) -> Submission:
    """One batch by the system, submitted and (unless told otherwise) approved."""
    batch = monitoring.open_submission(region, period, actor=None)
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=values)}
    rows = [{"indicator": indicators[c], "value": Decimal(str(v))} for c, v in values.items()]
    for observation in monitoring.import_observations(batch, rows, actor=None):
        if observation.warnings:
            monitoring.explain_observation(observation, "测试说明", actor=None)
    monitoring.submit_submission(batch, actor=None)
    if approve:
        monitoring.approve_submission(batch, actor=None)
    return batch


def halved(values: dict[str, float]) -> dict[str, float]:
    return {
        c: (round(v / 2) if float(v).is_integer() else round(v / 2, 2)) for c, v in values.items()
    }


@pytest.fixture
def index_data(regions: dict[str, Any]) -> dict[str, Any]:
    """2025 values: the city complete, 五通桥区 at half, the zone without R&D intensity."""
    report(regions["511100"], "2025", CITY_2025)
    report(regions["511112"], "2025", halved(CITY_2025))
    zone = {c: v for c, v in CITY_2025.items() if c != "rd_intensity"}
    report(regions["LS-HTZ"], "asof:2025-12", zone)
    return regions


@pytest.fixture
def definition(index_data: dict[str, Any]) -> Any:
    return actions.save_definition(
        code="leshan_sti",
        title="乐山市科技创新综合水平（工作口径）",
        preset="leshan_sti",
        focus_region=index_data["511100"],
        actor=None,
        target_value=Decimal(60),
        target_year=2025,
        target_wording="超过",
        target_source="T017",
        reported_value=Decimal("53.2"),
        reported_source="O002",
    )


@pytest.fixture
def computed(definition: Any) -> Any:
    outcome, _analysis = actions.recompute(definition, 2025, actor=None)
    return outcome.run
