"""Web path of 免申即享: ``make_offers`` (facts → scheme engine → allocation → stored offers with
their explanation rows, one audit row) for N firms. Goal (issue 16): 10,000 firms ≤ 20 s.

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/web_offers_store.py --firms 10000

Synthetic firms (模拟数据) with two years of R&D figures are created inside a transaction that is
rolled back at the end: nothing is kept.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiazhou_web.config.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from jiazhou.uscc import make_uscc  # noqa: E402
from jiazhou_web.accounts.models import User  # noqa: E402
from jiazhou_web.enterprises.models import Enterprise, EnterpriseFigure, Industry  # noqa: E402
from jiazhou_web.regions.models import Region  # noqa: E402
from jiazhou_web.subsidies import actions  # noqa: E402
from jiazhou_web.subsidies.models import Application, ClauseVersion  # noqa: E402


class Rollback(Exception):
    pass


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--firms", type=int, default=10_000)
    args = ap.parse_args()
    year = timezone.localdate().year
    try:
        with transaction.atomic():
            admin = User.objects.create(username="bench_offers_admin", is_superuser=True)
            actions.sync_library(actor=admin)
            region = Region.objects.get(code="511112")
            industry = Industry.objects.order_by("pk").first()
            t = time.perf_counter()
            firms = Enterprise.objects.bulk_create(
                Enterprise(
                    uscc=make_uscc(700_000 + n),
                    name=f"基准测试企业{n}（模拟）",
                    region=region,
                    industry=industry,
                    registration_date=dt.date(2015, 1, 1),
                )
                for n in range(args.firms)
            )
            EnterpriseFigure.objects.bulk_create(
                (
                    EnterpriseFigure(
                        enterprise=f,
                        fiscal_year=fy,
                        field="rd_expense_deduction_basis",
                        value=Decimal(1_000_000 + (n % 50) * 100_000 * (fy - year + 3)),
                        source="declaration",
                        as_of=dt.date(fy + 1, 5, 31),
                    )
                    for n, f in enumerate(firms)
                    for fy in (year - 2, year - 1)
                ),
                batch_size=5000,
            )
            print(f"{args.firms:,} synthetic firms created in {time.perf_counter() - t:.1f} s")
            cv = ClauseVersion.objects.get(policy__code="sichuan-rd-post-subsidy-2020")
            t = time.perf_counter()
            n = actions.make_offers(cv, year, actor=admin)
            took = time.perf_counter() - t
            stored = Application.objects.filter(clause=cv, year=year).count()
            print(
                f"make_offers: {n:,} offers stored ({stored:,} rows) in {took:.2f} s (goal ≤ 20 s)"
            )
            print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
