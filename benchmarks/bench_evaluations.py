"""Benchmark: the two annual evaluations over 100,000 synthetic firms (issue 18).

    .venv/bin/python benchmarks/bench_evaluations.py [--firms 100000] [--sample 10000]

Times scoring 100,000 firms (evaluation year 2025) against ``innovation-points-2024-leshan``
(27 indicators, stage weights, percentile ranks, 加分/减分) and ``mu-sichuan-2022`` (8 ratios to
the cohort mean with a cap, 规上/规下 cohorts, exempt firms, quota classes with ties, ranks per
cohort), unit preparation included. The same run times a straightforward per-firm Python loop of
``mu-sichuan-2022`` (dict rows: values, cohort means, capped ratios, the cohort-mean rule for
missing emissions, ranks and quota classes per cohort) on a sample, checks its totals, ranks and
classes against the engine, and prints the speed ratio per firm (best of three, interleaved).
Goal: both schemes ≤ 5 s for 100,000 firms (the data is 模拟数据, synthetic).
"""

from __future__ import annotations

import argparse
import math
import os
import time
from collections import defaultdict
from typing import Any

from jiazhou.schemes import input_columns, load_scheme, prepare_units, score_many
from jiazhou.synthetic import generate_population

Row = dict[str, Any]
CAP = 2.0
WEIGHTS = {"M1": 20, "M2": 20, "M3": 20, "M4": 5, "M5": 5, "L1": 10, "L2": 10, "L3": 10}
CLASSES = (
    ("A", 0.30, "down", "at_most"),
    ("B", 0.85, "down", "at_most"),
    ("C", 0.95, "up", "at_least"),
    ("D", None, "", ""),
)


