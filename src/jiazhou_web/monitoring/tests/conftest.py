"""Small monitoring data built through the real actions: targets and reported batches."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from jiazhou_web.monitoring import actions
from jiazhou_web.monitoring.models import Indicator, Submission


@pytest.fixture
def indicator(regions: dict[str, Any]) -> Any:
    """高新技术企业数 (count, 家), loaded by the catalogue's data migration."""
    return Indicator.objects.get(code="hitech_enterprises")


@pytest.fixture
def make_target(regions: dict[str, Any], indicator: Any) -> Any:
    def make(region: str, value: str = "60", year: int = 2030, **extra: Any) -> Any:
        return actions.create_target(
            actor=None,
            code=f"T-{region}-{year}-{value}",
            indicator=extra.pop("indicator", indicator),
            region=regions[region],
            target_year=year,
            comparator=">=",
            value=Decimal(value),
            unit="家",
            **extra,
        )

    return make


@pytest.fixture
def report(regions: dict[str, Any], indicator: Any) -> Any:
    """``report(region, period, value, until=...)``: a batch through the workflow (system actor)."""

    def make(region: str, period: str, value: str, until: str = "approved") -> Submission:
        submission = actions.open_submission(regions[region], period, actor=None)
        actions.record_observation(
            submission, indicator, value=Decimal(value), explanation="测试说明", actor=None
        )
        if until in ("submitted", "approved"):
            actions.submit_submission(submission, actor=None)
        if until == "approved":
            actions.approve_submission(submission, actor=None)
        return submission

    return make
