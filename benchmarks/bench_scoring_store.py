"""Benchmark: every qualification scheme scored for N firms from the database, stored (issue 21).

    .venv/bin/python benchmarks/bench_scoring_store.py [--firms 100000]      # SQLite, temp dir
    createdb jiazhou_bench_store && .venv/bin/python benchmarks/bench_scoring_store.py \
        --database-url postgres://jiazhou:jiazhou@127.0.0.1:5432/jiazhou_bench_store

Builds a throwaway database (SQLite in a temporary directory unless ``--database-url`` names an
empty PostgreSQL database: the script migrates it and refuses one that already holds
enterprises) and bulk-loads ``--firms`` synthetic firms (模拟数据, ``jiazhou.synthetic``) with
three fiscal years of every annual figure (IP counts, R&D, income, staff, titles …), the
高企/科小 certificates their flags imply and a few dated incidents — not timed, in a child
process so that its memory does not count.

Timed: ``scoring.actions.score_enterprises`` on every firm with every programme's scheme in
force (``schemes_for``) — the very function the web 「运行测评」 action and the nightly job
(``manage.py score_enterprises``) call: ``build_facts`` (read), ``score_many`` (engine),
``store_run`` per scheme (write: the run, a result row per firm, an explanation row per firm ×
criterion, the audit row). The three phases are timed by wrapping those names inside
``scoring.actions``; what is left (data hash, looking up stored runs) is "other".

Baseline measured in the same run, after the timed part: the bare read of the same figure rows
(``SELECT`` through the DB-API cursor, rows discarded) and the bare write of the same number of
result and explanation rows (the stored rows re-inserted with ``executemany`` on SQLite, COPY on
PostgreSQL, rolled back). Ratios to it show what the production path adds.

Peak memory is ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` read right after the timed call:
the high-water resident set of this Python process (Django, Polars, the rows in flight) — not of
the PostgreSQL server, and not of the loader child. Goals: ≤ 120 s on PostgreSQL, ≤ 180 s on
SQLite, ≤ 6 GB, for 100,000 firms.

Measured 2026-12-06 (2 shared cores, load average 12.7–15.4, both runs overlapping): SQLite
471 s (read 36 %, engine 1 %, write 63 %), PostgreSQL 541 s (34 / 2 / 65 %), 10.9 M rows
stored, peak RSS 3.0 GB; the bare read + write of the same rows took 257 s (PG) and 371 s
(SQLite) there: the path is 2.1× and 1.3× that baseline.
Goals not met at that load; details and next steps in docs/adr/0027-scoring-store-bulk-paths.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiazhou_web.config.settings")

EVAL_YEAR = 2025
FISCAL_YEARS = (EVAL_YEAR - 3, EVAL_YEAR - 2, EVAL_YEAR - 1)
SEED = 21
GOAL_SECONDS = {"postgresql": 120.0, "sqlite": 180.0}
GOAL_FIRMS = 100_000
GOAL_RSS_GB = 6.0


def parse() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--firms", type=int, default=GOAL_FIRMS)
    ap.add_argument("--quick", action="store_true", help="10,000 firms (run_all)")
    ap.add_argument("--database-url", default="", help="an empty PostgreSQL database")
    ap.add_argument("--load-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.quick:
        args.firms = 10_000
    return args


# --------------------------------------------------------------------------- loading (untimed)


def load(n: int) -> None:
    """Store ``n`` synthetic firms with three years of figures, certificates and incidents."""
    import datetime as dt

    import polars as pl
    from django.core.management import call_command
    from django.db import connection, transaction

    from jiazhou.fields import annual_codes
    from jiazhou.synthetic import generate_population, split_identity
    from jiazhou_web.enterprises.demo import (
        TECH_FIELD_BY_NUMBER,
        ZONE_CODE,
        _industry,
        _industry_resolver,
    )
    from jiazhou_web.enterprises.figures import annual_field_map
    from jiazhou_web.enterprises.models import (
        Certificate,
        Enterprise,
        EnterpriseFigure,
        Incident,
    )
    from jiazhou_web.regions.models import Region

    call_command("migrate", verbosity=0)
    if Enterprise.objects.exists():
        raise SystemExit("the database holds enterprises: use an empty database")
    started = time.perf_counter()
    panel = generate_population(n_firms=n, years=FISCAL_YEARS, seed=SEED)
    identity, annual = split_identity(panel)
    regions = {r.code: r for r in Region.objects.all()}
    industries = _industry_resolver()
    with transaction.atomic():
        Enterprise.objects.bulk_create(
            (
                Enterprise(
                    uscc=r["uscc"],
                    name=r["name"],
                    registration_date=r["registration_date"],
                    region=regions[r["region_code"]],
                    zone=regions[ZONE_CODE] if r["in_zone"] else None,
                    industry=_industry(r["industry_code"], industries),
                    tech_field=TECH_FIELD_BY_NUMBER.get(r["tech_field"] or "", ""),
                    size_class=r["sme_size_class"],
                    lifecycle_stage=r["lifecycle_stage"],
                    strategic_emerging=r["strategic_emerging"],
                    key_chain_role=str(r["key_chain_role"]),
                    resident_enterprise_cn=r["resident_enterprise_cn"],
                    tax_collection_method=r["tax_collection_method"],
                    listed_status=r["listed_status"],
                    above_scale_industrial=r["above_scale_industrial"],
                    segment_start_date=r["segment_start_date"],
                    synthetic=True,
                )
                for r in identity.iter_rows(named=True)
            ),
            batch_size=2000,
        )
        ids = pl.DataFrame(
            list(Enterprise.objects.values_list("uscc", "id")),
            schema={"uscc": pl.String, "enterprise_id": pl.Int64},
            orient="row",
        )
        specs = annual_field_map()
        codes = [c for c in annual_codes() if c in annual.columns]
        as_of = dt.date(EVAL_YEAR, 6, 30).isoformat()
        wide = annual.join(ids, on="uscc").select(
            "enterprise_id",
            pl.col("fiscal_year").cast(pl.Int64),
            *(
                pl.col(c).cast(pl.Int64).cast(pl.String).alias(c)
                if specs[c].unit == "code"
                else pl.col(c).cast(pl.Float64).round(4).alias(c)
                for c in codes
            ),
        )
        numeric = [c for c in codes if specs[c].unit != "code"]
        text = [c for c in codes if specs[c].unit == "code"]
        long = pl.concat(
            [
                wide.unpivot(numeric, index=["enterprise_id", "fiscal_year"], variable_name="field")
                .drop_nulls("value")
                .with_columns(pl.lit("").alias("text_value")),
                wide.unpivot(text, index=["enterprise_id", "fiscal_year"], variable_name="field")
                .drop_nulls("value")
                .select(
                    "enterprise_id",
                    "fiscal_year",
                    "field",
                    pl.lit(None, pl.Float64).alias("value"),
                    pl.col("value").alias("text_value"),
                ),
            ]
        ).with_columns(pl.lit("synthetic").alias("source"), pl.lit(as_of).alias("as_of"))
        # in the order of the unique index: appending, not random page writes (17M rows)
        long = long.sort("enterprise_id", "fiscal_year", "field")
        _bulk_insert(connection, EnterpriseFigure, long)
        n_fig = long.height
        del long, wide

        latest = annual.filter(pl.col("fiscal_year") == FISCAL_YEARS[-1]).join(ids, on="uscc")
        certificates = []
        for flag, programme, prefix, years in (
            ("hnte_certified", "hnte", "GR", 3),
            ("tech_sme_registered", "tech_sme", "KX", 1),
        ):
            for seq, eid in enumerate(latest.filter(pl.col(flag))["enterprise_id"].to_list()):
                first = FISCAL_YEARS[-1] - (seq % years)
                certificates.append(
                    Certificate(
                        enterprise_id=eid,
                        programme=programme,
                        number=f"{prefix}{first}51{seq:06d}",
                        valid_from=dt.date(first, 1, 1),
                        valid_to=dt.date(first + years, 12, 31),
                        issuer="模拟",
                        synthetic=True,
                    )
                )
        Certificate.objects.bulk_create(certificates, batch_size=2000)
        kinds = ("major_safety", "serious_environmental", "research_misconduct", "tax_evasion")
        incidents = [
            Incident(
                enterprise_id=eid,
                occurred_on=dt.date(EVAL_YEAR - 1 - i % 2, 1 + i % 12, 1 + i % 28),
                kind=kinds[i % len(kinds)],
                source="synthetic",
            )
            for i, eid in enumerate(ids["enterprise_id"].to_list()[::200])
        ]
        Incident.objects.bulk_create(incidents, batch_size=2000)
    print(
        f"{connection.vendor}: {n:,} firms, {n_fig:,} figure rows "
        f"({len(FISCAL_YEARS)} fiscal years), {len(certificates):,} certificates, "
        f"{len(incidents):,} incidents stored (模拟数据, {time.perf_counter() - started:.0f} s, "
        "not timed)",
        flush=True,
    )


def _bulk_insert(connection: Any, model: Any, frame: Any) -> None:
    """The loader's own bulk insert (COPY on PostgreSQL, executemany on SQLite)."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = [model._meta.get_field(c).column if c != "enterprise_id" else c for c in frame.columns]
    columns = ", ".join(connection.ops.quote_name(c) for c in names)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)"
            with cursor.cursor.copy(sql) as copy:
                for batch in frame.iter_slices(500_000):
                    copy.write(batch.write_csv(include_header=False))
        else:
            cursor.execute("PRAGMA cache_size = -1000000")  # 1 GB for the loader only
            marks = ", ".join(["%s"] * len(names))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
            for batch in frame.iter_slices(100_000):
                cursor.executemany(sql, batch.rows())


