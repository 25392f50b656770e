"""The region × indicator table of one year, from approved monitoring observations.

Only values that feed dashboards count (``Observation.objects.approved()``: approved reporting
batches and published figures; drafts, submitted and returned batches never do). A year's value
is the calendar-year figure (period ``2025``) or, failing that, the year-end stock
(``asof:2025-12``, ``asof:2025-12-31``, ``asof:2025``); among equals the latest entry wins.
What is missing is reported per region, never silently filled: the engine's aggregation leaves a
missing indicator out and rescales the weights of its block.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from jiazhou.index.framework import Framework
from jiazhou.index.presets import preset_path
from jiazhou_web.monitoring.models import Observation, Target
from jiazhou_web.regions.models import Region

CITY_CODE = "511100"


def year_periods(year: int) -> tuple[str, ...]:
    """The period notations that give a value for ``year``, most preferred first."""
    return (str(year), f"asof:{year}-12-31", f"asof:{year}-12", f"asof:{year}")


def framework_version(preset: str) -> str:
    """The version of a preset: the first 12 hex digits of its file's SHA-256."""
    return hashlib.sha256(preset_path(preset).read_bytes()).hexdigest()[:12]


def index_regions(city_code: str = CITY_CODE) -> list[Region]:
    """The compared units: the city, its counties (区县) in code order, then its zones."""
    city = Region.objects.get(code=city_code)
    counties = Region.objects.counties().filter(parent=city).order_by("code")
    zones = Region.objects.zones().order_by("code")
    return [city, *counties, *zones]


@dataclass
class SourceTable:
    """An iData table (``uCode``, ``uName``, one column per indicator) and what it lacks."""

    year: int
    frame: pl.DataFrame
    missing: dict[str, list[str]] = field(default_factory=dict)
    regions_without_data: list[str] = field(default_factory=list)
    observations: int = 0
    synthetic: bool = False

    @property
    def data_hash(self) -> str:
        """SHA-256 of the table as CSV (rows and columns in a fixed order)."""
        return hashlib.sha256(self.frame.write_csv().encode("utf-8")).hexdigest()

    @property
    def complete(self) -> bool:
        return not self.missing and not self.regions_without_data


def build_table(
    framework: Framework, year: int, regions: list[Region] | None = None
) -> SourceTable:
    """The approved values of ``framework``'s indicators for ``year``, one row per region
    that has at least one value; ``missing`` lists, per region code, the indicators without one."""
    units = regions if regions is not None else index_regions()
    codes = list(framework.indicators)
    periods = year_periods(year)
    preference = {p: i for i, p in enumerate(periods)}
    rows = (
        Observation.objects.approved()
        .filter(
            indicator__code__in=codes,
            region__in=units,
            period__in=periods,
        )
        .values_list("region__code", "indicator__code", "period", "id", "value", "synthetic")
        .order_by("id")
    )
    chosen: dict[tuple[str, str], tuple[tuple[int, int], float, bool]] = {}
    for region, indicator, period, pk, value, synthetic in rows:
        key = (region, indicator)
        rank = (preference[period], -pk)
        if key not in chosen or rank < chosen[key][0]:
            chosen[key] = (rank, float(value), synthetic)
    records: list[dict[str, object]] = []
    missing: dict[str, list[str]] = {}
    without: list[str] = []
    for region in units:
        values = {c: chosen[(region.code, c)][1] for c in codes if (region.code, c) in chosen}
        if not values:
            without.append(region.code)
            continue
        gaps = [c for c in codes if c not in values]
        if gaps:
            missing[region.code] = gaps
        records.append({"uCode": region.code, "uName": region.name, **values})
    schema: dict[str, Any] = {"uCode": pl.String, "uName": pl.String}
    schema |= dict.fromkeys(codes, pl.Float64)
    frame = pl.DataFrame(records, schema=schema)
    return SourceTable(
        year=year,
        frame=frame,
        missing=missing,
        regions_without_data=without,
        observations=len(chosen),
        synthetic=any(s for _, _, s in chosen.values()),
    )


def years_with_data(framework: Framework) -> list[int]:
    """Calendar years for which any approved value of the framework's indicators exists."""
    periods = (
        Observation.objects.approved()
        .filter(indicator__code__in=framework.indicators)
        .values_list("period", flat=True)
        .distinct()
    )
    years = set()
    for period in periods:
        text = period.removeprefix("asof:")
        head = text[:4]
        if head.isdigit() and text in (head, f"{head}-12", f"{head}-12-31"):
            years.add(int(head))
    return sorted(years)


def monitoring_target(indicator: str, region_code: str) -> Target | None:
    """The latest-year target of ``indicator`` for the region (e.g. T017 for the index)."""
    return (
        Target.objects.filter(indicator__code=indicator, region__code=region_code, synthetic=False)
        .order_by("-target_year", "code")
        .first()
    )


def published_value(indicator: str, region_code: str) -> Observation | None:
    """The figure a published document states for the indicator (e.g. O002: 53.2 %)."""
    return (
        Observation.objects.approved()
        .filter(
            indicator__code=indicator,
            region__code=region_code,
            submission__isnull=True,
            synthetic=False,
        )
        .order_by("-id")
        .first()
    )


def cited(row: Target | Observation, note: str = "") -> str:
    """Where a target or published figure comes from, as a reader names it: the document's
    title (文号 included) and the quoted wording — never the seed file's row code (T017, O002).
    Cut to the definition's 200 characters on the quote's side."""
    from jiazhou_web.core.names import source_title

    title = source_title(row.source_file) if row.source_file else ""
    room = 200 - len(title) - len(note) - 3  # ：「」
    quote = row.source_quote
    if len(quote) > room:
        quote = quote[: max(room - 1, 0)] + "…"
    text = (
        f"{title}：「{quote}」" if title and quote else title or (f"「{quote}」" if quote else "")
    )
    return (text + note)[:200]
