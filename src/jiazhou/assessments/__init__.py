"""Assessments (考核): county assessment with class weights and the 国家高新区 self-assessment.

Pure Python (no Django). Rules in :mod:`rules`, schemes as TOML in ``data/``; see
docs/specs/next-capabilities.md §6.
"""

from jiazhou.assessments.county import (
    CountyResult,
    CountyScheme,
    ItemScore,
    load_county_scheme,
    score_counties,
)
from jiazhou.assessments.rules import (
    RuleError,
    benchmark_points,
    benchmark_steps,
    class_points,
    target_points,
    weighted_share_points,
)
from jiazhou.assessments.zone import (
    Lever,
    ZoneResult,
    ZoneScheme,
    levers,
    load_zone_scheme,
    normalise,
    self_assess,
)

__all__ = [
    "CountyResult",
    "CountyScheme",
    "ItemScore",
    "Lever",
    "RuleError",
    "ZoneResult",
    "ZoneScheme",
    "benchmark_points",
    "benchmark_steps",
    "class_points",
    "levers",
    "load_county_scheme",
    "load_zone_scheme",
    "normalise",
    "score_counties",
    "self_assess",
    "target_points",
    "weighted_share_points",
]