# --------------------------------------------------------------------------- measuring


def timed_names(module: Any, names: dict[str, str], spent: dict[str, float]) -> None:
    """Wrap ``module.<name>`` so that its wall time adds to ``spent[phase]``."""
    for name, phase in names.items():
        original: Callable[..., Any] = getattr(module, name)

        def wrapper(*a: Any, _f: Callable[..., Any] = original, _p: str = phase, **k: Any) -> Any:
            started = time.perf_counter()
            try:
                return _f(*a, **k)
            finally:
                spent[_p] += time.perf_counter() - started

        setattr(module, name, wrapper)


def baseline(connection: Any) -> tuple[float, float]:
    """Bare read of the figure rows and bare write of the stored result rows (rolled back)."""
    from django.db import transaction

    from jiazhou_web.enterprises.models import EnterpriseFigure
    from jiazhou_web.scoring.models import CriterionResult, ScoringRun, UnitResult

    q = connection.ops.quote_name
    fig = q(EnterpriseFigure._meta.db_table)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT enterprise_id, fiscal_year, field, value, text_value FROM {fig}")  # noqa: S608
        while cursor.fetchmany(100_000):
            pass
    read = time.perf_counter() - started

    def columns(model: Any) -> list[str]:
        return [f.column for f in model._meta.concrete_fields if not f.primary_key]

    write = 0.0

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic(), connection.cursor() as cursor:
            for run_id in ScoringRun.objects.values_list("id", flat=True):
                for model, key in ((UnitResult, "run_id"), (CriterionResult, "unit_id")):
                    cols = columns(model)
                    table = q(model._meta.db_table)
                    names = ", ".join(q(c) for c in cols)
                    where = (
                        f"run_id = {int(run_id)}"
                        if key == "run_id"
                        else f"unit_id IN (SELECT id FROM {q(UnitResult._meta.db_table)} "
                        f"WHERE run_id = {int(run_id)})"
                    )
                    cursor.execute(f"SELECT {names} FROM {table} WHERE {where}")  # noqa: S608
                    rows = cursor.fetchall()
                    if model is UnitResult:  # the (run, enterprise) pair is unique
                        other = ScoringRun.objects.get(pk=run_id)
                        other.pk = None
                        other.data_hash = f"baseline-{run_id}"
                        other.save()
                        at = cols.index("run_id")
                        rows = [(*r[:at], other.pk, *r[at + 1 :]) for r in rows]
                    started = time.perf_counter()
                    if connection.vendor == "postgresql":
                        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                            for row in rows:
                                copy.write_row(row)
                    else:
                        marks = ", ".join(["%s"] * len(cols))
                        cursor.executemany(
                            f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608
                            rows,
                        )
                    write += time.perf_counter() - started
                    del rows
            raise Rollback
    except Rollback:
        pass
    return read, write


