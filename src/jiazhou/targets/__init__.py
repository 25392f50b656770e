"""Target attainment (目标完成情况): 完成率, 序时进度, gaps, projections and status lights.

>>> from datetime import date
>>> t = Target("T030", "national_tech_smes", "乐山市", 2025, "level", 300, unit="家",
...            base_date=date(2021, 7, 7))
>>> o = Observation("national_tech_smes", "乐山市", "asof:2023-11", 300, "inferred", "O007")
>>> evaluate_target(t, [o], date(2025, 11, 22)).light
'green'
"""

from jiazhou.targets.batch import (
    EVALUATION_SCHEMA,
    evaluate_frame,
    evaluate_targets,
    evaluations_frame,
)
from jiazhou.targets.evaluate import elapsed_pct, evaluate_target
from jiazhou.targets.evaluation import Light, TargetEvaluation
from jiazhou.targets.periods import ObservationPeriod, PeriodKind, decimal_year, parse_period
from jiazhou.targets.projection import FittedPoint, Projection, ProjectionMethod, TrendPoint
from jiazhou.targets.records import (
    Benchmark,
    BenchmarkScope,
    Comparator,
    Observation,
    PeriodBasis,
    Target,
    TargetKind,
    observation_from_row,
    target_from_row,
)

__all__ = [
    "EVALUATION_SCHEMA",
    "Benchmark",
    "BenchmarkScope",
    "Comparator",
    "FittedPoint",
    "Light",
    "Observation",
    "ObservationPeriod",
    "PeriodBasis",
    "PeriodKind",
    "Projection",
    "ProjectionMethod",
    "Target",
    "TargetEvaluation",
    "TargetKind",
    "TrendPoint",
    "decimal_year",
    "elapsed_pct",
    "evaluate_frame",
    "evaluate_target",
    "evaluate_targets",
    "evaluations_frame",
    "observation_from_row",
    "parse_period",
    "target_from_row",
]
