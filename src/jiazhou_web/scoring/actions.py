"""Scoring runs: score enterprises with the engine and store every result (idempotently)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
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

COPY_SLICE = 200_000  # rows per CSV chunk written to COPY (PostgreSQL)
INSERT_SLICE = 50_000  # rows per executemany (SQLite)


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
    unit_ids = _insert_units(run, summary, programme, eval_year)
    details = result.details().join(unit_ids, on="uscc", how="inner", maintain_order="left")
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


UNIT_COLUMNS = (
    "run_id",
    "enterprise_id",
    "programme",
    "eval_year",
    "status",
    "total",
    "total_min",
    "total_max",
    "grade",
    "rank",
    "n_unmet",
    "n_unknown",
    "n_review",
    "gap_score",
    "route_met",
    "current",
)

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


def _insert_units(
    run: ScoringRun, summary: pl.DataFrame, programme: str, eval_year: int
) -> pl.DataFrame:
    """Bulk insert of the summary rows (one per firm); returns ``uscc`` → ``unit_id``.

    The rows go straight from the engine's frame to the database (:func:`_copy_frame`), with
    the values ``bulk_create`` of ``UnitResult`` instances would store (``current`` true, no
    class → ``""``, missing counts → 0, no route → false); the new ids are read back by run.
    """
    frame = summary.select(
        pl.lit(run.pk, pl.Int64).alias("run_id"),
        pl.col("enterprise_id").cast(pl.Int64),
        pl.lit(programme, pl.String).alias("programme"),
        pl.lit(eval_year, pl.Int64).alias("eval_year"),
        pl.col("status").cast(pl.String),
        *(pl.col(c).cast(pl.Float64) for c in ("total", "total_min", "total_max")),
        pl.col("class").cast(pl.String).fill_null("").alias("grade"),
        pl.col("rank").cast(pl.Int64),
        *(pl.col(c).cast(pl.Int64).fill_null(0) for c in ("n_unmet", "n_unknown", "n_review")),
        pl.col("gap_score").cast(pl.Float64).fill_null(0.0),
        pl.col("route_met").cast(pl.Boolean).fill_null(False),
        pl.lit(True).alias("current"),
    )
    _copy_frame(UnitResult, UNIT_COLUMNS, frame)
    ids = pl.DataFrame(
        list(UnitResult.objects.filter(run=run).values_list("enterprise_id", "id")),
        schema={"enterprise_id": pl.Int64, "unit_id": pl.Int64},
        orient="row",
    )
    return summary.select("uscc", pl.col("enterprise_id").cast(pl.Int64)).join(
        ids, on="enterprise_id", how="inner"
    )


def _insert_criteria(details: pl.DataFrame) -> None:
    """Bulk insert of the explanation rows straight from the engine's long table.

    Hundreds of thousands of rows per run, so no model instance per row (:func:`_copy_frame`).
    Non-finite floats become NULL.
    """
    floats = ("value", "requirement", "gap", "rel_gap", "points_min", "points_max")
    frame = details.select(
        pl.col("unit_id").cast(pl.Int64),
        pl.col("criterion").cast(pl.String),
        pl.col("kind").cast(pl.String),
        pl.col("status").cast(pl.String),
        *(pl.when(pl.col(c).is_finite()).then(pl.col(c)).cast(pl.Float64).alias(c) for c in floats),
        pl.col("boundary").cast(pl.Boolean).fill_null(False),
    ).sort("unit_id", maintain_order=True)  # a firm's rows together, in the scheme's order
    _copy_frame(CriterionResult, CRITERION_COLUMNS, frame)


def _copy_frame(model: type[Any], columns: Sequence[str], frame: pl.DataFrame) -> None:
    """Insert the rows of ``frame`` (columns in ``columns`` order) into ``model``'s table.

    PostgreSQL: ``COPY … FROM STDIN`` fed with CSV that Polars writes (no Python object per
    row or value; floats in their shortest round-trip form, NULL as ``\\N`` so that an empty
    string stays an empty string). SQLite: a prepared multi-row ``INSERT`` through
    ``executemany`` per slice, each statement inserting as many rows as the bound parameters
    allow (half the CPU of one row per statement). Both run in the caller's transaction.
    """
    if frame.height == 0:
        return
    ops = connection.ops
    table = ops.quote_name(model._meta.db_table)
    names = ", ".join(ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
            with cursor.cursor.copy(sql) as copy:
                for part in frame.iter_slices(COPY_SLICE):
                    copy.write(part.write_csv(include_header=False, null_value="\\N"))
            return
        width = len(columns)
        per = max(1, (connection.features.max_query_params or 999) // width)
        one = "(" + ", ".join(["%s"] * width) + ")"
        insert = f"INSERT INTO {table} ({names}) VALUES "  # fixed identifiers
        many = insert + ", ".join([one] * per)
        step = per * width
        for part in frame.iter_slices(INSERT_SLICE):
            values = [s.to_list() for s in part.get_columns()]
            flat = list(chain.from_iterable(zip(*values, strict=True)))
            full = len(flat) // step * step
            cursor.executemany(many, [flat[i : i + step] for i in range(0, full, step)])
            if full < len(flat):
                rest = (len(flat) - full) // width
                cursor.execute(insert + ", ".join([one] * rest), flat[full:])


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
