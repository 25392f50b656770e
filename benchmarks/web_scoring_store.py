"""Web scoring path on the demo database: facts building, engine, storing — figures per phase.

Run after ``manage.py seed_demo``:  ``.venv/bin/python benchmarks/web_scoring_store.py``.
Baseline measured in the same run: reading the long figures with a bare ``values_list`` (the
least any facts builder must do) — the facts builder should cost a small multiple of it.
Nothing is kept: everything runs inside a transaction that is rolled back.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiazhou_web.config.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from jiazhou.schemes import score_many  # noqa: E402
from jiazhou_web.enterprises.models import Enterprise, EnterpriseFigure  # noqa: E402
from jiazhou_web.scoring.actions import store_run  # noqa: E402
from jiazhou_web.scoring.facts import build_facts  # noqa: E402
from jiazhou_web.scoring.programmes import schemes_for  # noqa: E402


class Rollback(Exception):
    pass


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    out = fn()
    seconds = time.perf_counter() - started
    print(f"{label:<42} {seconds:8.2f} s")
    return out, seconds


def main() -> None:
    firms = Enterprise.objects.all()
    year = timezone.localdate().year - 1  # a year the demo did not store (rolled back anyway)
    print(f"{firms.count()} enterprises, {EnterpriseFigure.objects.count()} figure rows")
    _, base = timed(
        "baseline: values_list of all figures",
        lambda: list(
            EnterpriseFigure.objects.values_list("enterprise_id", "fiscal_year", "field", "value")
        ),
    )
    facts, built = timed("build_facts (3 queries + pivot)", lambda: build_facts(firms))
    print(f"{'  ratio to baseline':<42} {built / base:8.2f} ×")
    schemes = list(schemes_for(year).values())
    results, _ = timed(
        f"engine: score_many, {len(schemes)} schemes",
        lambda: score_many(facts.panel, schemes, year, identity=facts.identity),
    )
    try:
        with transaction.atomic():
            for r in results:
                timed(
                    f"store_run {r.scheme_code}",
                    lambda r=r: store_run(r, facts, year, facts.data_hash, actor=None),
                )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
