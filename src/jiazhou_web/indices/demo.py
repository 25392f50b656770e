"""Index demo: the definition (target T017, published figure O002), 模拟数据 inputs, runs.

Synthetic inputs (``synthetic=True``, 模拟数据): yearly values 2020–2025 of the Leshan working
framework's 15 indicators for the city, its 11 counties and the high-tech zone, reported through
the monitoring app's real batch workflow (open → import → explain warnings → submit → approve).
They use the year-end period ``asof:YYYY-12`` because the monitoring demo already holds the
one-per-region-and-period calendar-year batches (``YYYY``) of the counties and the zone.
The city's values are calibrated with the engine so that its 2025 index is the reported 53.2 %.
County count indicators are shares of the city's (the preset's 标准值 are city totals, so county
scores on those indicators are low by construction).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import polars as pl

from jiazhou.index.framework_file import FrameworkFile
from jiazhou.index.pipeline import Pipeline
from jiazhou.index.presets import load_preset
from jiazhou_web.accounts.choices import Role
from jiazhou_web.core.seeding import DemoContext
from jiazhou_web.indices import actions
from jiazhou_web.indices.sources import (
    CITY_CODE,
    cited,
    index_regions,
    monitoring_target,
    published_value,
)
from jiazhou_web.monitoring import actions as monitoring
from jiazhou_web.monitoring.choices import IndicatorKind
from jiazhou_web.monitoring.models import Indicator
from jiazhou_web.regions.models import Region

PRESET = "leshan_sti"
INDEX_INDICATOR = "sti_composite_index"
YEARS = range(2020, 2026)
CALIBRATED_INDEX = 53.2  # 综合水平指数达53.2% (monitoring O002, seed 000)
EXPLANATION = "模拟数据：演示用生成值，变化幅度由设定增速决定。"

# The city's 2025 values (模拟数据) before calibration; 新增… indicators count from 2021.
CITY_2025: dict[str, float] = {
    "new_innovation_centres": 10,
    "new_national_tech_sme_incubators": 0,
    "ip_pilot_demo_enterprises": 30,
    "rd_intensity": 1.45,
    "hv_invention_patents_per_10k": 0.95,
    "key_tech_breakthroughs": 6,
    "national_tech_smes": 335,
    "new_civil_nuclear_enterprises": 6,
    "civil_nuclear_output_avg_growth": 14,
    "new_listed_companies": 2,
    "new_listed_multilevel": 70,
    "digital_core_industry_va_share_gdp": 5.2,
    "digital_factories": 22,
    "cloud_enterprises": 520,
    "surface_water_good_rate": 88,
}
CUMULATIVE = {
    "new_innovation_centres",
    "new_national_tech_sme_incubators",
    "key_tech_breakthroughs",
    "new_civil_nuclear_enterprises",
    "new_listed_companies",
    "new_listed_multilevel",
}
PROGRESS = {2020: 0.1, 2021: 0.3, 2022: 0.5, 2023: 0.65, 2024: 0.82, 2025: 1.0}
ANNUAL_GROWTH = 0.08  # level indicators grow about 8 % a year (模拟数据)
CALIBRATED = (  # scaled together until the city's 2025 index is 53.2
    "rd_intensity",
    "hv_invention_patents_per_10k",
    "civil_nuclear_output_avg_growth",
    "digital_core_industry_va_share_gdp",
    "surface_water_good_rate",
)
# Per region: share of the city's counts, and strength on rates and ratios (模拟数据).
REGION_PROFILE: dict[str, tuple[float, float]] = {
    "511102": (0.24, 1.20),
    "511111": (0.08, 0.85),
    "511112": (0.14, 1.05),
    "511113": (0.02, 0.55),
    "511123": (0.09, 0.80),
    "511124": (0.06, 0.75),
    "511126": (0.09, 0.90),
    "511129": (0.03, 0.60),
    "511132": (0.02, 0.50),
    "511133": (0.02, 0.50),
    "511181": (0.11, 1.00),
    "LS-HTZ": (0.35, 1.45),
}


def _city_series(alpha: float) -> dict[int, dict[str, float]]:
    out: dict[int, dict[str, float]] = {}
    for year in YEARS:
        values = {}
        for code, v2025 in CITY_2025.items():
            scale = alpha if code in CALIBRATED else 1.0
            if code in CUMULATIVE:
                values[code] = v2025 * PROGRESS[year]
            else:
                values[code] = v2025 * scale * (1 + ANNUAL_GROWTH) ** (year - 2025)
        out[year] = values
    return out


def _rounded(values: dict[str, float], kinds: dict[str, str]) -> dict[str, Decimal]:
    out = {}
    for code, value in values.items():
        if kinds[code] in (IndicatorKind.COUNT, IndicatorKind.RANK):
            out[code] = Decimal(round(value))
        else:
            capped = min(value, 100.0) if kinds[code] == IndicatorKind.SHARE else value
            out[code] = Decimal(str(round(capped, 2)))
    return out


def _city_index(spec: FrameworkFile, values: dict[str, Decimal]) -> float:
    """The engine's index of the city alone (the 标准值 method is absolute, §1.4)."""
    frame = pl.DataFrame([{"uCode": CITY_CODE} | {c: float(v) for c, v in values.items()}])
    pipeline = Pipeline(spec.pipeline.steps).fit(frame, spec.framework)
    return float(pipeline.scores()[spec.framework.root][0])


