"""Hypothesis properties of the target engine."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from jiazhou.targets import Observation, Target, elapsed_pct, evaluate_target

days = st.dates(min_value=date(2021, 1, 1), max_value=date(2027, 12, 31))
own_days = st.dates(min_value=date(2021, 1, 1), max_value=date(2025, 12, 31))  # within T's period
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


@given(values, values, own_days)
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


@given(values, own_days, days)
def test_green_exactly_when_met_or_keeping_pace(value: float, on: date, at: date) -> None:
    at = max(on, at)
    ev = evaluate_target(TARGET, [Observation("x", "乐山市", f"asof:{on.isoformat()}", value)], at)
    assert ev.light in ("green", "yellow", "red")
    if ev.met:
        assert ev.light == "green"
    elif at >= TARGET.due:  # the final value on the due date (issue 22 rule 2)
        assert ev.light == "red"
    else:
        assert ev.progress_pct is not None and ev.schedule_pct is not None
        assert (ev.light == "green") == (ev.progress_pct >= ev.schedule_pct - 1e-9)


@given(values, own_days, values, st.dates(min_value=date(2026, 1, 1), max_value=date(2029, 12, 31)))
def test_values_after_the_due_date_never_change_the_verdict(
    value: float, on: date, later: float, later_on: date
) -> None:
    # Issue 22 rule 1: a 2025 target is judged on its own period; a later value is information.
    own = Observation("x", "乐山市", f"asof:{on.isoformat()}", value)
    after = Observation("x", "乐山市", f"asof:{later_on.isoformat()}", later)
    alone = evaluate_target(TARGET, [own], later_on)
    both = evaluate_target(TARGET, [own, after], later_on)
    assert (both.light, both.rule, both.met, both.current_value) == (
        alone.light,
        alone.rule,
        alone.met,
        alone.current_value,
    )
    assert both.later_value == later
    if alone.met and later < 1000:
        assert both.later_note == "fell_after"
    elif not alone.met and later >= 1000:
        assert both.later_note == "late_met"
    else:
        assert both.later_note is None
