"""Benchmark: 30 priced clauses × 100,000 synthetic firms (模拟数据) — eligibility by the scheme
engine, amounts, stacking, caps, budget proration — and the same work done by a naive per-firm
Python loop on a sample (checked equal, speed ratio reported). Goal (issue 16): ≤ 5 s.

    .venv/bin/python benchmarks/bench_policies.py [--firms 100000] [--sample 2000]
"""

from __future__ import annotations

import argparse
import os
import time
from decimal import Decimal
from fractions import Fraction

import polars as pl

from jiazhou.policies import Policy, allocate, evaluate, load_policy, parse_policy
from jiazhou.policies.model import LIBRARY
from jiazhou.synthetic.population import generate_population


def thirty_clauses() -> list[Policy]:
    """The R&D post-subsidy and the draft HNTE set, copied with other amounts to 30 clauses."""
    rd_text = (LIBRARY / "sichuan-rd-post-subsidy-2020.toml").read_text(encoding="utf-8")
    draft_text = (LIBRARY / "draft-leshan-hnte-reward.toml").read_text(encoding="utf-8")
    policies = [
        load_policy("sichuan-rd-post-subsidy-2020"),
        load_policy("draft-leshan-hnte-reward"),
    ]
    for k in range(1, 7):  # 6 more draft sets (18 clauses) …
        text = draft_text.replace('code = "draft-leshan-hnte-reward"', f'code = "draft-{k}"')
        text = text.replace("value = 200000", f"value = {200000 + 10000 * k}")
        policies.append(parse_policy(text, f"draft-{k}"))
    for k in range(1, 9):  # … and 8 R&D variants with other caps: 4 + 18 + 8 = 30
        rd = rd_text.replace('code = "sichuan-rd-post-subsidy-2020"', f'code = "rd-{k}"')
        rd = rd.replace("cap = 3000000", f"cap = {3000000 - 1000 * k}")
        policies.append(parse_policy(rd, f"rd-{k}"))
    clauses = [c for p in policies for c in p.clauses]
    assert len(clauses) == 30, len(clauses)
    return policies


def naive_rd(rows: list[dict], year: int) -> dict[str, int]:
    """The R&D clause by hand, one firm at a time (the loop the engine replaces)."""
    bands = [
        (500000, 1000000, Fraction(3, 100)),
        (1000000, 10000000, Fraction(2, 100)),
        (10000000, 50000000, Fraction(1, 100)),
        (50000000, 100000000, Fraction(5, 1000)),
        (100000000, None, Fraction(3, 1000)),
    ]
    by: dict[str, dict[int, dict]] = {}
    for r in rows:
        by.setdefault(r["uscc"], {})[r["fiscal_year"]] = r
    out = {}
    for uscc, years in by.items():
        y1, y2 = years.get(year - 1), years.get(year - 2)
        if y1 is None or y2 is None:
            continue
        a, b = y1.get("rd_expense_deduction_basis"), y2.get("rd_expense_deduction_basis")
        region, zone = y1.get("region_code") or "", y1.get("in_zone")
        if a is None or b is None or not (region.startswith("5111") or zone):
            continue
        delta = round(Decimal(str(a)) - Decimal(str(b)), 2)
        if delta < 500000:
            continue
        fen = int(delta * 100)
        total = Fraction(0)
        for lo, hi, rate in bands:
            part = max(0, (fen if hi is None else min(fen, hi * 100)) - lo * 100)
            total += part * rate
        amount = min(int(total) // 100_000 * 100_000, 300_000_000)
        if amount > 0:
            out[uscc] = amount
    return out


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (timings scale with it)")
    ap = argparse.ArgumentParser()
    ap.add_argument("--firms", type=int, default=100_000)
    ap.add_argument("--sample", type=int, default=2_000)
    args = ap.parse_args()
    policies = thirty_clauses()
    years = (2023, 2024, 2025)
    t = time.perf_counter()
    panel = generate_population(args.firms, years, 20261204)
    print(f"panel {panel.height:,} firm-years in {time.perf_counter() - t:.2f} s (模拟数据)")
    t0 = time.perf_counter()
    ev = evaluate(policies, panel, 2026)
    t1 = time.perf_counter()
    awards, cuts = allocate(ev.candidates(), ev.clauses, policies, firm_year_cap=100_000_000)
    t2 = time.perf_counter()
    print(
        f"30 clauses × {panel['uscc'].n_unique():,} firms: eligibility + amounts {t1 - t0:.2f} s, "
        f"stacking/caps/proration {t2 - t1:.2f} s, total {t2 - t0:.2f} s (goal ≤ 5 s)"
    )
    print(
        f"candidates {ev.candidates().height:,}, paid {awards['amount'].sum() / 100:,.2f} 元, cut rows {cuts.height:,}"
    )
    # naive loop on a sample, checked against the engine
    sample_ids = panel["uscc"].unique(maintain_order=True).head(args.sample)
    sample = panel.filter(pl.col("uscc").is_in(sample_ids.implode()))
    rows = sample.to_dicts()
    t3 = time.perf_counter()
    hand = naive_rd(rows, 2026)
    t4 = time.perf_counter()
    rd = ev.candidates().filter(
        (pl.col("clause") == "rd-increment")
        & (pl.col("policy") == "sichuan-rd-post-subsidy-2020")
        & pl.col("uscc").is_in(sample_ids.implode())
    )
    engine = dict(rd.select("uscc", "computed").iter_rows())
    assert engine == hand, (len(engine), len(hand))
    per_engine = (t1 - t0) / (30 * panel["uscc"].n_unique())
    per_naive = (t4 - t3) / max(1, sample_ids.len())
    print(
        f"naive loop, one clause, {sample_ids.len():,} firms: {t4 - t3:.3f} s — equal to the engine; "
        f"per firm-clause {per_naive * 1e6:.1f} µs vs engine {per_engine * 1e6:.2f} µs "
        f"({per_naive / per_engine:.0f}×)"
    )


if __name__ == "__main__":
    main()
