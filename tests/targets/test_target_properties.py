"""Hypothesis properties of the target engine."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from jiazhou.targets import Observation, Target, elapsed_pct, evaluate_target

days = st.dates(min_value=date(2021, 1, 1), max_value=date(2027, 12, 31))
values = st.floats(min_value=0, max_value=1e6, allow_nan=False)
TARGET = Target("P", "x", "乐山市", 2025, "level", 1000, base_year=2020, base_value=100)


def _eval(value: float, on: date, at: date) -> tuple[float | None, str, bool | None]:
    ev = evaluate_target(TARGET, [Observation("x", "乐山市", f"asof:{on.isoformat()}", value)], at)
    return ev.attainment_pct, ev.light, ev.met


@given(days, days, days)
def test_elapsed_is_bounded_and_monotone(start: date, a: date, b: date) -> None:
    due = start + timedelta(days=365)
    a, b = min(a, b), max(a, b)
    ea, eb = elapsed_pct(start, due, a), elapsed_pct(start, due, b)
    assert ea is not None and eb is not None
    assert 0.0 <= ea <= eb <= 100.0


@given(values, values, days)
def test_more_is_never_worse(v1: float, v2: float, on: date) -> None:
    at = max(on, date(2025, 6, 30))
    low, high = sorted((v1, v2))
    att_low, light_low, met_low = _eval(low, on, at)
    att_high, light_high, met_high = _eval(high, on, at)
    assert att_low is not None and att_high is not None
    assert att_low <= att_high
    rank = {"red": 0, "yellow": 1, "green": 2}
    assert rank[light_low] <= rank[light_high]
    assert not (met_low and not met_high)


@given(values, days)
def test_green_exactly_when_met_or_keeping_pace(value: float, on: date) -> None:
    at = max(on, date(2021, 1, 1))
    ev = evaluate_target(TARGET, [Observation("x", "乐山市", f"asof:{on.isoformat()}", value)], at)
    assert ev.light in ("green", "yellow", "red")
    if ev.met:
        assert ev.light == "green"
    elif at > TARGET.due:
        assert ev.light == "red"
    else:
        assert ev.progress_pct is not None and ev.schedule_pct is not None
        assert (ev.light == "green") == (ev.progress_pct >= ev.schedule_pct - 1e-9)
