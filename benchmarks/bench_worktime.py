"""Working-day arithmetic: indexed calendar against a day-by-day walk measured in the same run.

Run: ``.venv/bin/python benchmarks/bench_worktime.py``. The baseline is the obvious
implementation (step one day at a time, asking ``is_working_day``), which is what a deadline
computed in a template loop would do.
"""

from __future__ import annotations

import random
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from jiazhou.worktime import Pause, SlaClock, WorkingCalendar, evaluate_sla

N = 20_000
SHANGHAI = ZoneInfo("Asia/Shanghai")


def walk(cal: WorkingCalendar, day: date, n: int) -> date:
    """Baseline: the n-th working day after ``day`` by stepping one day at a time."""
    while n > 0:
        day += timedelta(days=1)
        n -= cal.is_working_day(day)
    return day


def timed(label: str, fn: object, runs: int = 1) -> float:
    assert callable(fn)
    start = time.perf_counter()
    for _ in range(runs):
        fn()
    seconds = (time.perf_counter() - start) / runs
    print(f"{label:<52} {seconds * 1e3:9.1f} ms")
    return seconds


def main() -> None:
    rng = random.Random(20251001)
    t0 = time.perf_counter()
    cal = WorkingCalendar.packaged()
    print(
        f"{'build calendar (2004–2026, 771 records)':<52} {(time.perf_counter() - t0) * 1e3:9.1f} ms"
    )
    starts = [date(2005, 1, 1) + timedelta(days=rng.randrange(0, 7000)) for _ in range(N)]
    steps = [rng.randrange(1, 60) for _ in range(N)]

    base = timed(
        f"baseline: day-by-day walk, {N} deadlines",
        lambda: [walk(cal, d, n) for d, n in zip(starts, steps, strict=True)],
    )
    fast = timed(
        f"add_working_days (indexed), {N} deadlines",
        lambda: [cal.add_working_days(d, n) for d, n in zip(starts, steps, strict=True)],
    )
    assert all(
        walk(cal, d, n) == cal.add_working_days(d, n)
        for d, n in zip(starts[:500], steps[:500], strict=True)
    )
    print(f"{'speed-up of add_working_days over the walk':<52} {base / fast:9.1f} x")

    moments = [
        datetime.combine(d, datetime.min.time(), SHANGHAI) + timedelta(hours=9) for d in starts
    ]
    timed(
        f"working_time_between, {N} pairs",
        lambda: [cal.working_time_between(a, a + timedelta(days=40)) for a in moments],
    )
    clocks = [
        SlaClock(a, 20, pauses=(Pause(a + timedelta(days=3), a + timedelta(days=9)),))
        for a in moments[:5000]
    ]
    timed(
        "evaluate_sla with one 补正 pause, 5000 clocks",
        lambda: [evaluate_sla(c, cal, c.started_at + timedelta(days=30)) for c in clocks],
    )


if __name__ == "__main__":
    main()
