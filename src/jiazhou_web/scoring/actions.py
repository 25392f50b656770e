"""Scoring runs: score enterprises with the engine and store every result (idempotently)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db import connection, transaction
from django.db.models import QuerySet

from jiazhou.schemes import Scheme, ScoreResult, load_scheme, score_many
from jiazhou.schemes.model import Gate, Item
from jiazhou_web.core import audit
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.scoring.choices import ScoringEvent
from jiazhou_web.scoring.facts import Facts, build_facts
from jiazhou_web.scoring.models import CriterionResult, ScoringRun, UnitResult
from jiazhou_web.scoring.programmes import programme_of

BATCH = 5000


@dataclass(frozen=True)
class RunOutcome:
    run: ScoringRun
    created: bool  # False: the same scheme version, year and data were scored before


def score_enterprises(
    enterprises: QuerySet[Enterprise],
    schemes: Sequence[str | Scheme],
    eval_year: int,
    *,
    actor: Any,
    scope_label: str = "",
) -> list[RunOutcome]:
    """Score ``enterprises`` (already limited to the actor's scope) against ``schemes``.

    The facts are built once; each scheme whose (code, version, year, data hash) is already
    stored returns the stored run; the others are scored together and stored.
    """
    loaded = [load_scheme(s) if isinstance(s, str) else s for s in schemes]
    facts = build_facts(enterprises)
    digest = facts.data_hash
    outcomes: dict[str, RunOutcome] = {}
    todo: list[Scheme] = []
    for scheme in loaded:
        existing = ScoringRun.objects.filter(
            scheme_code=scheme.code,
            scheme_version=scheme.version,
            eval_year=eval_year,
            data_hash=digest,
        ).first()
        if existing is not None:
            outcomes[scheme.code] = RunOutcome(existing, created=False)
        else:
            todo.append(scheme)
    if todo and facts.identity.height:
        started = time.perf_counter()
        events = facts.events if facts.events.height else None
        results = score_many(facts.panel, todo, eval_year, identity=facts.identity, events=events)
        seconds = (time.perf_counter() - started) / len(todo)
        for result in results:
            run = store_run(
                result,
                facts,
                eval_year,
                digest,
                actor=actor,
                scope_label=scope_label,
                seconds=seconds,
            )
            outcomes[result.scheme_code] = RunOutcome(run, created=True)
    return [outcomes[s.code] for s in loaded if s.code in outcomes]


def criteria_meta(scheme: Scheme) -> list[dict[str, Any]]:
    """Labels, citations, confidence tags, gap units and maxima of a scheme's criteria."""
    meta: list[dict[str, Any]] = []
    kinds: list[tuple[str, Gate | Item]] = [
        *(("gate", g) for g in scheme.gates),
        *(("route", r) for r in scheme.routes),
        *(("item", i) for i in scheme.items),
    ]
    for kind, c in kinds:
        entry: dict[str, Any] = {
            "criterion": c.id,
            "kind": kind,
            "label_zh": c.label_zh,
            "label_en": c.label_en,
            "cite": c.cite,
            "tag": c.tag,
        }
        if isinstance(c, Gate):
            entry.update(
                gap_unit=c.gap_unit,
                direction=c.direction or "",
                message_zh=c.message_zh,
                message_en=c.message_en,
                required=c.required,
            )
        else:
            entry.update(max_points=c.max, method=c.method, group=c.group or "")
        meta.append(entry)
    return meta


@transaction.atomic
def store_run(
    result: ScoreResult,
    facts: Facts,
    eval_year: int,
    digest: str,
    *,
    actor: Any,
    scope_label: str = "",
    seconds: float = 0.0,
) -> ScoringRun:
    """Store one engine result: the run, a summary row per firm, a row per firm × criterion."""
    scheme = result.scheme
    programme = programme_of(scheme.code)
    summary = result.summary.join(
        facts.identity.select("uscc", "enterprise_id"), on="uscc", how="inner"
    )
    run = ScoringRun.objects.create(
        scheme_code=scheme.code,
        scheme_version=scheme.version,
        scheme_title=scheme.title_zh,
        scheme_document=scheme.document,
        programme=programme,
        eval_year=eval_year,
        data_hash=digest,
        scope_label=scope_label,
        criteria=criteria_meta(scheme),
        unit_count=summary.height,
        pass_count=summary.filter(pl.col("status") == "pass").height,
        seconds=round(seconds, 3),
        created_by=audit.acting_user(actor),
    )
    units = UnitResult.objects.bulk_create(
        [
            UnitResult(
                run=run,
                enterprise_id=r["enterprise_id"],
                programme=programme,
                eval_year=eval_year,
                status=r["status"],
                total=r["total"],
                total_min=r["total_min"],
                total_max=r["total_max"],
                grade=r["class"] or "",
                rank=r["rank"],
                n_unmet=r["n_unmet"] or 0,
                n_unknown=r["n_unknown"] or 0,
                n_review=r["n_review"] or 0,
                gap_score=r["gap_score"] or 0.0,
                route_met=bool(r["route_met"]),
            )
            for r in summary.iter_rows(named=True)
        ],
        batch_size=BATCH,
    )
    unit_ids = pl.DataFrame(
        {"uscc": summary["uscc"], "unit_id": [u.pk for u in units]},
        schema={"uscc": pl.String, "unit_id": pl.Int64},
    )
    details = result.details().join(unit_ids, on="uscc", how="inner")
    _insert_criteria(details)
    _mark_current(run)
    audit.record(
        ScoringEvent.RUN_STORED,
        actor=actor,
        target=run,
        after={
            "scheme": scheme.code,
            "version": scheme.version,
            "eval_year": eval_year,
            "data_hash": digest,
            "enterprises": run.unit_count,
            "qualifying": run.pass_count,
        },
    )
    return run


CRITERION_COLUMNS = (
    "unit_id",
    "criterion",
    "kind",
    "status",
    "value",
    "requirement",
    "gap",
    "rel_gap",
    "points_min",
    "points_max",
    "boundary",
)


def _insert_criteria(details: pl.DataFrame) -> None:
    """Bulk insert of the explanation rows straight from the engine's long table.

    Hundreds of thousands of rows per run: parameter tuples go to ``executemany`` without
    building a model instance per row (same SQL on SQLite and PostgreSQL). Non-finite floats
    become NULL.
    """
    floats = ("value", "requirement", "gap", "rel_gap", "points_min", "points_max")
    frame = details.select(
        pl.col("unit_id"),
        pl.col("criterion"),
        pl.col("kind"),
        pl.col("status").cast(pl.String),
        *(pl.when(pl.col(c).is_finite()).then(pl.col(c)).alias(c) for c in floats),
        pl.col("boundary").fill_null(False),
    )
    table = connection.ops.quote_name(CriterionResult._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in CRITERION_COLUMNS)
    marks = ", ".join(["%s"] * len(CRITERION_COLUMNS))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - fixed identifiers
    rows = frame.rows()
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH * 4):
            cursor.executemany(sql, rows[start : start + BATCH * 4])


def _mark_current(run: ScoringRun) -> None:
    """The run's results become current for their firms unless a later year is already current."""
    mine = UnitResult.objects.filter(run=run)
    others = UnitResult.objects.filter(
        programme=run.programme, current=True, enterprise__in=mine.values("enterprise")
    ).exclude(run=run)
    newer = set(others.filter(eval_year__gt=run.eval_year).values_list("enterprise_id", flat=True))
    others.filter(eval_year__lte=run.eval_year).update(current=False)
    if newer:
        mine.filter(enterprise_id__in=newer).update(current=False)