def measure(n: int) -> None:
    import django

    django.setup()
    from django.db import connection

    from jiazhou_web.enterprises.models import Enterprise
    from jiazhou_web.scoring import actions
    from jiazhou_web.scoring.models import CriterionResult, UnitResult
    from jiazhou_web.scoring.programmes import schemes_for

    schemes = list(schemes_for(EVAL_YEAR).values())
    spent = {"read": 0.0, "engine": 0.0, "write": 0.0}
    timed_names(
        actions, {"build_facts": "read", "score_many": "engine", "store_run": "write"}, spent
    )
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    outcomes = actions.score_enterprises(
        Enterprise.objects.all(), schemes, EVAL_YEAR, actor=None, scope_label="bench"
    )
    total = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    units = UnitResult.objects.count()
    criteria = CriterionResult.objects.count()
    stored = units + criteria
    other = total - sum(spent.values())
    vendor = connection.vendor
    goal = GOAL_SECONDS[vendor] * n / GOAL_FIRMS
    print(f"score_enterprises: {len(outcomes)} schemes × {n:,} firms (eval year {EVAL_YEAR})")
    for o in outcomes:
        statuses = dict(
            UnitResult.objects.filter(run=o.run)
            .values_list("status")
            .annotate(n=__import__("django.db.models", fromlist=["Count"]).Count("id"))
        )
        print(f"  {o.run.scheme_code:<22} {statuses}")
    print(f"stored: {units:,} result rows + {criteria:,} explanation rows")
    print(f"total: {total:.1f} s (goal ≤ {goal:.0f} s: {'met' if total <= goal else 'NOT met'})")
    print(
        f"rate: {n * len(schemes) / total:,.0f} firm × scheme/s, {stored / total:,.0f} stored rows/s"
    )
    for phase, seconds in (*spent.items(), ("other", other)):
        print(f"  {phase:<7} {seconds:7.1f} s  {seconds / total:6.1%}")
    gb = rss / 1024 / 1024
    print(
        f"peak RSS of this process (ru_maxrss, high-water incl. Django and Polars): {gb:.2f} GB "
        f"(before the run {rss_before / 1024 / 1024:.2f} GB; goal ≤ {GOAL_RSS_GB:.0f} GB: "
        f"{'met' if gb <= GOAL_RSS_GB else 'NOT met'})"
    )
    del outcomes
    bare_read, bare_write = baseline(connection)
    print(
        f"baseline: bare read of the figures {bare_read:.1f} s (read phase {spent['read'] / bare_read:.1f}×); "
        f"bare {'COPY' if vendor == 'postgresql' else 'executemany'} of the {stored:,} rows "
        f"{bare_write:.1f} s (write phase {spent['write'] / bare_write:.1f}×); "
        f"total {total / (bare_read + bare_write):.1f}× read + write"
    )
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # figures as they come
    args = parse()
    if args.load_only:
        import django

        django.setup()
        load(args.firms)
        return 0
    with tempfile.TemporaryDirectory(prefix="jiazhou-bench-scoring-") as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.sqlite3"
        os.environ["DATABASE_URL"] = url
        child = [sys.executable, str(HERE), "--load-only", "--firms", str(args.firms)]
        if subprocess.call(child) != 0:  # noqa: S603
            return 1
        measure(args.firms)
    return 0


if __name__ == "__main__":
    sys.exit(main())
