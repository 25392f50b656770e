"""Boundaries of the target rules (issue 23), hand-computed.

A level target of 100 from 0 at end-2020 to end-2025 (1826 days), as in the threshold tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from jiazhou.targets import Observation, Target, elapsed_pct, evaluate_target


def obs(period: str, value: float, indicator: str = "x") -> Observation:
    return Observation(indicator, "乐山市", period, value)


def _level(value: float = 100, comparator: str = ">=") -> Target:
    return Target(
        "L",
        "x",
        "乐山市",
        2025,
        "level",
        value,
        comparator,  # type: ignore[arg-type]
        base_year=2020,
        base_value=0.0,
    )


def test_equal_comparator_and_its_gap() -> None:
    # T043 地表水优良率 「达到100%」 read as "=": 95 misses by 5, 100 meets, 100.5 misses by 0.5.
    t = _level(100, "=")
    at = date(2024, 6, 1)
    below = evaluate_target(t, [obs("2023", 95)], at)
    assert (below.met, below.gap) == (False, pytest.approx(5.0))
    exact = evaluate_target(t, [obs("2023", 100)], at)
    assert (exact.met, exact.gap, exact.light) == (True, 0.0, "green")
    above = evaluate_target(t, [obs("2023", 100.5)], at)
    assert (above.met, above.gap) == (False, pytest.approx(0.5))


def test_a_trend_reaching_exactly_the_target_is_not_a_miss() -> None:
    # Base 0 (end-2020), 20, 40, 60 at the ends of 2021–2023: the line reaches exactly 100 at
    # end-2025, so the three-point trend does not miss; progress 60 % ≥ 序时进度 1095/1826.
    series = [obs("2021", 20), obs("2022", 40), obs("2023", 60)]
    ev = evaluate_target(_level(), series, date(2024, 3, 1))
    assert ev.projection is not None and ev.projection.value == pytest.approx(100.0)
    assert (ev.light, ev.rule) == ("green", "on_schedule")
    assert ev.schedule_pct == pytest.approx(100 * 1095 / 1826)
    # A target of 100.5 is missed by the same trend → red.
    assert evaluate_target(_level(100.5), series, date(2024, 3, 1)).rule == "projected_miss"


def test_strictly_greater_exactly_and_just_above() -> None:
    # 「超过100」: exactly 100 is not met (gap 0), 100.01 is.
    t = _level(100, ">")
    at = date(2024, 6, 1)
    assert evaluate_target(t, [obs("2023", 100)], at).met is False
    assert evaluate_target(t, [obs("2023", 100.01)], at).met is True


def test_at_most_exactly_and_just_above() -> None:
    # 「不高于20」: 20 is met with 完成率 100 %; 25 misses by 5 with 完成率 20/25 = 80 %.
    t = Target("C", "x", "乐山市", 2025, "level", 20, "<=", base_year=2020, base_value=30.0)
    at = date(2024, 6, 1)
    met = evaluate_target(t, [obs("2023", 20)], at)
    assert (met.met, met.attainment_pct, met.gap) == (True, 100.0, 0.0)
    miss = evaluate_target(t, [obs("2023", 25)], at)
    assert (miss.met, miss.gap) == (False, 5.0)
    assert miss.attainment_pct == pytest.approx(80.0)
    # Progress from 30 towards 20: (25 − 30) / (20 − 30) = 50 %.
    assert miss.progress_pct == pytest.approx(50.0)


def test_elapsed_share_boundaries() -> None:
    start, due = date(2020, 12, 31), date(2025, 12, 31)
    assert elapsed_pct(start, due, date(2020, 1, 1)) == 0.0
    assert elapsed_pct(start, due, start) == 0.0
    assert elapsed_pct(start, due, date(2021, 12, 31)) == pytest.approx(100 * 365 / 1826)
    assert elapsed_pct(start, due, due) == 100.0
    assert elapsed_pct(start, due, date(2027, 1, 1)) == 100.0
    assert elapsed_pct(due, due, due) is None
    assert elapsed_pct(None, due, due) is None
    assert elapsed_pct(date(2026, 1, 1), due, due) is None


def test_the_day_before_the_due_date_is_still_paced() -> None:
    # 2025-12-30: 1825 of 1826 days; 95 % progress on 2025-06-30 (1642/1826 = 89.9 %) is on time.
    ev = evaluate_target(_level(), [obs("asof:2025-06-30", 95)], date(2025, 12, 30))
    assert (ev.light, ev.rule) == ("green", "on_schedule")
    assert ev.elapsed_pct == pytest.approx(100 * 1825 / 1826)
    assert evaluate_target(_level(), [obs("asof:2025-06-30", 95)], date(2025, 12, 31)).rule == (
        "overdue"
    )
