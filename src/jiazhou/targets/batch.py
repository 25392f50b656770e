"""Batch evaluation for dashboards: many targets against one observation table.

Observations and benchmarks are grouped once by (indicator, region) / indicator, so each target
sees only its own rows; :func:`evaluations_frame` flattens the results into a Polars frame with
one row per target (the projection's fitted points stay on the :class:`TargetEvaluation`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache

import polars as pl

from jiazhou.targets.evaluate import evaluate_target
from jiazhou.targets.evaluation import TargetEvaluation
from jiazhou.targets.records import (
    Benchmark,
    Observation,
    Target,
    observation_from_row,
    target_from_row,
)

__all__ = ["EVALUATION_SCHEMA", "evaluate_frame", "evaluate_targets", "evaluations_frame"]

EVALUATION_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "target_id": pl.String,
    "indicator": pl.String,
    "region": pl.String,
    "kind": pl.String,
    "target_year": pl.Int32,
    "at": pl.Date,
    "light": pl.String,
    "rule": pl.String,
    "explanation_zh": pl.String,
    "explanation_en": pl.String,
    "threshold": pl.Float64,
    "unit": pl.String,
    "met": pl.Boolean,
    "current_value": pl.Float64,
    "current_on": pl.Date,
    "current_period": pl.String,
    "current_basis": pl.String,
    "attainment_pct": pl.Float64,
    "progress_pct": pl.Float64,
    "elapsed_pct": pl.Float64,
    "schedule_pct": pl.Float64,
    "gap": pl.Float64,
    "base_value": pl.Float64,
    "base_source": pl.String,
    "benchmark_value": pl.Float64,
    "projection_method": pl.String,
    "projected_value": pl.Float64,
    "projection_reason_zh": pl.String,
    "projection_reason_en": pl.String,
    "observation_ids": pl.List(pl.String),
    "bases": pl.List(pl.String),
}


def evaluate_targets(
    targets: Iterable[Target],
    observations: Iterable[Observation],
    at: date,
    benchmarks: Sequence[Benchmark] = (),
) -> list[TargetEvaluation]:
    """Evaluate every target on ``at``; same results as :func:`evaluate_target` one by one."""
    by_series: dict[tuple[str, str], list[Observation]] = defaultdict(list)
    for obs in observations:
        by_series[(obs.indicator, obs.region)].append(obs)
    by_indicator: dict[str, list[Benchmark]] = defaultdict(list)
    for bench in benchmarks:
        by_indicator[bench.indicator].append(bench)
    results = []
    for target in targets:
        own = by_series.get((target.indicator, target.region), [])
        if target.parent_region:
            source = target.share_of or target.indicator
            if source != target.indicator:
                own = own + by_series.get((source, target.region), [])
            own = own + by_series.get((source, target.parent_region), [])
        results.append(
            _evaluate(target, tuple(own), at, tuple(by_indicator.get(target.indicator, ())))
        )
    return results


@lru_cache(maxsize=4096)
def _evaluate(
    target: Target, own: tuple[Observation, ...], at: date, benchmarks: tuple[Benchmark, ...]
) -> TargetEvaluation:
    """:func:`evaluate_target`, remembered per process. Targets, observations and benchmarks
    are frozen values and the evaluation reads nothing else, so the same arguments give the
    same evaluation: a dashboard asked again on the same day with the same data is not
    evaluated again, and an edited value or target is another key."""
    return evaluate_target(target, own, at, benchmarks)


def evaluations_frame(evaluations: Iterable[TargetEvaluation]) -> pl.DataFrame:
    """One row per evaluation, columns as :data:`EVALUATION_SCHEMA`."""
    rows = []
    for ev in evaluations:
        t, p = ev.target, ev.projection
        rows.append(
            {
                "target_id": t.target_id,
                "indicator": t.indicator,
                "region": t.region,
                "kind": t.kind,
                "target_year": t.target_year,
                "at": ev.at,
                "light": ev.light,
                "rule": ev.rule,
                "explanation_zh": ev.explanation_zh,
                "explanation_en": ev.explanation_en,
                "threshold": ev.threshold,
                "unit": t.unit,
                "met": ev.met,
                "current_value": ev.current_value,
                "current_on": ev.current_on,
                "current_period": ev.current_period,
                "current_basis": ev.current_basis,
                "attainment_pct": ev.attainment_pct,
                "progress_pct": ev.progress_pct,
                "elapsed_pct": ev.elapsed_pct,
                "schedule_pct": ev.schedule_pct,
                "gap": ev.gap,
                "base_value": ev.base_value,
                "base_source": ev.base_source,
                "benchmark_value": ev.benchmark_value,
                "projection_method": p.method if p else None,
                "projected_value": p.value if p else None,
                "projection_reason_zh": p.reason_zh if p else None,
                "projection_reason_en": p.reason_en if p else None,
                "observation_ids": list(ev.observation_ids),
                "bases": list(ev.bases),
            }
        )
    return pl.DataFrame(rows, schema=EVALUATION_SCHEMA)


def evaluate_frame(
    targets: pl.DataFrame,
    observations: pl.DataFrame,
    at: date,
    benchmarks: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Frames in, frame out: ``targets.csv``- and ``observations.csv``-shaped frames.

    ``benchmarks`` has columns ``indicator, scope, period, value``. Rows are parsed by
    :func:`target_from_row` / :func:`observation_from_row`, so errors name the row's id.
    """
    bench = [
        Benchmark(str(r["indicator"]), r["scope"], str(r["period"]), float(r["value"]))
        for r in (benchmarks.iter_rows(named=True) if benchmarks is not None else ())
    ]
    return evaluations_frame(
        evaluate_targets(
            [target_from_row(r) for r in targets.iter_rows(named=True)],
            [observation_from_row(r) for r in observations.iter_rows(named=True)],
            at,
            bench,
        )
    )
