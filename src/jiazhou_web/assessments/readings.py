"""Where assessment values come from: approved monitoring observations (no re-typing)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jiazhou_web.monitoring.models import Observation


def county_values(
    region_ids: list[int], indicator_codes: list[str], year: int
) -> dict[int, dict[str, tuple[Decimal, str]]]:
    """region id → indicator code → (value, source) for the annual period ``year``, from
    approved observations only; the latest recorded wins. One query."""
    out: dict[int, dict[str, tuple[Decimal, str]]] = {}
    rows = (
        Observation.objects.approved()
        .filter(region_id__in=region_ids, indicator__code__in=indicator_codes, period=str(year))
        .order_by("id")
        .values_list("region_id", "indicator__code", "value", "id", "submission_id")
    )
    for region_id, code, value, pk, submission in rows:
        source = f"监测填报批次 {submission}" if submission else f"公开数据 #{pk}"
        out.setdefault(region_id, {})[code] = (value, source)
    return out


def zone_values(region: Any, codes: list[str]) -> dict[str, tuple[Decimal, str, str]]:
    """monitoring code → (value, period, source) of the zone's latest approved observation."""
    out: dict[str, tuple[Decimal, str, str]] = {}
    rows = (
        Observation.objects.approved()
        .filter(region=region, indicator__code__in=codes)
        .order_by("period", "id")
        .values_list("indicator__code", "value", "period", "source_file")
    )
    for code, value, period, source in rows:
        out[code] = (value, period, source or "监测填报")
    return out
