"""The random draw of experts for one application, with 回避 applied before drawing.

Reproducible: the same pool, application and seed give the same experts, so a draw can be
checked afterwards. The seed is recorded with the draw.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from jiazhou.projects.conflicts import Applicant, Conflict, ConflictRules, Expert, conflicts_of


class DrawError(ValueError):
    """Too few experts remain after 回避; nothing was drawn."""


@dataclass(frozen=True)
class Draw:
    chosen: tuple[Expert, ...]
    excluded: tuple[tuple[Expert, tuple[Conflict, ...]], ...]
    eligible: int  # experts of the field without a conflict
    seed: int


def draw_experts(
    pool: Sequence[Expert],
    applicant: Applicant,
    *,
    field: str,
    n: int,
    rules: ConflictRules,
    year: int,
    seed: int,
    already: frozenset[str] = frozenset(),
) -> Draw:
    """Draw ``n`` active experts of ``field`` without a conflict (``already`` drawn ones skipped)."""
    if n < 1:
        raise DrawError(f"抽取人数须至少为 1（现为 {n}） / draw at least one expert")
    of_field = sorted(
        (e for e in pool if e.active and field in e.fields and e.key not in already),
        key=lambda e: e.key,
    )
    excluded = []
    eligible = []
    for expert in of_field:
        found = conflicts_of(expert, applicant, rules, year)
        if found:
            excluded.append((expert, tuple(found)))
        else:
            eligible.append(expert)
    if len(eligible) < n:
        raise DrawError(
            f"专家库中「{field}」领域可抽取专家不足：需要 {n} 名，回避后仅余 {len(eligible)} 名"
            f"（回避 {len(excluded)} 名） / too few experts in field {field}: need {n}, "
            f"{len(eligible)} left after excluding {len(excluded)} for conflicts"
        )
    chosen = random.Random(seed).sample(eligible, n)
    return Draw(tuple(chosen), tuple(excluded), len(eligible), seed)
