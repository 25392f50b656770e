"""Monitoring demo: the seeds' targets and published figures, then labelled 模拟数据.

Real: every row of ``data/targets.csv`` and ``data/observations.csv`` is loaded as it is, with
its seed file, quote, period basis and qualifier (余 → more_than). Demo configuration: the
responsible departments of ``data/indicator_config.csv``. Synthetic (``synthetic=True``, shown
as 模拟数据, hidden with JIAZHOU_SHOW_SYNTHETIC=0 or ?synthetic=0): yearly county and zone
values reported through the real batch workflow, the county share of the city's doubling
targets, 2026 yearly targets, and this year's batches in every state.
"""

from __future__ import annotations

import math
import random
from decimal import Decimal
from typing import Any

from django.utils import timezone

from jiazhou_web.accounts.choices import Role
from jiazhou_web.accounts.models import Department
from jiazhou_web.core.locality import locality
from jiazhou_web.core.seeding import DemoContext
from jiazhou_web.monitoring import actions
from jiazhou_web.monitoring.models import Indicator, SourceDocument, Submission
from jiazhou_web.monitoring.reference import read, region_code
from jiazhou_web.regions.models import Region

SYNTHETIC_NOTE = "模拟数据：演示用生成值，非统计数据"
# 2020 counts of 高新技术企业 per county (模拟数据) and each county's annual growth (模拟数据).
COUNTY_BASE = {
    "511102": (14, 0.19),
    "511111": (4, 0.16),
    "511112": (9, 0.17),
    "511113": (1, 0.0),
    "511123": (5, 0.12),
    "511124": (3, 0.15),
    "511126": (6, 0.18),
    "511129": (2, 0.06),
    "511132": (1, 0.12),
    "511133": (1, 0.0),
    "511181": (8, 0.15),
}
# 乐山高新区 yearly values (模拟数据) so zone targets have a trend to judge.
ZONE_SERIES: dict[str, dict[str, str]] = {
    "hz_operating_revenue": {
        "2021": "402",
        "2022": "468",
        "2023": "521",
        "2024": "586",
        "2025": "648",
    },
    "hz_gdp_share_of_city": {
        "2021": "12.1",
        "2022": "12.9",
        "2023": "13.6",
        "2024": "14.2",
        "2025": "14.9",
    },
    "hz_national_ranking": {"2022": "104", "2023": "97", "2024": "91", "2025": "86"},
    "hz_hitech_enterprises_share_of_city": {"2023": "29.8", "2024": "31.0", "2025": "33.6"},
    "hz_tech_smes_share_of_city": {"2023": "32.5", "2024": "34.1", "2025": "36.2"},
    "rd_expenditure_avg_growth": {"2023": "13.2", "2024": "12.6", "2025": "12.9"},
    "hitech_enterprises": {"2021": "31", "2022": "35", "2023": "40", "2024": "44"},
}


def _decimal(text: str) -> Decimal | None:
    return Decimal(text) if text.strip() else None


def _load_targets() -> None:
    documents = {d.file_name: d for d in SourceDocument.objects.all()}
    indicators = {i.code: i for i in Indicator.objects.all()}
    for row in read("targets.csv"):
        base_year = int(row["base_year"]) if row["base_year"] else None
        document = documents.get(row["source_file"])
        actions.create_target(
            actor=None,
            code=row["target_id"],
            indicator=indicators[row["indicator"]],
            region=Region.objects.get(code=region_code(row["region"], Region)),
            target_year=int(row["target_year"]),
            comparator=row["comparator"],
            comparator_text=row["comparator_text"],
            value=_decimal(row["value"]),
            unit=row["unit"],
            base_year=base_year,
            # 序时进度 runs from the base year's end, else from the issuing document's date.
            base_date=document.issued_on if document and base_year is None else None,
            annual_flow=row["indicator"] == "hz_operating_revenue",
            source_file=row["source_file"],
            source_quote=row["source_quote"],
            notes=row["notes"],
        )


def _load_facts() -> None:
    indicators = {i.code: i for i in Indicator.objects.all()}
    for row in read("observations.csv"):
        actions.load_published_figure(
            actor=None,
            fact_code=row["obs_id"],
            indicator=indicators[row["indicator"]],
            region=Region.objects.get(code=region_code(row["region"], Region)),
            entity=row["entity"],
            period=row["period"],
            period_basis=row["period_basis"],
            value=Decimal(row["value"]),
            qualifier="more_than" if row["qualifier"].startswith("more_than") else "",
            unit=row["unit"],
            yoy_growth_pct=_decimal(row["yoy_growth_pct"]),
            other_growth_pct=_decimal(row["other_growth_pct"]),
            other_growth_basis=row["other_growth_basis"],
            source_file=row["source_file"],
            source_quote=row["source_quote"],
            notes=row["notes"],
        )


def _assign_departments() -> None:
    departments = {d.code: d for d in Department.objects.all()}
    for row in read("indicator_config.csv"):
        department = departments.get(row["department_code"])
        if department is not None:
            indicator = Indicator.objects.get(code=row["code"])
            actions.set_indicator_department(indicator, department, demo=True, actor=None)


def _report(
    region: Region,
    period: str,
    values: dict[Indicator, Decimal],
    *,
    reporter: Any,
    approver: Any,
    until: str = "approved",
) -> Submission:
    """One synthetic batch through the real workflow, stopped at ``until``."""
    submission = actions.open_submission(region, period, actor=reporter, synthetic=True)
    rows = [
        {"indicator": indicator, "value": value, "explanation": ""}
        for indicator, value in values.items()
    ]
    stored = actions.import_observations(submission, rows, actor=reporter)
    for observation in stored:
        if observation.warnings and until != "draft":
            actions.explain_observation(
                observation, "模拟数据：演示用生成值，变化幅度由设定增速决定。", actor=reporter
            )
    if until == "draft":
        return submission
    actions.submit_submission(submission, actor=reporter)
    if until == "returned":
        actions.return_submission(
            submission, "请核对高新技术企业数与认定名单是否一致后重报。", actor=approver
        )
    elif until == "approved":
        actions.approve_submission(submission, actor=approver)
    return submission


