"""The bulk store path (COPY on PostgreSQL, executemany on SQLite) stores exactly the rows that
plain ``bulk_create`` of ``UnitResult`` / ``CriterionResult`` instances stores (issue 21)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import polars as pl
import pytest

from jiazhou.schemes import score_many
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.scoring.actions import score_enterprises
from jiazhou_web.scoring.facts import build_facts
from jiazhou_web.scoring.models import CriterionResult, ScoringRun, UnitResult
from jiazhou_web.scoring.programmes import programme_of, schemes_for

pytestmark = pytest.mark.django_db

UNIT_FIELDS = (
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
CRITERION_FIELDS = (
    "unit__enterprise_id",
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


def _finite(v: Any) -> Any:
    return v if v is None or math.isfinite(v) else None


def plain_store(result: Any, facts: Any, eval_year: int, run: ScoringRun) -> None:
    """The plain ORM way: a model instance per row, ``bulk_create`` (the path before COPY)."""
    programme = programme_of(result.scheme.code)
    summary = result.summary.join(
        facts.identity.select("uscc", "enterprise_id"), on="uscc", how="inner"
    )
    units = UnitResult.objects.bulk_create(
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
    )
    ids = pl.DataFrame({"uscc": summary["uscc"], "unit_id": [u.pk for u in units]})
    details = result.details().join(ids, on="uscc", how="inner", maintain_order="left")
    CriterionResult.objects.bulk_create(
        CriterionResult(
            unit_id=r["unit_id"],
            criterion=r["criterion"],
            kind=r["kind"],
            status=r["status"],
            value=_finite(r["value"]),
            requirement=_finite(r["requirement"]),
            gap=_finite(r["gap"]),
            rel_gap=_finite(r["rel_gap"]),
            points_min=_finite(r["points_min"]),
            points_max=_finite(r["points_max"]),
            boundary=bool(r["boundary"]),
        )
        for r in details.iter_rows(named=True)
    )


def stored(run: ScoringRun) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """A run's rows without ids, units by firm, criteria by firm then storing order."""
    units = list(
        UnitResult.objects.filter(run=run).order_by("enterprise_id").values_list(*UNIT_FIELDS)
    )
    criteria = list(
        CriterionResult.objects.filter(unit__run=run)
        .order_by("unit__enterprise_id", "id")
        .values_list(*CRITERION_FIELDS)
    )
    return units, criteria


def test_bulk_store_keeps_the_rows_of_plain_bulk_create(
    hnte_firm: Callable[..., Any], city_admin: Any
) -> None:
    # pass, fail, unknown (missing figures), review (HNTE's expert items), zone and non-zone firms
    hnte_firm(zone=True)
    hnte_firm(tech_staff=5)
    hnte_firm(rd_expense_hnte=None, ip_class1_count=None, employees_total=None)
    hnte_firm(zone=True, sales_revenue_hnte=300_000_000, operating_revenue=300_000_000)
    hnte_firm(net_profit=-5_000_000, invention_patents=6, conversions=0)
    schemes = list(schemes_for(2025).values())
    outcomes = score_enterprises(Enterprise.objects.all(), schemes, 2025, actor=city_admin)
    assert len(outcomes) == len(schemes) and all(o.created for o in outcomes)
    fast = {o.run.scheme_code: stored(o.run) for o in outcomes}
    statuses = {u[3] for units, _ in fast.values() for u in units}
    assert {"pass", "fail", "unknown"} <= statuses
    assert any(c[4] is None for _, criteria in fast.values() for c in criteria)  # NULL values

    facts = build_facts(Enterprise.objects.all())
    for result in score_many(facts.panel, schemes, 2025, identity=facts.identity):
        run = ScoringRun.objects.get(scheme_code=result.scheme_code)
        plain = ScoringRun.objects.create(
            scheme_code=run.scheme_code,
            scheme_version=run.scheme_version,
            scheme_title=run.scheme_title,
            programme=run.programme,
            eval_year=run.eval_year,
            data_hash="plain",
        )
        plain_store(result, facts, 2025, plain)
        assert stored(plain) == fast[result.scheme_code], result.scheme_code


def test_figures_read_as_a_frame_equal_the_cursor_rows(hnte_firm: Callable[..., Any]) -> None:
    """COPY … TO STDOUT (PostgreSQL) or chunked fetchmany (SQLite) gives the values, nulls and
    empty strings a plain cursor returns, so the panel and its data hash do not change."""
    from django.db import connection
    from django.db.models import FloatField
    from django.db.models.functions import Cast

    from jiazhou_web.enterprises.models import EnterpriseFigure
    from jiazhou_web.scoring import facts as facts_module

    firm = hnte_firm(net_profit=-1_234_567.8912, total_assets=1e-4)
    hnte_firm(rd_expense_hnte=None)
    EnterpriseFigure.objects.create(
        enterprise=firm,
        fiscal_year=2024,
        field="rd_measure_choice",
        text_value='a "b", c',
        source="declaration",
        as_of="2025-03-31",
    )
    qs = (
        EnterpriseFigure.objects.annotate(number=Cast("value", FloatField()))
        .order_by("id")
        .values_list("enterprise_id", "fiscal_year", "field", "number", "text_value")
    )
    schema = {
        "enterprise_id": pl.Int64,
        "fiscal_year": pl.Int64,
        "field": pl.String,
        "number": pl.Float64,
        "text": pl.String,
    }
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        plain = pl.DataFrame(cursor.fetchall(), schema=schema, orient="row")
    framed = facts_module._read_frame(qs, schema)
    assert plain.height > 50 and plain["number"].null_count() == 1
    assert (plain["text"] == "").sum() == plain.height - 1
    assert framed.equals(plain)
