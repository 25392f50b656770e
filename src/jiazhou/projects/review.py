"""Expert scores → one figure per application, and the ranking (§7.1 "Expert review").

With at least ``trim_from`` scores the highest and the lowest are dropped once each (the
common practice [U]); the mean is rounded half-up to ``decimals`` places and ranked with the
code base's one rank function (ties share the better rank).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from jiazhou.index.ranking import rank


@dataclass(frozen=True)
class Aggregate:
    mean: Decimal
    n: int  # scores received
    used: int  # scores in the mean
    dropped_high: Decimal | None
    dropped_low: Decimal | None


def aggregate_scores(scores: Sequence[Decimal], *, trim_from: int, decimals: int) -> Aggregate:
    """The mean of ``scores``, dropping one max and one min when there are ``trim_from`` or more."""
    if not scores:
        raise ValueError("没有专家评分 / no expert scores")
    values = sorted(Decimal(s) for s in scores)
    high = low = None
    if len(values) >= trim_from:
        low, high = values[0], values[-1]
        values = values[1:-1]
    quantum = Decimal(1).scaleb(-decimals)
    mean = (sum(values, Decimal(0)) / len(values)).quantize(quantum, rounding=ROUND_HALF_UP)
    return Aggregate(mean, len(scores), len(values), high, low)


def rank_aggregates(means: Mapping[str, Decimal]) -> dict[str, int]:
    """key → rank (1 = best); equal means share the better rank."""
    keys = list(means)
    if not keys:
        return {}
    ranks = rank([float(means[k]) for k in keys])
    return {k: int(r) for k, r in zip(keys, ranks, strict=True)}