def _department_batch(ctx: DemoContext) -> None:
    """The demo 责任单位 officer (市经信局) has a draft batch of one of its own indicators, so its
    我的待办 and the reporting list show department reporting (issue 14)."""
    officer = ctx.personas.get(Role.DEPARTMENT_OFFICER)
    if officer is None:
        return
    from jiazhou_web.monitoring.reporting import reporting_units

    units = [u for u in reporting_units(officer) if u.department is not None]
    if not units:
        return
    unit = units[0]
    year = str(timezone.localdate().year - 1)
    submission = actions.open_submission(
        unit.region, year, department=unit.department, actor=officer, synthetic=True
    )
    owned = (
        Indicator.objects.filter(responsible_department=unit.department, kind="count")
        .order_by("position", "code")
        .first()
    )
    if owned is not None:
        actions.record_observation(
            submission,
            owned,
            value=Decimal(12),
            explanation="模拟数据：演示用填报值。",
            actor=officer,
        )


def _synthetic(ctx: DemoContext) -> None:
    rng = random.Random(ctx.seed)
    admin = ctx.personas.get(Role.CITY_ADMIN)
    county_officer = ctx.personas.get(Role.COUNTY_OFFICER)
    zone_officer = ctx.personas.get(Role.ZONE_OFFICER)
    hnte = Indicator.objects.get(code="hitech_enterprises")
    smes = Indicator.objects.get(code="tech_smes")
    counties = {
        r.code: r for r in Region.objects.counties().filter(parent__code=locality().city_code)
    }
    history: dict[str, dict[int, tuple[int, int]]] = {}
    for code, (base, growth) in COUNTY_BASE.items():
        county, reporter = counties[code], None
        if county_officer is not None and code == "511112":
            reporter = county_officer
        series, sme_ratio = {}, 2.0 + rng.random()
        for year in range(2020, 2026):
            count = round(base * (1 + growth) ** (year - 2020) + rng.choice((-1, 0, 0, 1)) * 0.4)
            count = max(count, base if growth else 1)
            series[year] = (count, math.ceil(count * sme_ratio))
            _report(
                county,
                str(year),
                {hnte: Decimal(count), smes: Decimal(series[year][1])},
                reporter=reporter,
                approver=admin,
            )
        history[code] = series
        for indicator, index, label in ((hnte, 0, "HNTE"), (smes, 1, "SME")):
            actions.create_target(
                actor=None,
                code=f"SYN-{label}-{code}-2025",
                indicator=indicator,
                region=county,
                target_year=2025,
                comparator="doubling_vs_2020",
                comparator_text="较“十三五”末实现倍增（市级目标分解，模拟数据）",
                unit=indicator.unit,
                base_year=2020,
                notes=SYNTHETIC_NOTE,
                synthetic=True,
            )
            goal = math.ceil(series[2025][index] * 1.2)
            actions.create_target(
                actor=None,
                code=f"SYN-{label}-{code}-2026",
                indicator=indicator,
                region=county,
                target_year=2026,
                comparator=">=",
                comparator_text="2026年度培育目标（模拟数据）",
                value=Decimal(goal),
                unit=indicator.unit,
                base_year=2025,
                notes=SYNTHETIC_NOTE,
                synthetic=True,
            )
    # This year's batches (asof:2026-09): most approved, one submitted, one returned, one draft.
    stages = {"511112": "submitted", "511111": "returned", "511129": "draft"}
    for code, series in history.items():
        hn, sm = series[2025]
        pace = 0.04 if code in ("511129", "511133", "511123") else 0.16
        values = {
            hnte: Decimal(round(hn * (1 + pace + rng.random() * 0.04))),
            smes: Decimal(round(sm * (1 + pace + rng.random() * 0.04))),
        }
        reporter = county_officer if code == "511112" else None
        _report(
            counties[code],
            "asof:2026-09",
            values,
            reporter=reporter,
            approver=admin,
            until=stages.get(code, "approved"),
        )
    zone = Region.objects.get(code=locality().zone_code)
    years = sorted({y for series in ZONE_SERIES.values() for y in series})
    for period in years:
        values = {
            Indicator.objects.get(code=code): Decimal(series[period])
            for code, series in ZONE_SERIES.items()
            if period in series
        }
        _report(zone, period, values, reporter=zone_officer, approver=admin)
    actions.create_target(
        actor=None,
        code="SYN-HNTE-LS-HTZ-2026",
        indicator=hnte,
        region=zone,
        target_year=2026,
        comparator=">=",
        comparator_text="2026年度培育目标（模拟数据）",
        value=Decimal(60),
        unit="家",
        base_year=2025,
        base_value=Decimal(49),
        notes=SYNTHETIC_NOTE + "；基期值取2025年10月公开数49家",
        synthetic=True,
    )
    _report(zone, "asof:2026-09", {hnte: Decimal(52)}, reporter=zone_officer, approver=admin)


def load(ctx: DemoContext) -> None:
    _load_targets()
    _load_facts()
    _assign_departments()
    _synthetic(ctx)
    _department_batch(ctx)
    ctx.say(
        "monitoring: targets, published figures and 模拟数据 batches loaded "
        f"({Submission.objects.count()} batches)"
    )
