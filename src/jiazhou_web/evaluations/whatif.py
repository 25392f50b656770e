"""What-if weights: before adopting a new weight table, how classes and ranks would change.

The run's cohort is re-scored with the scheme whose indicator weights (``max``) are replaced;
nothing is stored. Firms are compared with the stored results of the run.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from jiazhou.schemes import Scheme, load_scheme
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.evaluations import compute
from jiazhou_web.evaluations.models import EvaluationRun

MAX_WEIGHT = 1000.0


def reweighted(scheme: Scheme, weights: dict[str, float]) -> Scheme:
    """``scheme`` with new item weights (``max``); unknown ids or bad values are refused."""
    ids = {i.id for i in scheme.items}
    unknown = set(weights) - ids
    if unknown:
        raise ValueError(f"未知指标 / unknown indicators: {sorted(unknown)}")
    for k, v in weights.items():
        if not 0 <= v <= MAX_WEIGHT:
            raise ValueError(f"指标 {k} 的权重应在 0–{MAX_WEIGHT:g} 之间 / weight out of range")
    items = tuple(
        dataclasses.replace(i, max=weights[i.id]) if i.id in weights else i for i in scheme.items
    )
    return dataclasses.replace(scheme, items=items, version=f"{scheme.version}+whatif")


def compare(run: EvaluationRun, weights: dict[str, float]) -> list[dict[str, Any]]:
    """Firms whose class or rank would change, class changes first."""
    scheme = reweighted(load_scheme(run.scheme_code), weights)
    firms = Enterprise.objects.filter(pk__in=run.results.values("enterprise"))
    facts = compute.cohort_facts(firms)
    rows = {
        r["enterprise_id"]: r
        for r in compute.result_rows(compute.compute(scheme, facts, run.eval_year), facts)
    }
    out = []
    for old in run.results.select_related("enterprise"):
        new = rows.get(old.enterprise_id)
        if new is None or (new["grade"] == old.grade and new["rank"] == old.rank):
            continue
        out.append(
            {
                "enterprise": old.enterprise,
                "cohort": old.cohort,
                "grade_before": old.grade,
                "grade_after": new["grade"],
                "rank_before": old.rank,
                "rank_after": new["rank"],
                "total_before": old.total_min,
                "total_after": new["total_min"],
            }
        )
    out.sort(
        key=lambda m: (m["grade_before"] == m["grade_after"], m["cohort"], m["rank_after"] or 0)
    )
    return out
