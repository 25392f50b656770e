"""完成率 (attainment) is a ratio to a positive threshold, and nothing at or below zero.

A ceiling of −3 % reached at −4 % would read 75 % and one missed at −2 % 150 %; a floor of
−2 ‰ met at −1 ‰ would read 50 %; 消除 (eliminate to 0) would read 0 % until the count reaches
0. Those figures are left out (``attainment_pct`` None, no 「完成率」 in the explanation) and
消除 reads its progress from the base. The evaluation day is always passed in.
"""

from __future__ import annotations

from datetime import date

import pytest

from jiazhou.targets import Observation, Target, evaluate_target

AT = date(2025, 11, 22)


def _one(target: Target, value: float, period: str = "2024") -> object:
    return evaluate_target(target, [Observation(target.indicator, "乐山市", period, value)], AT)


@pytest.mark.parametrize(("value", "light"), [(-1, "green"), (-3, "yellow")])
def test_a_negative_floor_has_no_attainment(value: float, light: str) -> None:
    """≥ −2 ‰: −1 is met, −3 is not; neither −1 / −2 = 50 % nor −3 / −2 = 150 % is shown."""
    ev = _one(Target("L", "x", "乐山市", 2025, "level", -2, unit="‰"), value)
    assert (ev.light, ev.attainment_pct) == (light, None)
    assert "完成率" not in ev.explanation_zh and "attainment" not in ev.explanation_en


@pytest.mark.parametrize(("value", "light"), [(-4, "green"), (-2, "yellow"), (1, "yellow")])
def test_a_ceiling_at_or_below_zero_has_no_attainment(value: float, light: str) -> None:
    """≤ −3 %: −4 is met (not 75 %), −2 and 1 are not (not 150 %, not −300 %)."""
    target = Target("C", "x", "乐山市", 2025, "level", -3, unit="%", comparator="<=")
    ev = _one(target, value)
    assert (ev.light, ev.attainment_pct) == (light, None)
    assert "完成率" not in ev.explanation_zh


@pytest.mark.parametrize(("value", "attainment"), [(10, 50.0), (5, 100.0), (0, 100.0), (-1, 100.0)])
def test_a_positive_ceiling_is_threshold_over_value(value: float, attainment: float) -> None:
    """≤ 5 %: 10 → 5 / 10 = 50 %; 5 → 100 %; at or below 0 the ceiling is met: 100 %."""
    target = Target("P", "x", "乐山市", 2025, "level", 5, unit="%", comparator="<=")
    ev = _one(target, value)
    assert ev.attainment_pct == pytest.approx(attainment)
    assert f"完成率 {attainment:g}%" in ev.explanation_zh


def test_a_floor_of_zero_has_no_attainment() -> None:
    """≥ 0 %（增速为正）: 3 % meets it; 3 / 0 is no ratio."""
    ev = _one(Target("G", "x", "乐山市", 2025, "level", 0, unit="%"), 3)
    assert (ev.met, ev.attainment_pct) == (True, None)


def test_eliminate_reads_its_progress_as_attainment() -> None:
    """消除 from 8 days (2022) to 4 (2023): progress (8 − 4) / 8 = 50 %, and 完成率 is that
    progress, not 0 / 4 = 0 %."""
    target = Target("E", "d", "乐山市", 2025, "eliminate", unit="天", base_date=date(2021, 7, 7))
    series = [
        Observation("d", "乐山市", "2022", 8, "stated", "A"),
        Observation("d", "乐山市", "2023", 4, "stated", "B"),
    ]
    ev = evaluate_target(target, series, AT)
    assert ev.progress_pct == pytest.approx(50.0)
    assert ev.attainment_pct == pytest.approx(50.0)


@pytest.mark.parametrize("period", ["unstated", "unstated ", ""])
def test_an_unstated_period_is_described_as_unstated_however_written(period: str) -> None:
    """The period is read as parsed (stripped; empty is unstated), not as written: 「10（观测期
    未载明）」, never 「期间未载明，观测期未载明」 or 「—，观测期未载明」."""
    target = Target("L", "x", "乐山市", 2030, "level", 50)
    ev = evaluate_target(target, [Observation("x", "乐山市", period, 10, "unstated")], AT)
    assert ev.explanation_zh.startswith("现值 10（观测期未载明） 未达到 50")
    assert ev.explanation_en.startswith("Current 10 (period unstated) does not yet reach 50")


def test_a_negative_ceiling_with_a_base_still_has_no_attainment() -> None:
    """≤ −3 % from 0 % (base 2020): at −2 % the progress is (−2 − 0) / (−3 − 0) = 66.7 %, but
    完成率 stays out: only 消除 (a ceiling of exactly 0) reads its progress as 完成率."""
    target = Target(
        "C",
        "x",
        "乐山市",
        2025,
        "level",
        -3,
        unit="%",
        comparator="<=",
        base_year=2020,
        base_value=0,
    )
    ev = _one(target, -2)
    assert ev.progress_pct == pytest.approx(200 / 3)
    assert ev.attainment_pct is None
