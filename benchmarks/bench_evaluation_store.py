"""Benchmark: a stored 亩均 run of 10,000 firms from the web action (issue 18).

    DATABASE_URL=sqlite:////tmp/bench-eval.sqlite3 .venv/bin/python benchmarks/bench_evaluation_store.py
    DATABASE_URL=postgres://jiazhou:jiazhou@127.0.0.1:5432/<db> .venv/bin/python \
        benchmarks/bench_evaluation_store.py [--firms 10000]

Needs an empty, migrated database (the script migrates it and refuses one that holds
enterprises: it writes 模拟数据). It stores a synthetic population of ``--firms`` zone firms with
one fiscal year of figures (not timed), then times ``evaluations.actions.create_run`` — what the
「运行评价」 button does: read the figures, completeness report, engine, store one result per firm
with its explanation, audit — and, in the same run, the baseline: the least any stored run must
do, reading the same figure rows with a bare ``values_list`` and bulk-inserting the same result
rows. Goal: ≤ 30 s for 10,000 firms on SQLite and PostgreSQL; the ratio to the baseline shows
the cost of everything else.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiazhou_web.config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

SCHEME = "mu-sichuan-2022"
EVAL_YEAR = 2025


class Rollback(Exception):
    pass


def populate(n: int) -> None:
    from jiazhou.synthetic import generate_population
    from jiazhou_web.enterprises.demo import store_population
    from jiazhou_web.enterprises.models import Enterprise
    from jiazhou_web.regions.models import Region

    panel = generate_population(n_firms=n, years=(EVAL_YEAR - 1,), seed=18)
    store_population(panel)
    Enterprise.objects.update(zone=Region.objects.get(code="LS-HTZ"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--firms", type=int, default=10_000)
    args = ap.parse_args()
    call_command("migrate", verbosity=0)
    from jiazhou_web.accounts import actions as accounts
    from jiazhou_web.enterprises.models import Enterprise, EnterpriseFigure
    from jiazhou_web.evaluations import actions
    from jiazhou_web.evaluations.models import EvaluationResult, EvaluationRun
    from jiazhou_web.regions.models import Region

    if Enterprise.objects.exists():
        raise SystemExit("the database holds enterprises: use an empty database")
    t0 = time.perf_counter()
    populate(args.firms)
    n_fig = EnterpriseFigure.objects.count()
    print(
        f"{connection.vendor}: {args.firms:,} firms, {n_fig:,} figure rows stored "
        f"(模拟数据, {time.perf_counter() - t0:.1f} s, not timed)"
    )
    officer = accounts.create_user(username="bench_zone", display_name="bench", actor=None)
    accounts.assign_role(
        officer, "zone_officer", actor=None, target=Region.objects.get(code="LS-HTZ")
    )

    t0 = time.perf_counter()
    run = actions.create_run(SCHEME, EVAL_YEAR, "zone", "LS-HTZ", actor=officer)
    t_run = time.perf_counter() - t0
    rows = list(
        EvaluationResult.objects.filter(run=run).values(
            "enterprise_id", "total", "grade", "rank", "cohort", "items"
        )
    )
    print(f"create_run (web action, stored): {t_run:.2f} s for {run.unit_count:,} results")

    try:
        with transaction.atomic():
            base_run = EvaluationRun.objects.create(
                scheme_code=run.scheme_code,
                scheme_version=run.scheme_version,
                scheme_title=run.scheme_title,
                eval_year=EVAL_YEAR,
                cohort_kind="zone",
                cohort_code="LS-HTZ",
                cohort_label="baseline",
                data_hash="",
            )
            t0 = time.perf_counter()
            list(
                EnterpriseFigure.objects.values_list(
                    "enterprise_id", "fiscal_year", "field", "value"
                )
            )
            EvaluationResult.objects.bulk_create(
                (EvaluationResult(run=base_run, **r) for r in rows), batch_size=2000
            )
            t_base = time.perf_counter() - t0
            raise Rollback
    except Rollback:
        pass
    print(f"baseline (read figures + bulk insert the same results): {t_base:.2f} s")
    goal = 30.0 * args.firms / 10_000
    print(
        f"ratio create_run / baseline: {t_run / t_base:.1f}×; goal ≤ {goal:.0f} s: "
        f"{'met' if t_run <= goal else 'NOT met'} (load average {os.getloadavg()[0]:.2f})"
    )


if __name__ == "__main__":
    main()
