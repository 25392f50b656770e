"""Rules of ``targets/evaluate.py`` that the ninth mutation round found unpinned, hand-computed.

Each test names the rule it checks (module docstring of ``evaluate.py`` and the docstrings of
its functions); the evaluation date is always passed in. The values are made up so that the
arithmetic can be checked by hand. Year ends sit on whole numbers of the trend's year axis
(31 December of Y is Y + 1), and 序时进度 counts days: from the end of 2020 to the end of 2025
there are 1826 (2024 is a leap year).
"""

from __future__ import annotations

from datetime import date

import pytest

from jiazhou.targets import Benchmark, Observation, Target, evaluate_target


def obs(period: str, value: float, obs_id: str = "") -> Observation:
    return Observation("x", "乐山市", period, value, "stated", obs_id)


# -- the base value as a trend point (``_trend_points``) ---------------------------------------


def test_a_value_before_the_base_date_leaves_the_base_in_the_trend() -> None:
    """≥ 200 from a base of 100 set for 2020 (dated 2020-12-31). The values are 130 (2019) and
    130 (2021). The base is a point of the trend unless a value is dated on the base date.
    A value dated *before* the base date does not count, so the trend runs through three
    points: 130 (x = 2020), 100 (x = 2021), 130 (x = 2022). Least squares: mean x 2021, mean y 120,
    Σ(dx·dy) = (−1)(10) + 0 + (1)(10) = 0, so the slope is 0 and the line stays at 120. (The
    linear RMSE is √(600 / 3) = 14.14. The compound trend sits at the geometric mean, 119.1,
    with an RMSE of 14.17. So the linear one is shown.) 120 < 200 on 2025-12-31, and three
    points form a trend, so it decides (rule 4): red ``projected_miss``.
    If the base were left out, only 130 → 130 would remain: two points are no trend. Then
    progress (130 − 100) / (200 − 100) = 30 % ≥ 序时进度 365 / 1826 = 19.99 % would read green."""
    t = Target("L", "x", "乐山市", 2025, "level", 200, base_year=2020, base_value=100)
    ev = evaluate_target(t, [obs("2019", 130, "A"), obs("2021", 130, "B")], date(2022, 3, 31))
    assert ev.projection is not None
    points = [(p.on, p.value, p.source) for p in ev.projection.points]
    assert points == [
        (date(2019, 12, 31), 130, "A"),
        (date(2020, 12, 31), 100, "base"),
        (date(2021, 12, 31), 130, "B"),
    ]
    assert ev.projection.method == "linear"
    assert ev.projection.value == pytest.approx(120.0)
    assert (ev.light, ev.rule) == ("red", "projected_miss")
    assert ev.progress_pct == pytest.approx(30.0)
    assert ev.schedule_pct == pytest.approx(100 * 365 / 1826)


# -- benchmarks of the same year (``_above_benchmark``) -------------------------------------------


@pytest.mark.parametrize(
    "same_year",
    [
        [("2024", 55.0)],
        [("2022..2024", 50.0), ("2024-01..2024-03", 51.0), ("2024", 55.0)],
    ],
    ids=["one", "three"],
)
def test_without_the_same_period_the_last_listed_benchmark_of_the_year_is_used(
    same_year: list[tuple[str, float]],
) -> None:
    """高于全国平均: the value as of 2024-06 is 52 %. No benchmark has the period asof:2024-06.
    Of the benchmarks ending in 2024, the last listed applies: 55. This holds for the only one
    and for the third of three (the 2022..2024 one, 50, and the Q1 one, 51, would read green).
    The 2023 benchmark, 50, belongs to another year. 52 is not above 55, and the due date is
    still ahead, so the light is yellow ``below_benchmark``: gap 55 − 52 = 3, 完成率
    52 / 55 = 94.55 %."""
    t = Target("B", "x", "乐山市", 2025, "above_benchmark", unit="%")
    bench = [Benchmark("x", "national_avg", "2023", 50.0)]
    bench += [Benchmark("x", "national_avg", period, v) for period, v in same_year]
    ev = evaluate_target(t, [obs("asof:2024-06", 52)], date(2025, 3, 1), bench)
    assert ev.benchmark_value == 55.0
    assert (ev.light, ev.rule, ev.met) == ("yellow", "below_benchmark", False)
    assert ev.gap == pytest.approx(3.0)
    assert ev.attainment_pct == pytest.approx(100 * 52 / 55)


# -- a ceiling whose base is the ceiling itself (``_threshold``) -----------------------------------


