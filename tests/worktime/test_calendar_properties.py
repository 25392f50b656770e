"""Hypothesis properties of the working-day calendar."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from jiazhou.worktime import WorkingCalendar

SHANGHAI = ZoneInfo("Asia/Shanghai")

CAL = WorkingCalendar.packaged()
# 2005..mid-2025 leaves room for ±250 working days inside the 2004–2026 schedule.
days = st.dates(min_value=date(2005, 1, 1), max_value=date(2025, 6, 30))
steps = st.integers(min_value=-200, max_value=200)
moments = st.builds(
    lambda d, m: datetime.combine(d, time(0), tzinfo=SHANGHAI) + timedelta(minutes=m),
    days,
    st.integers(min_value=0, max_value=24 * 60 - 1),
)


@given(days, st.integers(min_value=0, max_value=250))
def test_add_then_count_round_trips_forward(day: date, n: int) -> None:
    assert CAL.working_days_between(day, CAL.add_working_days(day, n)) == n


@given(days, steps)
def test_add_then_count_round_trips_from_working_days(day: date, n: int) -> None:
    start = CAL.roll_forward(day)
    end = CAL.add_working_days(start, n)
    assert CAL.working_days_between(start, end) == n
    assert CAL.add_working_days(end, -n) == start


@given(days, steps)
def test_result_is_a_working_day_unless_n_is_zero(day: date, n: int) -> None:
    result = CAL.add_working_days(day, n)
    assert result == day if n == 0 else CAL.is_working_day(result)


@given(days, days, steps)
def test_monotone_in_the_start_date(a: date, b: date, n: int) -> None:
    a, b = min(a, b), max(a, b)
    if n != 0:
        assert CAL.add_working_days(a, n) <= CAL.add_working_days(b, n)


@given(days, steps, steps)
def test_monotone_in_n(day: date, n: int, m: int) -> None:
    n, m = min(n, m), max(n, m)
    if n != 0 and m != 0:
        assert CAL.add_working_days(day, n) <= CAL.add_working_days(day, m)
    if n > 0:
        assert CAL.add_working_days(day, n) > day


@given(days, days, days)
def test_between_is_additive(a: date, b: date, c: date) -> None:
    assert CAL.working_days_between(a, b) + CAL.working_days_between(b, c) == (
        CAL.working_days_between(a, c)
    )


@given(days, days)
def test_between_matches_a_day_by_day_count(a: date, b: date) -> None:
    lo, hi = min(a, b), max(a, b)
    hi = min(hi, lo + timedelta(days=60))
    count = sum(CAL.is_working_day(lo + timedelta(days=i)) for i in range(1, (hi - lo).days + 1))
    assert CAL.working_days_between(lo, hi) == count


@given(moments, st.integers(min_value=0, max_value=2000 * 60))
@settings(max_examples=200)
def test_add_working_time_round_trips(start: datetime, minutes: int) -> None:
    duration = timedelta(minutes=minutes)
    end = CAL.add_working_time(start, duration)
    assert end >= start
    assert CAL.working_time_between(start, end) == duration


@given(moments, moments, moments)
def test_working_time_is_additive_and_monotone(a: datetime, b: datetime, c: datetime) -> None:
    a, b, c = sorted((a, b, c))
    ab = CAL.working_time_between(a, b)
    bc = CAL.working_time_between(b, c)
    assert ab >= timedelta(0)
    assert bc >= timedelta(0)
    assert ab + bc == CAL.working_time_between(a, c)
