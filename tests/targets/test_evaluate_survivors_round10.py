"""Rules of ``targets/evaluate.py`` that the tenth mutation round found unpinned, hand-computed.

Each test names the rule it checks (module docstring of ``evaluate.py``, the docstrings of its
functions and of ``Target``); the evaluation date is always passed in. The values are made up
so that the arithmetic can be checked by hand. Year ends sit on whole numbers of the trend's
year axis (31 December of Y is Y + 1); from the end of 2020 to the end of 2025 there are 1826
days (2024 is a leap year).
"""

from __future__ import annotations

from datetime import date

import pytest
from target_observations import PLENUM, obs

from jiazhou.targets import Benchmark, Target, evaluate_target

TODAY = date(2026, 12, 4)


# -- the value after the due date: the last one dated (``_with_later``, ``_split``) ------------


@pytest.mark.parametrize("newest_first", [False, True], ids=["oldest-first", "newest-first"])
def test_the_later_value_is_the_last_dated_after_the_due_date(newest_first: bool) -> None:
    """300 家 by 2025 from 200 at the end of 2020. 2025: 280 < 300, so the due date has come
    with the target missed: red ``overdue``, gap 20 (rule 3). After the due date come 290
    (asof:2026-03) and 310 (asof:2026-09). The value reported as information is the last one
    *dated* after the due date (module docstring: 「逾期完成」 when a missed target is later
    met): 310 ≥ 300, so 逾期完成 — whatever order the observations are listed in. 290, the
    earlier one, would still miss and carry no note."""
    t = Target("S", "n", "乐山市", 2025, "level", 300, unit="家", base_year=2020, base_value=200)
    after = [obs("n", "asof:2026-03", 290, "B"), obs("n", "asof:2026-09", 310, "C")]
    if newest_first:
        after.reverse()
    ev = evaluate_target(t, [obs("n", "2025", 280, "A"), *after], TODAY)
    assert (ev.light, ev.rule, ev.met, ev.current_value, ev.gap) == (
        "red",
        "overdue",
        False,
        280,
        20,
    )
    assert (ev.later_value, ev.later_period, ev.later_note) == (310, "asof:2026-09", "late_met")
    assert "期后数据 310家" in ev.explanation_zh
    assert "逾期完成" in ev.explanation_zh


# -- the base observed in the base year: its last value (``_base``) -------------------------------


def test_the_observed_base_is_the_last_value_dated_in_the_base_year() -> None:
    """300 家 by 2025, base year 2020 with no base value given: the base is observed in the base
    year (``_base``). 2020 has two values, 180 as of June and 200 for the year: the base is the
    one that closes the year, 200 (dated 2020-12-31), not the mid-year 180. Progress of 280 in
    2024 is (280 − 200) / (300 − 200) = 80 %, behind 序时进度 1461 / 1826 = 80.01 % on
    2024-12-31: yellow ``behind_schedule`` (rule 5). The trend through the three values
    (180 at mid-2020, 200, 280) reaches about 302 ≥ 300 on 2025-12-31, so it does not overrule
    the 序时进度 comparison (rule 4). From 180 progress would read 100 / 120 = 83.33 %: green."""
    t = Target("S", "n", "乐山市", 2025, "level", 300, unit="家", base_year=2020)
    series = [
        obs("n", "asof:2020-06", 180, "H"),
        obs("n", "2020", 200, "Y"),
        obs("n", "2024", 280, "A"),
    ]
    ev = evaluate_target(t, series, date(2025, 3, 1))
    assert (ev.base_value, ev.base_source) == (200, "observation Y")
    assert ev.progress_pct == pytest.approx(80.0)
    assert ev.schedule_pct == pytest.approx(100 * 1461 / 1826)
    assert (ev.light, ev.rule) == ("yellow", "behind_schedule")
    assert ev.projection is not None and ev.projection.value > 300
    assert "基期值 200家（2020年观测值）" in ev.explanation_zh


# -- derived shares: the level indicator named by ``share_of``, a non-zero parent (``_share``) ---


def _zone_share() -> Target:
    # 高新技术企业数量占全市比重 of 乐山高新区: 30 % by 2025, from the city's 高新技术企业 count.
    of_city = {"parent_region": "乐山市", "share_of": "hitech_enterprises", "base_date": PLENUM}
    return Target("S", "hitech_share", "乐山高新区", 2025, "share", 30, unit="%", **of_city)