def test_a_ceiling_kept_from_its_base_has_no_progress_and_the_trend_judges() -> None:
    """≤ 5 % (城镇调查失业率控制在5%以内), and the 2020 base is 5 % too. Progress
    (value − base) / (target − base) has no distance to divide by (5 − 5 = 0), and 完成率 is not
    progress for a ceiling. 完成率 is 5 / 6 = 83.33 %, but no progress is shown, so there is no
    序时进度 comparison: the trend judges (rule 4). Through the base (x = 2021, 5) and 2024
    (x = 2025, 6), the slope is 0.25 a year, giving 6.25 % on 2025-12-31 > 5: red
    ``projected_miss``. (Reading 83.33 % as progress against 序时进度 1461 / 1826 = 80.01 % would
    have made it green ``on_schedule``.)"""
    t = Target(
        "C",
        "x",
        "乐山市",
        2025,
        "level",
        5,
        unit="%",
        comparator="<=",
        base_year=2020,
        base_value=5,
    )
    ev = evaluate_target(t, [obs("2024", 6, "A")], date(2025, 3, 1))
    assert ev.attainment_pct == pytest.approx(100 * 5 / 6)
    assert ev.progress_pct is None
    assert ev.schedule_pct == pytest.approx(100 * 1461 / 1826)
    assert ev.projection is not None
    assert ev.projection.value == pytest.approx(6.25)
    assert (ev.light, ev.rule) == ("red", "projected_miss")


# -- 完成率 of a ceiling between 0 and 1 (``_threshold``) -----------------------------------------


@pytest.mark.parametrize(
    ("ceiling", "value", "attainment"),
    [(0.5, 1, 50.0), (0.5, 0.5, 100.0), (1, 2, 50.0)],
)
def test_a_ceiling_at_or_below_one_is_threshold_over_value(
    ceiling: float, value: float, attainment: float
) -> None:
    """完成率 is a ratio to any positive threshold, including one of 1 or less. For ≤ 0.5 %:
    1 gives 0.5 / 1 = 50 % and 0.5 gives 100 %. For ≤ 1 %: 2 gives 1 / 2 = 50 %."""
    target = Target("P", "x", "乐山市", 2025, "level", ceiling, unit="%", comparator="<=")
    ev = evaluate_target(target, [obs("2024", value)], date(2025, 3, 1))
    assert ev.attainment_pct == pytest.approx(attainment)
    assert f"完成率 {attainment:g}%" in ev.explanation_zh
    assert f"attainment {attainment:g}%" in ev.explanation_en


@pytest.mark.parametrize(
    ("floor", "value", "attainment"),
    [(0.8, 0.6, 75.0), (0.8, 1, 125.0), (1, 0.5, 50.0)],
)
def test_a_floor_at_or_below_one_is_value_over_threshold(
    floor: float, value: float, attainment: float
) -> None:
    """完成率 is a ratio to any positive threshold, including one of 1 or less. For ≥ 0.8 %:
    0.6 gives 0.6 / 0.8 = 75 %, and 1 gives 1 / 0.8 = 125 % (met). For ≥ 1 %: 0.5 gives
    0.5 / 1 = 50 %."""
    target = Target("F", "x", "乐山市", 2025, "level", floor, unit="%")
    ev = evaluate_target(target, [obs("2024", value)], date(2025, 3, 1))
    assert ev.attainment_pct == pytest.approx(attainment)
    assert f"完成率 {attainment:g}%" in ev.explanation_zh
    assert f"attainment {attainment:g}%" in ev.explanation_en


def test_a_floor_kept_from_its_base_has_no_progress_and_the_trend_judges() -> None:
    """≥ 60 % kept from a 2020 base of 60 % (保持): the mirror of the ceiling above. There is
    no distance to cover, so no progress: 完成率 59 / 60 = 98.33 % is not progress (read as
    progress against 序时进度 80.01 % it made a value *below* the level to keep green
    ``on_schedule``). The trend through the base (x = 2021, 60) and 2024 (x = 2025, 59) falls
    0.25 a year: 58.75 % on 2025-12-31 < 60, red ``projected_miss``."""
    t = Target("F", "x", "乐山市", 2025, "level", 60, unit="%", base_year=2020, base_value=60)
    ev = evaluate_target(t, [obs("2024", 59, "A")], date(2025, 3, 1))
    assert ev.attainment_pct == pytest.approx(100 * 59 / 60)
    assert ev.progress_pct is None
    assert ev.projection is not None
    assert ev.projection.value == pytest.approx(58.75)
    assert (ev.light, ev.rule) == ("red", "projected_miss")
