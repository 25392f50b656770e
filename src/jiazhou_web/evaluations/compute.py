"""Scheme engine → evaluation results: facts of a cohort, completeness, scores and explanations.

No scoring happens here: ``jiazhou.schemes.score`` computes points, cohort benchmarks, ranks and
quota classes; this module only prepares the facts, checks which inputs are missing and turns the
engine's wide table into rows to store.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db.models import QuerySet

from jiazhou.fields import field_map
from jiazhou.schemes import Scheme, ScoreResult, input_columns, load_scheme, score
from jiazhou.schemes.model import Item
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.scoring.facts import Facts, build_facts

# Identity fields the evaluations read that the enterprise register does not hold yet: absent
# means "none" (no exemption category, no park), never an error.
OPTIONAL_IDENTITY = {"exemption_category": pl.String, "park": pl.String}
CRITERIA_STATES = ("met", "unmet", "unknown", "manual_review", "not_applicable")

# The completeness report groups inputs the way the officers ask for them (issue 18).
INPUT_GROUPS: dict[str, tuple[str, ...]] = {
    "用地面积": ("land_own_mu", "land_leased_mu", "floor_leased_m2"),
    "综合能耗": ("energy_tce",),
    "税收": ("tax_vat", "tax_cit"),
    "用电量": ("electricity_kwh",),
    "排放": ("emissions_equiv",),
    "工业增加值": ("industrial_added_value",),
    "营业收入": ("operating_revenue",),
    "从业人员": ("employees_total",),
    "研发费用": ("rd_expense_audited",),
}


@dataclass(frozen=True)
class Computed:
    result: ScoreResult
    facts: Facts


def evaluation_schemes() -> list[Scheme]:
    """Library schemes that are annual cohort evaluations."""
    from jiazhou.schemes import list_schemes

    return [s for s in list_schemes() if s.evaluation is not None]


def cohort_facts(enterprises: QuerySet[Enterprise]) -> Facts:
    """The scoring facts plus the evaluations' identity fields (park from ``ParkFirm``)."""
    from jiazhou_web.evaluations.models import ParkFirm

    facts = build_facts(enterprises)
    identity = facts.identity
    if "park" not in identity.columns:
        parks = dict(
            ParkFirm.objects.filter(enterprise__in=enterprises.values("pk")).values_list(
                "enterprise_id", "park__code"
            )
        )
        frame = pl.DataFrame(
            {"enterprise_id": list(parks), "park": list(parks.values())},
            schema={"enterprise_id": pl.Int64, "park": pl.String},
        )
        identity = identity.join(frame, on="enterprise_id", how="left")
    identity = identity.with_columns(
        pl.lit(None, dtype).alias(c)
        for c, dtype in OPTIONAL_IDENTITY.items()
        if c not in facts.identity.columns
    )
    return Facts(facts.panel, identity)


def compute(scheme: Scheme | str, facts: Facts, eval_year: int) -> ScoreResult:
    loaded = load_scheme(scheme) if isinstance(scheme, str) else scheme
    return score(facts.panel, loaded, eval_year, identity=facts.identity)


def completeness(scheme: Scheme, facts: Facts, eval_year: int) -> dict[str, Any]:
    """Which firms lack which inputs of the scheme in fiscal year Y-1 (before the run)."""
    read = {c[:-3] for c in input_columns(scheme) if c.endswith("_y1")}
    year = facts.panel.filter(pl.col("fiscal_year") == eval_year - 1)
    names = dict(facts.identity.select("uscc", "enterprise_id").iter_rows())
    frame = facts.identity.select("uscc").join(year, on="uscc", how="left")
    groups = []
    for label, codes in INPUT_GROUPS.items():
        used = [c for c in codes if c in read and c in frame.columns]
        if not used:
            continue
        missing = frame.filter(pl.all_horizontal(pl.col(c).is_null() for c in used))["uscc"]
        groups.append(
            {
                "label": label,
                "fields": [field_map()[c].name_zh for c in used],
                "missing": missing.len(),
                "enterprise_ids": [names[u] for u in missing.to_list()[:200]],
            }
        )
    return {"fiscal_year": eval_year - 1, "firms": frame.height, "groups": groups}


def _num(x: Any) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    return float(x)


def criteria_meta(scheme: Scheme) -> list[dict[str, Any]]:
    """Labels, citations and confidence tags ([U] = local configuration) of a scheme."""
    meta: list[dict[str, Any]] = [
        {
            "kind": "item",
            "id": i.id,
            "label_zh": i.label_zh,
            "cite": i.cite,
            "tag": i.tag,
            "max": i.top,
            "weight_max": i.max,
            "method": i.method,
            "group": i.group or "",
        }
        for i in scheme.items
    ]
    meta += [
        {"kind": "group", "id": g.id, "label_zh": g.label_zh, "max": g.max, "floor": g.floor}
        for g in scheme.groups
    ]
    meta += [
        {"kind": "stage", "id": s.name, "label_zh": s.label_zh, "cite": s.cite, "tag": s.tag}
        for s in scheme.stages
    ]
    meta.append(
        {
            "kind": "outcome",
            "classes": [
                {"name": c.name, "share": c.share, "ties": c.ties, "quota": c.quota}
                for c in scheme.outcome.classes
            ],
            "cite": scheme.outcome.cite,
            "evaluation_cite": scheme.evaluation.cite if scheme.evaluation else "",
            "evaluation_tag": scheme.evaluation.tag if scheme.evaluation else "",
        }
    )
    return meta


def _item_row(item: Item, row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": item.id,
        "value": _num(row.get(f"{item.id}__value")),
        "benchmark": _num(row.get(f"{item.id}__benchmark")),
        "points": _num(row.get(f"{item.id}__points_min")),
        "points_max": _num(row.get(f"{item.id}__points_max")),
        "status": CRITERIA_STATES[int(row[f"{item.id}__status"])],
        "imputed": bool(row.get(f"{item.id}__imputed") or False),
    }


def result_rows(result: ScoreResult, facts: Facts) -> list[dict[str, Any]]:
    """One dict per firm: the fields of an ``EvaluationResult``."""
    wide = result.wide.join(facts.identity.select("uscc", "enterprise_id"), on="uscc", how="inner")
    items = result.scheme.items
    stage_names = {st.name: st.label_zh for st in result.scheme.stages}
    rows = []
    for r in wide.iter_rows(named=True):
        rows.append(
            {
                "enterprise_id": r["enterprise_id"],
                "total": _num(r["total"]),
                "total_min": _num(r["total_min"]),
                "total_max": _num(r["total_max"]),
                "grade": r.get("class") or "",
                "rank": r.get("rank"),
                "rank_stage": r.get("rank_stage"),
                "cohort_size": r.get("cohort_size"),
                "cohort": r.get("cohort") or "",
                "stage": stage_names.get(r.get("stage") or "", r.get("stage") or ""),
                "exempt": bool(r.get("exempt") or False),
                "items": [_item_row(i, r) for i in items],
            }
        )
    return rows
