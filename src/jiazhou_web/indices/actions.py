"""Every write of the index app; each writes exactly one audit row.

Computation is the engine's (``jiazhou.index``: the preset's pipeline, ``gap_contributions``,
``UncertaintyAnalysis``); these actions only feed it the approved observations and store what it
returns. A run whose definition, year, framework version and input hash are already stored is
returned as it is (idempotent), and so is an analysis with the same run, sample size and seed.
``actor=None`` is the system (cron, demo); a user must be the city administrator.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import polars as pl
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jiazhou.index.framework_file import FrameworkFile
from jiazhou.index.gap import gap_contributions
from jiazhou.index.pipeline import Pipeline
from jiazhou.index.presets import load_preset
from jiazhou.index.sensitivity import UncertaintyAnalysis
from jiazhou_web.core import audit
from jiazhou_web.core.access import can
from jiazhou_web.indices.choices import IndexEvent, SobolOutput
from jiazhou_web.indices.models import (
    GapContribution,
    IndexDefinition,
    IndexRun,
    IndexScore,
    RankBand,
    SobolIndex,
    UncertaintyResult,
)
from jiazhou_web.indices.sources import SourceTable, build_table, framework_version
from jiazhou_web.regions.models import Region

UNCERTAINTY_N = 256  # Saltelli base sample: N(d + 2) = 1024 replications for two factors
UNCERTAINTY_BOOT = 100


@dataclass(frozen=True)
class RunOutcome:
    run: IndexRun
    created: bool  # False: the same inputs were computed before


@dataclass(frozen=True)
class UncertaintyOutcome:
    analysis: UncertaintyResult
    created: bool


def _require_recompute(actor: Any) -> None:
    if actor is not None and not can(actor, "index.recompute"):  # None: the system (cron, demo)
        raise PermissionDenied(
            "仅市级管理员可重新计算指数 / only the city administrator may recompute"
        )


def _num(value: Any) -> float | None:
    """A finite float, or ``None`` for missing/NaN."""
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


@transaction.atomic
def save_definition(
    *,
    code: str,
    title: str,
    preset: str,
    focus_region: Region,
    actor: Any,
    target_value: Decimal | None = None,
    target_year: int | None = None,
    target_wording: str = "",
    target_source: str = "",
    reported_value: Decimal | None = None,
    reported_source: str = "",
) -> IndexDefinition:
    """Create or update an index definition (framework preset and the focus region's target)."""
    _require_recompute(actor)
    load_preset(preset)  # refuses an unknown preset with a bilingual message
    fields = {
        "title": title,
        "preset": preset,
        "framework_version": framework_version(preset),
        "focus_region": focus_region,
        "target_value": target_value,
        "target_year": target_year,
        "target_wording": target_wording,
        "target_source": target_source,
        "reported_value": reported_value,
        "reported_source": reported_source,
    }
    existing = IndexDefinition.objects.filter(code=code).first()
    shown = ["title", "preset", "framework_version", "target_value", "target_year"]
    before = audit.snapshot(existing, shown) if existing else None
    definition, _ = IndexDefinition.objects.update_or_create(code=code, defaults=fields)
    audit.record(
        IndexEvent.DEFINITION_SAVED,
        actor=actor,
        target=definition,
        before=before,
        after=audit.snapshot(definition, shown),
    )
    return definition


def _tree(pipeline: Pipeline) -> list[dict[str, Any]]:
    return [
        {
            "code": row["iCode"],
            "name": row["iName"],
            "level": row["Level"],
            "parent": row["Parent"],
            "weight": _num(row["Weight"]),
            "effective_weight": _num(row["EffectiveWeight"]),
            "standard": _num(row["Standard"]),
            "unit": row["Unit"] or "",
        }
        for row in pipeline.tree().iter_rows(named=True)
    ]


def compute_run(definition: IndexDefinition, year: int, *, actor: Any) -> RunOutcome:
    """Compute ``year`` from approved observations, or return the run of identical inputs."""
    _require_recompute(actor)
    spec = load_preset(definition.preset)
    table = build_table(spec.framework, year)
    if table.frame.height == 0:
        raise ValidationError(
            f"{year} 年没有任何已审核的指标值，无法计算 / no approved values for {year}"
        )
    version = framework_version(definition.preset)
    existing = IndexRun.objects.filter(
        definition=definition, year=year, framework_version=version, data_hash=table.data_hash
    ).first()
    if existing is not None:
        return RunOutcome(existing, created=False)
    pipeline = Pipeline(spec.pipeline.steps).fit(table.frame, spec.framework)
    return RunOutcome(_store_run(definition, table, spec, pipeline, version, actor=actor), True)


@transaction.atomic
def _store_run(
    definition: IndexDefinition,
    table: SourceTable,
    spec: FrameworkFile,
    pipeline: Pipeline,
    version: str,
    *,
    actor: Any,
) -> IndexRun:
    run = IndexRun.objects.create(
        definition=definition,
        year=table.year,
        framework_version=version,
        data_hash=table.data_hash,
        synthetic=table.synthetic,
        tree=_tree(pipeline),
        missing=table.missing,
        regions_without_data=table.regions_without_data,
        observations=table.observations,
        created_by=audit.acting_user(actor),
    )
    regions = {r.code: r for r in Region.objects.filter(code__in=table.frame["uCode"].to_list())}
    IndexScore.objects.bulk_create(
        IndexScore(
            run=run,
            region=regions[row["uCode"]],
            node=row["iCode"],
            level=row["level"],
            score=_num(row["score"]),
            rank=row["rank"],
        )
        for row in pipeline.long_scores().iter_rows(named=True)
    )
    target = None if definition.target_value is None else float(definition.target_value)
    contributions = []
    for code, region in regions.items():
        gaps = gap_contributions(pipeline, code, target)
        contributions += [
            GapContribution(
                run=run,
                region=region,
                order=row["order"],
                indicator=row["iCode"],
                indicator_name=row["iName"],
                parent=row["parent"] or "",
                effective_weight=_num(row["effective_weight"]) or 0.0,
                value=_num(row["value"]),
                reference=_num(row["reference"]),
                headroom=_num(row["headroom"]),
                score=_num(row["score"]),
                gain=_num(row["gain"]),
                cumulative=_num(row["cumulative"]),
                reaches_target=bool(row["reaches_target"]),
            )
            for row in gaps.iter_rows(named=True)
        ]
    GapContribution.objects.bulk_create(contributions)
    root = pipeline.framework_.root
    focus = pipeline.scores().filter(pl.col("uCode") == definition.focus_region.code)
    audit.record(
        IndexEvent.RUN_COMPUTED,
        actor=actor,
        target=run,
        after={
            "year": run.year,
            "framework_version": version,
            "data_hash": run.data_hash,
            "regions": len(regions),
            "observations": run.observations,
            "missing": run.missing,
            "synthetic": run.synthetic,
            "focus_index": _num(focus[root][0]) if focus.height else None,
        },
    )
    return run


def compute_uncertainty(
    run: IndexRun,
    *,
    actor: Any,
    n: int = UNCERTAINTY_N,
    seed: int = 0,
    n_boot: int = UNCERTAINTY_BOOT,
) -> UncertaintyOutcome:
    """Rank bands and Sobol indices over the preset's uncertain choices for ``run``'s inputs."""
    _require_recompute(actor)
    existing = UncertaintyResult.objects.filter(run=run, n=n, seed=seed).first()
    if existing is not None:
        return UncertaintyOutcome(existing, created=False)
    spec = load_preset(run.definition.preset)
    if not spec.factors:
        raise ValidationError(
            f"框架「{run.definition.preset}」未声明不确定因素 / the framework declares no factors"
        )
    table = build_table(spec.framework, run.year)
    if table.data_hash != run.data_hash:
        raise ValidationError(
            f"{run.year} 年的数据已变化，请先重新计算指数 / "
            f"the {run.year} data changed since the run; recompute the run first"
        )
    analysis = UncertaintyAnalysis(spec.pipeline, spec.factors, n=n, seed=seed).fit(
        table.frame, spec.framework
    )
    return UncertaintyOutcome(
        _store_uncertainty(run, analysis, n=n, seed=seed, n_boot=n_boot, actor=actor), True
    )


@transaction.atomic
def _store_uncertainty(
    run: IndexRun,
    analysis: UncertaintyAnalysis,
    *,
    n: int,
    seed: int,
    n_boot: int,
    actor: Any,
) -> UncertaintyResult:
    result = UncertaintyResult.objects.create(
        run=run,
        n=n,
        seed=seed,
        replications=int(analysis.scores_.shape[0]),
        factors=[f.label for f in analysis.factors],
        computed_at=timezone.now(),
        created_by=audit.acting_user(actor),
    )
    regions = {r.code: r for r in Region.objects.filter(code__in=list(analysis.units_))}
    RankBand.objects.bulk_create(
        RankBand(
            analysis=result,
            region=regions[row["uCode"]],
            nominal_score=_num(row["nominal_score"]),
            nominal_rank=_num(row["nominal_rank"]),
            median_rank=_num(row["median_rank"]),
            rank_lo=_num(row["rank_lo"]),
            rank_hi=_num(row["rank_hi"]),
            score_lo=_num(row["score_lo"]),
            score_hi=_num(row["score_hi"]),
        )
        for row in analysis.rank_bands().iter_rows(named=True)
    )
    SobolIndex.objects.bulk_create(
        SobolIndex(
            analysis=result,
            output=SobolOutput(row["output"]),
            region=regions.get(row["uCode"] or ""),
            factor=row["factor"],
            first_order=_num(row["S"]),
            total=_num(row["ST"]),
            first_order_lo=_num(row.get("S_lo")),
            first_order_hi=_num(row.get("S_hi")),
            total_lo=_num(row.get("ST_lo")),
            total_hi=_num(row.get("ST_hi")),
        )
        for row in analysis.sobol_indices(n_boot=n_boot).iter_rows(named=True)
    )
    audit.record(
        IndexEvent.UNCERTAINTY_COMPUTED,
        actor=actor,
        target=result,
        after={
            "run": run.pk,
            "year": run.year,
            "n": n,
            "seed": seed,
            "replications": result.replications,
            "factors": result.factors,
        },
    )
    return result


def recompute(
    definition: IndexDefinition, year: int, *, actor: Any, uncertainty: bool = True
) -> tuple[RunOutcome, UncertaintyOutcome | None]:
    """The recompute button and ``compute_index``: the run, then its uncertainty analysis."""
    outcome = compute_run(definition, year, actor=actor)
    analysis = compute_uncertainty(outcome.run, actor=actor) if uncertainty else None
    return outcome, analysis