def test_a_derived_share_uses_only_the_share_of_indicator_of_the_region() -> None:
    """``Target``: a share with ``parent_region`` derives its share from the level observations
    of the region and of its parent, *of the indicator* ``share_of``; evaluate_target takes
    any superset of observations and filters them. The zone has 30 高新技术企业 of the city's
    120 in 2024: 25 % < 30 %. The zone's 60 规上工业企业 (another indicator, whose code sorts
    after ``hitech_enterprises``) are no part of it: 60 / 120 = 50 % would read green."""
    observations = [
        obs("hitech_enterprises", "2024", 30, "Z", region="乐山高新区"),
        obs("industrial_enterprises", "2024", 60, "I", region="乐山高新区"),
        obs("hitech_enterprises", "2024", 120, "C"),
    ]
    ev = evaluate_target(_zone_share(), observations, date(2025, 3, 1))
    assert (ev.current_value, ev.observation_ids) == (25.0, ("Z/C",))
    assert ev.met is False
    assert ev.attainment_pct == pytest.approx(100 * 25 / 30)


def test_a_period_whose_parent_total_is_zero_gives_no_share() -> None:
    """``_share``: a share is the region's level over its parent's level of the same period; over
    a parent total of 0 it is undefined, so that period gives no share (and no division by
    zero). The city's 2024 total was entered as 0: only 2023 gives a share, the zone's 27 of the
    city's 108 = 25 %, so the 2023 share is the current value."""
    observations = [
        obs("hitech_enterprises", "2023", 27, "Z3", region="乐山高新区"),
        obs("hitech_enterprises", "2024", 30, "Z4", region="乐山高新区"),
        obs("hitech_enterprises", "2023", 108, "C3"),
        obs("hitech_enterprises", "2024", 0, "C4"),
    ]
    ev = evaluate_target(_zone_share(), observations, date(2025, 3, 1))
    assert (ev.current_value, ev.current_period) == (25.0, "2023")
    assert ev.observation_ids == ("Z3/C3",)


# -- compound growth: a projection exactly at the required level is no miss (``_cagr``) --------


def test_a_trend_reaching_exactly_the_required_level_is_not_a_projected_miss() -> None:
    """年均增长 25 % from a base of 64 at the end of 2020 to the end of 2022: the required level
    is 64 × 1.25² = 100. ``_cagr`` turns red when the trend projects a level *below* it.
    Values: 40 (2019, x = 2020), the base 64 (x = 2021), 79 (2021, x = 2022). The linear least
    squares line: mean 61 at x = 2021, slope (79 − 40) / 2 = 19.5, so 61 + 2 × 19.5 = 100 at
    x = 2023 — exactly the required level. Its RMSE, √((1.5² + 3² + 1.5²) / 3) = 2.12, is below
    the compound trend's (3.80), so the linear trend is shown. The realised rate 79 / 64 − 1 =
    23.44 % is below 25 % and the due date is ahead: yellow ``rate_below``, not red; gap
    100 − 79 = 21, 完成率 23.4375 / 25 = 93.75 %."""
    t = Target("G", "n", "乐山市", 2022, "cagr", 25, base_year=2020, base_value=64)
    ev = evaluate_target(
        t, [obs("n", "2019", 40, "A"), obs("n", "2021", 79, "B")], date(2022, 3, 1)
    )
    assert ev.projection is not None
    assert ev.projection.method == "linear"
    assert ev.projection.value == pytest.approx(100.0)
    assert (ev.light, ev.rule, ev.met) == ("yellow", "rate_below", False)
    assert ev.current_value == pytest.approx(23.4375)
    assert ev.gap == pytest.approx(21.0)
    assert ev.attainment_pct == pytest.approx(93.75)


# -- a benchmark beaten: no gap (``_above_benchmark``) --------------------------------------------


def test_a_value_above_the_benchmark_has_no_gap() -> None:
    """高于全国平均: 58 % in 2024 against the national 55 % of 2024 is above it: green ``met``.
    The gap is how far the value falls short of the benchmark, never negative: 0, not
    55 − 58 = −3. 完成率 58 / 55 = 105.45 %."""
    t = Target("B", "x", "乐山市", 2025, "above_benchmark", unit="%")
    bench = [Benchmark("x", "national_avg", "2024", 55.0)]
    ev = evaluate_target(t, [obs("x", "2024", 58)], date(2025, 3, 1), bench)
    assert (ev.light, ev.rule, ev.met) == ("green", "met", True)
    assert ev.gap == 0
    assert ev.attainment_pct == pytest.approx(100 * 58 / 55)
