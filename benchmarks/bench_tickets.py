"""企业诉求 engine: 三率 for a year of tickets by 200 units, and the SLA state of many tickets
with pauses and extensions.

Run: ``.venv/bin/python benchmarks/bench_tickets.py [N]`` (N tickets, default 100,000).
The baseline is the naive computation (for each unit, rescan every ticket:
:func:`jiazhou.tickets.three_rates_naive`), measured in the same run on the same facts; the
two must agree. Targets (issue 15): 三率 for a year by 200 units ≤ 1 s; SLA state of 100,000
tickets with pauses and extensions ≤ 3 s (bulk :func:`jiazhou.tickets.sla_states`, baseline
``evaluate_sla`` one clock at a time on a sample).

Measured 2026-12-06 on the shared 2-core machine at load average 14: 三率 one pass 204 ms
(40× per ticket over the rescan), SLA states of 100,000 tickets 1.80 s (14× over evaluate_sla):
both targets met.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from jiazhou.tickets import TicketFacts, handling_clock, sla_states, three_rates, three_rates_naive
from jiazhou.worktime import Extension, Pause, WorkingCalendar, evaluate_sla

SH = ZoneInfo("Asia/Shanghai")
UNITS = 200


def facts(n: int, rng: random.Random) -> list[TicketFacts]:
    start = datetime(2025, 1, 1, 9, tzinfo=SH)
    out = []
    for _ in range(n):
        due = start + timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
        cb = due + timedelta(days=rng.randrange(1, 15)) if rng.random() < 0.7 else None
        out.append(
            TicketFacts(
                unit=rng.randrange(UNITS),
                response_due_at=due,
                first_contact_at=due + timedelta(minutes=rng.randrange(-600, 120)),
                callback_at=cb,
                resolved=None if cb is None else rng.random() < 0.85,
                satisfaction=None if cb is None else rng.randint(1, 5),
                received_at=due - timedelta(hours=3),
                repeat_of_unit=rng.randrange(UNITS) if rng.random() < 0.03 else None,
            )
        )
    return out


def timed(label: str, fn: object) -> tuple[float, object]:
    assert callable(fn)
    t0 = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - t0
    print(f"{label:<60} {seconds * 1e3:9.1f} ms")
    return seconds, result


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(20250530)
    rows = facts(n, rng)
    start, end = datetime(2025, 1, 1, tzinfo=SH), datetime(2026, 1, 1, tzinfo=SH)
    fast_s, fast = timed(
        f"三率 one pass, {n} tickets, {UNITS} units, one year",
        lambda: three_rates(rows, start, end),
    )
    sample = rows[: max(n // 20, 1000)]  # the naive rescan is O(units × tickets): a 5 % sample
    naive_s, naive = timed(
        f"baseline: per-unit rescan on {len(sample)} tickets",
        lambda: three_rates_naive(sample, start, end),
    )
    small = three_rates(sample, start, end)
    assert isinstance(naive, dict)
    assert {u: r.score for u, r in small.items()} == {u: r.score for u, r in naive.items()}
    per_fast = fast_s / n
    per_naive = naive_s / len(sample)
    print(f"{'per-ticket speed-up of one pass over the rescan':<60} {per_naive / per_fast:9.1f} x")
    print(f"{'target 三率 ≤ 1 s':<60} {'met' if fast_s <= 1 else 'MISSED'}")
    assert len(fast) == UNITS  # type: ignore[arg-type]

    cal = WorkingCalendar.packaged()
    clocks = []
    for f in rows:
        d = f.response_due_at
        assert d is not None
        p = (
            (Pause(d + timedelta(days=1), d + timedelta(days=3), "补正"),)
            if rng.random() < 0.3
            else ()
        )
        e = (
            (Extension(d + timedelta(days=2), 3, "延期", requested_at=d + timedelta(days=1)),)
            if rng.random() < 0.1
            else ()
        )
        clocks.append(handling_clock(cal, d, 5, pauses=p, extensions=e))
    at = datetime(2026, 1, 5, 10, tzinfo=SH)
    sla_s, states = timed(
        f"SLA state (bulk sla_states), {n} tickets (30 % paused, 10 % ext.)",
        lambda: sla_states(clocks, cal, at),
    )
    part = clocks[: max(n // 20, 1000)]
    base_s, base = timed(
        f"baseline: evaluate_sla one by one, {len(part)} tickets",
        lambda: [evaluate_sla(c, cal, at).state for c in part],
    )
    assert list(states)[: len(part)] == base  # type: ignore[call-overload]
    speed = (base_s / len(part)) / (sla_s / n)
    print(f"{'per-ticket speed-up of the bulk states over evaluate_sla':<60} {speed:9.1f} x")
    print(f"{'target SLA ≤ 3 s':<60} {'met' if sla_s <= 3 else 'MISSED'}")


if __name__ == "__main__":
    main()