def _div(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def _values(r: Row) -> dict[str, float | None]:
    """The eight indicator values of one firm (SQL NULL semantics, rounded as the engine)."""
    land_sum = (
        (r["land_own_mu_y1"] or 0.0)
        + (r["land_leased_mu_y1"] or 0.0)
        + (r["floor_leased_m2_y1"] or 0.0) / 1.2 / 666.67
    )
    land = None if land_sum == 0 else land_sum
    vat, cit = r["tax_vat_y1"], r["tax_cit_y1"]
    tax = (
        None
        if vat is None or cit is None
        else vat + cit + 1.0 * (r["tax_other_y1"] or 0.0) - (r["tax_refunds_y1"] or 0.0)
    )
    rev, iav = r["operating_revenue_y1"], r["industrial_added_value_y1"]

    def per_mu(x: float | None) -> float | None:
        v = _div(x, land)
        return None if v is None else v / 10000

    def wan(v: float | None) -> float | None:
        return None if v is None else v / 10000

    out = {
        "M1": per_mu(rev),
        "M2": per_mu(tax),
        "M3": wan(_div(rev, r["employees_total_y1"])),
        "M4": wan(_div(rev, r["energy_tce_y1"])),
        "M5": _div(r["rd_expense_audited_y1"], rev),
        "L1": per_mu(iav),
        "L2": wan(_div(iav, r["emissions_equiv_y1"])),
        "L3": _div(tax, r["electricity_kwh_y1"]),
    }
    return {k: None if v is None else round(v, 10) for k, v in out.items()}


def baseline(rows: list[Row]) -> dict[str, tuple[float, int | None, str]]:
    """uscc → (total_min, rank in cohort, class), one firm at a time."""
    firms = []
    for r in rows:
        cohort = "规上" if r["above_scale_industrial"] else "规下"
        firms.append((r["uscc"], cohort, r["exemption_category"] is not None, _values(r)))
    sums: dict[tuple[str, str], float] = defaultdict(float)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for _, cohort, _, vals in firms:
        for k, v in vals.items():
            if v is not None:
                sums[cohort, k] += v
                counts[cohort, k] += 1
    ratios: dict[str, dict[str, float | None]] = {}
    for uscc, cohort, _, vals in firms:
        ratios[uscc] = {}
        for k, v in vals.items():
            mean = sums[cohort, k] / counts[cohort, k] if counts[cohort, k] else None
            ratios[uscc][k] = None if v is None or mean is None or mean <= 0 else min(CAP, v / mean)
    l2_sum: dict[str, float] = defaultdict(float)
    l2_n: dict[str, int] = defaultdict(int)
    for uscc, cohort, _, _ in firms:
        if ratios[uscc]["L2"] is not None:
            l2_sum[cohort] += ratios[uscc]["L2"] or 0.0
            l2_n[cohort] += 1
    totals: dict[str, float] = {}
    for uscc, cohort, _, _ in firms:
        ratio = ratios[uscc]
        if ratio["L2"] is None and l2_n[cohort]:
            ratio["L2"] = l2_sum[cohort] / l2_n[cohort]
        totals[uscc] = sum(w * (ratio[k] or 0.0) for k, w in WEIGHTS.items())
    by_cohort: dict[str, list[str]] = defaultdict(list)
    for uscc, cohort, exempt, _ in firms:
        if not exempt:
            by_cohort[cohort].append(uscc)
    out: dict[str, tuple[float, int | None, str]] = {
        uscc: (totals[uscc], None, "参评不分类") for uscc, _, exempt, _ in firms if exempt
    }
    for members in by_cohort.values():
        n = len(members)
        ordered = sorted(members, key=lambda u: -totals[u])
        pos = 0
        while pos < n:
            end = pos
            while end + 1 < n and totals[ordered[end + 1]] == totals[ordered[pos]]:
                end += 1
            first, last = pos + 1, end + 1
            cls = "D"
            for name, share, ties, quota in CLASSES:
                if share is None:
                    break
                p = last if ties == "down" else first
                ok = p <= math.ceil(round(share * n, 9)) if quota == "at_least" else p / n <= share
                if ok:
                    cls = name
                    break
            for u in ordered[pos : end + 1]:
                out[u] = (totals[u], first, cls)
            pos = end + 1
    return out


def _best(fn: Any, repeat: int = 3) -> tuple[float, Any]:
    best, result = math.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--firms", type=int, default=100_000)
    ap.add_argument("--sample", type=int, default=10_000)
    args = ap.parse_args()
    schemes = [load_scheme("innovation-points-2024-leshan"), load_scheme("mu-sichuan-2022")]
    t0 = time.perf_counter()
    panel = generate_population(args.firms, years=(2022, 2023, 2024))
    print(
        f"模拟数据 panel: {panel.height:,} firm-years of {args.firms:,} firms "
        f"({time.perf_counter() - t0:.1f} s to generate, not timed below)"
    )

    def run_all() -> list[Any]:
        return score_many(panel, schemes, year=2025)

    t_all, results = _best(run_all)
    n_units = results[0].wide.height
    for r in results:
        w = r.wide
        print(
            f"  {r.scheme.code}: {w.height:,} firms, {len(r.scheme.items)} indicators, "
            f"{w['cohort'].n_unique()} cohorts, {w['class'].drop_nulls().n_unique()} classes"
        )
    goal = 5.0 * n_units / 100_000
    print(
        f"both schemes incl. unit preparation, quota classes and ranks per cohort: {t_all:.2f} s "
        f"for {n_units:,} firms (goal ≤ {goal:.1f} s: {'met' if t_all <= goal else 'NOT met'})"
    )

    # per-firm Python loop on a sample, checked against the engine on the same sample
    mu = schemes[1]
    units = prepare_units(panel, 2025, columns=input_columns(mu))
    sample = units.sample(min(args.sample, units.height), seed=1)
    rows = sample.to_dicts()
    t_engine, engine = _best(lambda: score_many(sample, [mu])[0].wide)
    t_loop, loop = _best(lambda: baseline(rows))
    got = {r["uscc"]: (r["total_min"], r["rank"], r["class"]) for r in engine.iter_rows(named=True)}
    bad = [
        u
        for u, (t, rk, c) in loop.items()
        if not (
            math.isclose(t, got[u][0], rel_tol=1e-9, abs_tol=1e-9)
            and rk == got[u][1]
            and c == got[u][2]
        )
    ]
    print(
        f"check on {len(rows):,} firms: {len(rows) - len(bad):,} identical (total, rank, class), "
        f"{len(bad)} differ"
    )
    per_engine, per_loop = t_engine / len(rows), t_loop / len(rows)
    print(
        f"mu-sichuan-2022 per firm: engine {per_engine * 1e6:.1f} µs, Python loop "
        f"{per_loop * 1e6:.1f} µs → ratio {per_loop / per_engine:.1f}× "
        f"(load average {os.getloadavg()[0]:.2f})"
    )
    if bad:
        raise SystemExit(f"baseline and engine disagree on {len(bad)} firms, e.g. {bad[:3]}")


if __name__ == "__main__":
    main()
