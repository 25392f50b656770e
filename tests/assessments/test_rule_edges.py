"""Edges of the assessment rules found by mutation testing (issue 23, third round).

* 武进 rule [V] 「达到平均值得基本分，每增减5%加减0.5分」 (docs/specs/next-capabilities.md §6.2, §6.3
  case 2) on a lower-better indicator: a value of 0 or below is better than the mean, by more than
  any number of 5% steps, so it scores the top, base + bonus cap (rules.py docstring) — never the
  worst; without a bonus cap there is no top and the rule refuses to score.
* 106号 levers (zone.py ``levers``: "+10% of the national average" per unit of effort, normalised
  = clip(0.5 × value / average, 0, 1), data/zone-106-2021.toml): a higher-better value still at or
  below 0 after the step scores 0, so the lever gains nothing.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jiazhou.assessments import (
    RuleError,
    benchmark_points,
    benchmark_steps,
    levers,
    load_zone_scheme,
)


@pytest.mark.parametrize("value", [D(0), D(-3)])
def test_a_lower_better_value_at_or_below_zero_scores_the_top(value: D) -> None:
    # base 5 + bonus cap 4 = 9, the most the rule gives (ratio 0 would have been −20 steps → 0)
    assert benchmark_points(value, D(100), base=D(5), bonus_cap=D(4), lower_better=True) == D(9)


def test_a_lower_better_value_just_above_zero_is_capped_the_same() -> None:
    # 100 / 0.01 = 10 000 × the mean: far above the cap → 9
    assert benchmark_points(D("0.01"), D(100), base=D(5), bonus_cap=D(4), lower_better=True) == 9
    # half the mean: ratio 2 → +20 steps → 5 + 10 = 15 without a cap, 9 with cap 4
    assert benchmark_points(D(50), D(100), base=D(5), lower_better=True) == D(15)
    assert benchmark_points(D(50), D(100), base=D(5), bonus_cap=D(4), lower_better=True) == 9


def test_a_lower_better_zero_without_a_bonus_cap_cannot_be_scored() -> None:
    with pytest.raises(RuleError, match=r"^低者为优.*加分上限.* / .*bonus cap"):
        benchmark_points(D(0), D(100), base=D(5), lower_better=True)
    with pytest.raises(RuleError, match=r"^低者为优.* / "):
        benchmark_steps(D(0), D(100), lower_better=True)
    # a zero mean is refused first, whatever the value
    with pytest.raises(RuleError, match="^均值"):
        benchmark_points(D(0), D(0), base=D(5), bonus_cap=D(4), lower_better=True)


def test_steps_either_side_of_the_mean() -> None:
    assert benchmark_steps(D(50), D(100), lower_better=True) == 20  # 100/50 = 200%
    assert benchmark_steps(D(200), D(100), lower_better=True) == -10  # 50% → −10 steps
    assert benchmark_steps(D(0), D(100)) == -20  # higher-better 0: 0% of the mean
    assert benchmark_steps(D(-5), D(100)) == -21  # −5% → −105% → −21 whole steps


def test_a_higher_better_lever_still_below_zero_gains_nothing() -> None:
    z = load_zone_scheme()
    # 5.2 全员劳动生产率增长率: 赋权 1.0 of 8 in the 30-point block → worth 3.75.
    # −50 + 10% × 10 = −49: still negative → normalised 0 → gain 0, all 3.75 still open.
    # −1 + 1 = 0: normalised 0 → gain 0. −0.9 + 1 = 0.1: 0.5 × 0.1 / 10 = 0.005 → 3.75 × 0.005
    # = 0.01875 → 0.02.
    for value, gain in ((D(-50), D("0.00")), (D(-1), D("0.00")), (D("-0.9"), D("0.02"))):
        (lever,) = [lv for lv in levers(z, {"5.2": value}, {"5.2": D(10)}) if lv.code == "5.2"]
        assert (lever.gain, lever.headroom) == (gain, D("3.75")), value


def test_a_lower_better_lever_moves_toward_the_best() -> None:
    z = load_zone_scheme()
    # 3.1 单位增加值综合能耗 (lower-better): 1 of 3 in the 15-point block → worth 5.
    # 10 at an average of 10: 0.5 now; 9 after → 0.5 × 10/9 = 0.5556 → gain 5 × 0.0556 = 0.28.
    (lever,) = [lv for lv in levers(z, {"3.1": D(10)}, {"3.1": D(10)}) if lv.code == "3.1"]
    assert (lever.gain, lever.headroom) == (D("0.28"), D("2.50"))
    assert "降低" in lever.note
    # 6 at an average of 10: 0.5 × 10/6 = 0.8333 now; 5 after → 1 → gain 5 × 0.1667 = 0.83
    (lever,) = [lv for lv in levers(z, {"3.1": D(6)}, {"3.1": D(10)}) if lv.code == "3.1"]
    assert (lever.gain, lever.headroom) == (D("0.83"), D("0.83"))