def calibrate(spec: FrameworkFile, kinds: dict[str, str], goal: float = CALIBRATED_INDEX) -> float:
    """The scale of the calibrated indicators that puts the city's 2025 index at ``goal``."""
    lo, hi = 0.1, 3.0

    def index(alpha: float) -> float:
        return _city_index(spec, _rounded(_city_series(alpha)[2025], kinds))

    for _ in range(40):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if index(mid) < goal else (lo, mid)
    return hi  # the smallest scale found whose rounded values reach the goal


def _region_series(
    city: dict[int, dict[str, float]], code: str, kinds: dict[str, str], noise: Callable[[], float]
) -> dict[int, dict[str, float]]:
    share, strength = REGION_PROFILE[code]
    out: dict[int, dict[str, float]] = {}
    for year, values in city.items():
        out[year] = {
            c: v * (share if kinds[c] in (IndicatorKind.COUNT,) else strength) * noise()
            for c, v in values.items()
        }
    return out


def _report(
    region: Region, year: int, values: dict[str, Decimal], indicators: dict[str, Indicator],
    *, reporter: Any, approver: Any,
) -> None:  # fmt: skip
    """One synthetic batch through the monitoring workflow, approved."""
    batch = monitoring.open_submission(region, f"asof:{year}-12", actor=reporter, synthetic=True)
    rows = [{"indicator": indicators[c], "value": v} for c, v in values.items()]
    for observation in monitoring.import_observations(batch, rows, actor=reporter):
        if observation.warnings:
            monitoring.explain_observation(observation, EXPLANATION, actor=reporter)
    monitoring.submit_submission(batch, actor=reporter)
    monitoring.approve_submission(batch, actor=approver)


def load(ctx: DemoContext) -> None:
    admin = ctx.personas.get(Role.CITY_ADMIN)
    spec = load_preset(PRESET)
    codes = list(spec.framework.indicators)
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    kinds = {c: indicators[c].kind for c in codes}
    city = Region.objects.get(code=CITY_CODE)
    target = monitoring_target(INDEX_INDICATOR, CITY_CODE)
    published = published_value(INDEX_INDICATOR, CITY_CODE)
    definition = actions.save_definition(
        code=PRESET,
        title=str(spec.info.get("title", PRESET)),
        preset=PRESET,
        focus_region=city,
        actor=None,
        target_value=target.value if target else None,
        target_year=target.target_year if target else None,
        target_wording=target.comparator_text if target else "",
        target_source=cited(target) if target else "",
        reported_value=published.value if published else None,
        reported_source=cited(published, "（年份未注明）") if published else "",
    )
    rng = random.Random(ctx.seed)
    alpha = calibrate(spec, kinds)
    city_series = _city_series(alpha)
    reporters = {
        "511112": ctx.personas.get(Role.COUNTY_OFFICER),
        "LS-HTZ": ctx.personas.get(Role.ZONE_OFFICER),
    }
    for region in index_regions():
        if region.code == CITY_CODE:
            series = city_series
        else:
            series = _region_series(city_series, region.code, kinds, lambda: rng.uniform(0.9, 1.1))
        for year in YEARS:
            _report(
                region,
                year,
                _rounded(series[year], kinds),
                indicators,
                reporter=reporters.get(region.code),
                approver=admin,
            )
    for year in YEARS:
        actions.recompute(definition, year, actor=None, uncertainty=year == max(YEARS))
    ctx.say(f"indices: {definition} computed for {min(YEARS)}–{max(YEARS)} (模拟数据 inputs)")
