"""Rules of ``targets/evaluate.py`` that the eighth mutation round found unpinned, hand-computed.

Each test names the rule it checks (module docstring of ``evaluate.py`` and the docstrings of
its functions); the evaluation date is always passed in. The hypothetical values are chosen to
make the arithmetic checkable by hand.
"""

from __future__ import annotations

from datetime import date

import pytest
from target_observations import PLENUM, obs

from jiazhou.targets import Observation, Target, evaluate_target

AT = date(2025, 11, 22)


# -- base values: growth stated against the base year only (``_base``) --------------------------


def test_growth_against_an_earlier_year_gives_no_base() -> None:
    """倍增 against 2020: +50 % over 2019 gives the 2019 level (150 / 1.5 = 100), not the 2020
    one, so the base stays unknown (grey ``no_base``) — an earlier base year no more than a
    later one (2021: test_growth_against_another_base_year_gives_no_base)."""
    t = Target("M", "n", "乐山市", 2025, "multiple_of_base", 2, base_year=2020)
    o = Observation("n", "乐山市", "2024", 150, growth_vs_base_pct=50, growth_base_year=2019)
    ev = evaluate_target(t, [o], AT)
    assert (ev.light, ev.rule, ev.base_value) == ("grey", "no_base", None)
    # The same figure stated against 2020 does give the base: 150 / 1.5 = 100, target 200.
    same = Observation("n", "乐山市", "2024", 150, growth_vs_base_pct=50, growth_base_year=2020)
    ev = evaluate_target(t, [same], AT)
    assert ev.base_value == pytest.approx(100.0)
    assert ev.threshold == pytest.approx(200.0)


# -- derived shares: the parent region's levels only --------------------------------------------


def test_a_share_divides_by_the_parent_region_only() -> None:
    """占全市比重 of 乐山高新区: its 50 firms of 乐山市's 200 in 2024 = 25 %. The levels of other
    regions in the same period — a neighbour city listed last, the region itself — are not the
    parent's (``parent_region`` names the one region divided by)."""
    t = Target(
        "S",
        "hz_hitech_share",
        "乐山高新区",
        2025,
        "share",
        30,
        unit="%",
        parent_region="乐山市",
        share_of="hitech_enterprises",
    )
    series = [
        obs("hitech_enterprises", "2024", 200, "C", region="乐山市"),
        obs("hitech_enterprises", "2024", 50, "Z", region="乐山高新区"),
        obs("hitech_enterprises", "2024", 400, "M", region="眉山市"),
    ]
    ev = evaluate_target(t, series, AT)
    assert ev.current_value == pytest.approx(25.0)  # 50 / 200
    assert ev.observation_ids == ("Z/C",)


# -- later values: only those dated after the due date (module docstring, rule 1) -------------


def _stock() -> Target:
    # 2025: 300 家 from 200 at end-2020; due 2025-12-31.
    return Target("S", "n", "乐山市", 2025, "level", 300, unit="家", base_year=2020, base_value=200)


@pytest.mark.parametrize("at", [date(2026, 6, 30), date(2025, 6, 30)])
def test_a_value_dated_before_the_due_date_is_not_a_later_value(at: date) -> None:
    """The 2024 figure (280, dated 2024-12-31) is the target's own-period value both after the
    due date (at 2026-06-30: red, overdue) and before it (at 2025-06-30): it is never reported as
    a value 「期后」 — later values are those dated after min(at, due) and up to ``at``."""
    ev = evaluate_target(_stock(), [obs("n", "2024", 280, "A")], at)
    assert (ev.current_value, ev.current_period) == (280, "2024")
    assert (ev.later_value, ev.later_period, ev.later_note) == (None, None, None)
    assert "期后数据" not in ev.explanation_zh
    assert "after the due date" not in ev.explanation_en


# -- 持续上升 over the target's own period (``_increasing``) -----------------------------------


def test_increasing_starts_at_the_last_value_on_or_before_the_period_start() -> None:
    """Period start end-2022 (base year 2022). Values 25 (2020), 31 (2021), 30 (2022), 32
    (2023), 35 (2024). The series starts at 30, the value *on* the start date, once: 30 → 32 →
    35, two steps, both up → green ``met`` (100 %). The fall 31 → 30 happened before the target
    was set and is not its own; counting 30 twice would make a flat step."""
    t = Target("T015", "x", "乐山市", 2025, "increasing", unit="%", base_year=2022)
    values = ((2020, 25), (2021, 31), (2022, 30), (2023, 32), (2024, 35))
    series = [obs("x", str(y), v) for y, v in values]
    ev = evaluate_target(t, series, AT)
    assert (ev.light, ev.rule, ev.met, ev.attainment_pct) == ("green", "met", True, 100.0)
    assert "2022 至 2024 共 2 期，上升 2 期" in ev.explanation_zh
    assert "2 steps from 2022 to 2024, 2 rising" in ev.explanation_en


# -- 消除: the earliest of two or more dated values is the base -----------------------------------


def _eliminate() -> Target:
    # 消除重污染天气 by end-2025; 序时进度 from the plenum 2021-07-07 (1638 days to 2025-12-31).
    return Target("E", "d", "乐山市", 2025, "eliminate", unit="天", base_date=PLENUM)


def test_eliminate_with_two_dated_values_measures_from_the_earliest() -> None:
    """8 days (2022) then 4 (2023): base 8, progress (8 − 4) / (8 − 0) = 50 %; 序时进度 on
    2023-12-31 is 907 / 1638 = 55.37 %, so it is behind (rule 5, yellow). Two points do not let
    the trend decide (rule 4: three or more), even though the line 8 → 4 reaches 0."""
    series = [obs("d", "2022", 8, "A"), obs("d", "2023", 4, "B")]
    ev = evaluate_target(_eliminate(), series, AT)
    assert ev.base_value == 8
    assert ev.base_source == "earliest observation A"
    assert ev.progress_pct == pytest.approx(50.0)
    assert ev.schedule_pct == pytest.approx(100 * 907 / 1638)
    assert (ev.light, ev.rule) == ("yellow", "behind_schedule")


def test_eliminate_with_one_dated_value_has_no_base() -> None:
    """4 days (2023) alone: a single value is no base to measure progress from (the value
    would be its own base, progress 0 %); with one point no trend either → rule 7, yellow
    ``unmet_unknown_pace``."""
    ev = evaluate_target(_eliminate(), [obs("d", "2023", 4, "B")], AT)
    assert (ev.base_value, ev.base_source, ev.progress_pct) == (None, "", None)
    assert (ev.light, ev.rule) == ("yellow", "unmet_unknown_pace")


def test_eliminate_with_only_an_undated_value_has_no_base() -> None:
    """4 days, period unstated: no dated value at all, so no base and no pace (rule 7)."""
    ev = evaluate_target(_eliminate(), [obs("d", "unstated", 4, "U")], AT)
    assert (ev.base_value, ev.progress_pct) == (None, None)
    assert (ev.light, ev.rule) == ("yellow", "unmet_unknown_pace")
    assert "观测期未载明" in ev.explanation_zh
