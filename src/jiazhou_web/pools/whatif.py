"""What-if (假设分析): change a firm's figures for the last fiscal year and re-score it.

Nothing is saved: the firm's facts are read, the changed values replace the stored ones in the
Polars panel, and the engine scores the result against the schemes in force. Schemes with
population-relative items (min-max, percentile …) are scored with the population of the firm's
latest stored run, so the firm is compared with the same peers as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import polars as pl

from jiazhou.fields import field_map
from jiazhou.schemes import Scheme, input_columns, score
from jiazhou.schemes.model import POPULATION_METHODS
from jiazhou_web.core.names import scheme_label
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.pools.assessment import ProgrammeCard, criterion_row, sorted_rows
from jiazhou_web.scoring.actions import criteria_meta
from jiazhou_web.scoring.facts import NUMERIC_UNITS, Facts, build_facts
from jiazhou_web.scoring.models import UnitResult
from jiazhou_web.scoring.programmes import schemes_for

EDITABLE_UNITS = NUMERIC_UNITS | {"bool"}


def editable_fields(eval_year: int) -> list[str]:
    """Annual fields that the schemes in force read for fiscal year Y-1, in catalogue order."""
    read: set[str] = set()
    for scheme in schemes_for(eval_year).values():
        read |= {c.removesuffix("_y1") for c in input_columns(scheme) if c.endswith("_y1")}
    return [
        code for code, spec in field_map().items() if code in read and spec.unit in EDITABLE_UNITS
    ]


def current_values(facts: Facts, uscc: str, fiscal_year: int, codes: list[str]) -> dict[str, Any]:
    """The stored values of ``codes`` for one firm-year (None where nothing is on file)."""
    row = facts.panel.filter((pl.col("uscc") == uscc) & (pl.col("fiscal_year") == fiscal_year))
    if row.height == 0:
        return dict.fromkeys(codes)
    first = row.row(0, named=True)
    return {c: first.get(c) for c in codes}


def _uses_population(scheme: Scheme) -> bool:
    return any(item.method in POPULATION_METHODS for item in scheme.items)


def what_if(
    enterprise: Enterprise, eval_year: int, changes: Mapping[str, float | Decimal | bool]
) -> list[ProgrammeCard]:
    """Programme cards as they would be if Y-1 carried ``changes``; nothing is written."""
    values = {k: float(v) for k, v in changes.items()}
    own = build_facts(Enterprise.objects.filter(pk=enterprise.pk))
    cards = []
    for programme, scheme in schemes_for(eval_year).items():
        facts = own
        if _uses_population(scheme):
            peers = UnitResult.objects.filter(
                enterprise=enterprise, programme=programme, current=True
            ).values("run")
            population = Enterprise.objects.filter(scoring_results__run__in=peers)
            facts = build_facts(population | Enterprise.objects.filter(pk=enterprise.pk))
        uscc = str(enterprise.uscc)
        changed = facts.with_overrides(uscc, eval_year - 1, values)
        events = changed.events if changed.events.height else None
        result = score(changed.panel, scheme, eval_year, identity=changed.identity, events=events)
        explained = result.explain(uscc, eval_year)
        meta = {m["criterion"]: m for m in criteria_meta(scheme)}
        card = ProgrammeCard(programme)
        card.rows = sorted_rows([criterion_row(meta[c["id"]], c) for c in explained["criteria"]])
        card.status = str(explained["status"])
        total, lo, hi = explained["total"], explained["total_min"], explained["total_max"]
        card.score = (
            f"{total:g}" if total is not None else (f"{lo:g}–{hi:g}" if lo is not None else "")
        )
        card.scheme = scheme_label(scheme.code)
        card.n_unmet, card.n_unknown = explained["n_unmet"] or 0, explained["n_unknown"] or 0
        card.gap_score, card.total_min = explained["gap_score"] or 0.0, lo
        cards.append(card)
    return cards
