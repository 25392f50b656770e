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

import dataclasses
from decimal import Decimal as D

import pytest

from jiazhou.assessments import (
    RuleError,
    benchmark_points,
    benchmark_steps,
    levers,
    load_zone_scheme,
    normalise,
    score_counties,
    self_assess,
    target_points,
    weighted_share_points,
)
from jiazhou.assessments.county import CountyClass, CountyIndicator, CountyScheme
from jiazhou.assessments.zone import ZoneBlock, ZoneSub, estimate_rank


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


def test_a_lower_better_zero_scores_the_top_whatever_the_mean() -> None:
    # the top (5 + 4) for 0 also when the mean is small: 1 or 0.5
    assert benchmark_points(D(0), D(1), base=D(5), bonus_cap=D(4), lower_better=True) == 9
    assert benchmark_points(D(0), D("0.5"), base=D(5), bonus_cap=D(4), lower_better=True) == 9
    # a lower-better 1 against a mean of 0.5 is twice the mean: ratio 0.5 → −10 steps → 0
    assert benchmark_points(D(1), D("0.5"), base=D(5), bonus_cap=D(4), lower_better=True) == 0


def test_a_lower_better_zero_without_a_bonus_cap_cannot_be_scored() -> None:
    with pytest.raises(RuleError, match=r"^低者为优.*加分上限.* / .*bonus cap"):
        benchmark_points(D(0), D(100), base=D(5), lower_better=True)
    with pytest.raises(RuleError, match=r"^低者为优.* / "):
        benchmark_steps(D(0), D(100), lower_better=True)
    with pytest.raises(RuleError, match=r"^低者为优.* / "):
        benchmark_steps(D(-3), D(100), lower_better=True)
    # a zero or negative mean is refused first, whatever the value
    with pytest.raises(RuleError, match="^均值"):
        benchmark_points(D(0), D(0), base=D(5), bonus_cap=D(4), lower_better=True)
    with pytest.raises(RuleError, match="^均值"):
        benchmark_points(D(0), D(-5), base=D(5), bonus_cap=D(4), lower_better=True)


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


def test_the_rule_options_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        benchmark_points(D(100), D(100), D(5))  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        target_points(D(12), D(10), D(10), D(4))  # type: ignore[call-arg]


@pytest.mark.parametrize("weights", [{"a": D(0), "b": D(0)}, {"a": D(1), "b": D(-2)}])
def test_weighted_share_needs_a_positive_sum(weights: dict[str, D]) -> None:
    with pytest.raises(RuleError, match="^赋权之和须为正数 / "):
        weighted_share_points(D(20), weights, "a", D(1))


def test_weights_summing_to_less_than_one_still_share_the_block() -> None:
    # Σ赋权 = 0.8: a is worth 20 × 0.5 / 0.8 = 12.5 of the block
    assert weighted_share_points(D(20), {"a": D("0.5"), "b": D("0.3")}, "a", D(1)) == D("12.5")


def test_a_negative_mean_is_refused() -> None:
    with pytest.raises(RuleError, match="^均值为 0 或负数"):
        benchmark_points(D(10), D(-5), base=D(5), bonus_cap=D(4))


def test_target_rule_edges() -> None:
    # 「完成目标值得满分，按比例计分，单项加分≤4分」: 10 × actual / 10, within [0, 14]
    with pytest.raises(RuleError, match="^目标值须为正数 / "):
        target_points(D(5), D(-10), full=D(10), bonus_cap=D(4))
    assert target_points(D(-3), D(10), full=D(10), bonus_cap=D(4)) == 0
    assert target_points(D("13.99"), D(10), full=D(10), bonus_cap=D(4)) == D("13.99")
    assert target_points(D(7), D("0.5"), full=D(10), bonus_cap=D(0)) == 10  # cap 0: full only


def test_county_scoring_gives_a_lower_better_zero_the_top() -> None:
    # 能耗 (lower-better, nominal 10, bonus cap 4): A 0, B 2, C 4 → mean 2. A: the top, 10 + 4 =
    # 14; B at the mean: 10; C twice the mean: ratio 0.5 → −10 steps → 10 − 5 = 5.
    energy = CountyIndicator("e", "单位GDP能耗", "e", "benchmark", D(10), D(4), lower_better=True)
    klass = CountyClass("all", "全部", ("A", "B", "C"), {"e": D(10)}, {}, {})
    scheme = CountyScheme("t", "测试", "1", "", (energy,), (klass,))
    values: dict[str, dict[str, D | None]] = {"A": {"e": D(0)}, "B": {"e": D(2)}, "C": {"e": D(4)}}
    results = {r.region: r.total for r in score_counties(scheme, values)}
    assert results == {"A": D("14.00"), "B": D("10.00"), "C": D("5.00")}


# -- 106号 self-assessment (zone.py; data/zone-106-2021.toml: normalised = clip(0.5 × value /
# average, 0, 1), lower-better items average / value; rank from Normal(50, 12) over 178 zones) --


@pytest.mark.parametrize(
    ("value", "average", "lower_better", "norm"),
    [
        (D(5), D(0), False, D(0)),  # no national average: nothing to compare with
        (D(5), D(-1), False, D(0)),
        (D(-5), D(-1), False, D(0)),  # not −5 / −1 = 5 × the average
        (D(-5), D(10), False, D(0)),  # a negative value is clipped to 0
        (D(0), D(10), True, D(1)),  # lower-better 0: the best
        (D(-1), D(10), True, D(1)),
        (D("-0.5"), D(10), True, D(1)),
        (D(1), D(1), True, D("0.5")),  # at the average, whatever its size
        (D("0.8"), D(1), True, D("0.625")),  # 0.5 × 1 / 0.8
        (D(20), D(10), True, D("0.25")),  # 0.5 × 10 / 20
        (D(5), D(10), True, D(1)),  # half the average: full marks
        (D(4), D(10), True, D(1)),  # clipped at 1
    ],
)
def test_normalise_edges(value: D, average: D, lower_better: bool, norm: D) -> None:
    assert normalise(value, average, lower_better=lower_better) == norm


def test_each_item_says_why_it_scores_what_it_does() -> None:
    z = load_zone_scheme()
    result = self_assess(z, {"1.1": D(50), "1.2": D(1)}, {"1.1": D(100)}, {"m1": D("0.8")})
    items = {i.code: i for i in result.items}
    assert items["1.1"].note == "对照全国平均值（估算）"
    assert (items["1.1"].normalised, items["1.1"].points) == (D("0.25"), D("0.44"))  # 1.78 / 4
    assert (items["1.2"].note, items["1.2"].points) == ("未录入全国平均值，计 0 分", D(0))
    assert items["1.2"].normalised is None
    assert (items["1.3"].note, items["1.3"].value) == ("无监测数据，计 0 分", None)
    assert result.manual == {"m1": D("0.8"), "m2": None, "m3": None, "m4": None, "m5": None}


def test_block_totals_add_the_unrounded_points() -> None:
    z = load_zone_scheme()
    # 1.3, 1.4, 1.5: each 20 × 1/9 × 0.25 = 0.5556 → shown 0.56; the block adds 1.6667 → 1.67
    # (not 3 × 0.56 = 1.68); block 5 (5.5 at twice the average: 30 / 8 = 3.75)
    values = {"1.3": D(50), "1.4": D(50), "1.5": D(50), "5.5": D(200)}
    result = self_assess(z, values, dict.fromkeys(values, D(100)), {})
    assert [i.points for i in result.items if i.code in ("1.3", "1.4", "1.5")] == [D("0.56")] * 3
    assert result.block_totals == {
        "1": D("1.67"),
        "2": D("0.00"),
        "3": D("0.00"),
        "4": D("0.00"),
        "5": D("3.75"),
    }
    assert result.total == D("5.42")  # 1.6667 + 3.75 = 5.4167


@pytest.mark.parametrize(
    ("total", "rank"),
    [
        (D(50), 90),  # the assumed mean: half the 178 zones above → 1 + 89
        (D(62), 29),  # mean + 1 sd: 1 − Φ(1) = 0.1587 × 178 = 28.2 → 1 + 28
        (D(38), 150),  # mean − 1 sd: 0.8413 × 178 = 149.8 → 1 + 149
        (D(0), 178),  # never beyond the last zone
        (D(100), 1),  # never before the first
    ],
)
def test_estimated_rank_from_the_assumed_normal_distribution(total: D, rank: int) -> None:
    assert estimate_rank(load_zone_scheme(), total) == rank


def test_levers_without_data_and_without_a_usable_average() -> None:
    z = load_zone_scheme()
    # 5.5 without data: 10 % of the average → normalised 0.05 → 3.75 × 0.05 = 0.1875 → 0.19;
    # all 3.75 open. 1.3 with an average of 0 and 1.4 without one are left out.
    found = levers(z, {}, {"5.5": D(100), "1.3": D(0), "1.4": None})
    assert [(lv.code, lv.gain, lv.headroom) for lv in found] == [("5.5", D("0.19"), D("3.75"))]
    assert found[0].note == "尚无监测数据：先建立统计，按全国平均值的 10% 估算"
    assert found[0].monitoring == "gazelle_enterprises"
    # with data, higher-better: the note says 提高
    (lever,) = levers(z, {"5.5": D(100)}, {"5.5": D(100)})
    assert lever.note == "指标值提高全国平均值的 10%"


def test_levers_break_ties_by_headroom_then_code() -> None:
    z = load_zone_scheme()
    # 2.1 and 2.2 (worth 20 / 9 = 2.22 each): both at the average → gain 2.22 × 0.05 = 0.11,
    # headroom 1.11; 2.3 at 1.5 × the average → same gain, headroom 2.22 × 0.25 = 0.56.
    # 2.4 at 2 × the average gains nothing.
    values = {"2.2": D(100), "2.1": D(100), "2.3": D(150), "2.4": D(200)}
    found = levers(z, values, dict.fromkeys(values, D(100)))
    assert [(lv.code, lv.gain, lv.headroom) for lv in found] == [
        ("2.1", D("0.11"), D("1.11")),
        ("2.2", D("0.11"), D("1.11")),
        ("2.3", D("0.11"), D("0.56")),
        ("2.4", D("0.00"), D("0.00")),
    ]


def test_a_larger_gain_comes_first_whatever_the_headroom() -> None:
    z = load_zone_scheme()
    # 5.5 at 1.8 × the average: 0.9 → 0.95, gain 3.75 × 0.05 = 0.1875 → 0.19, headroom 0.375 →
    # 0.38; 1.2 at the average: gain 2.67 × 0.05 = 0.13, headroom 1.33 — 5.5 still leads
    values = {"1.2": D(100), "5.5": D(180)}
    found = levers(z, values, dict.fromkeys(values, D(100)))
    assert [(lv.code, lv.gain, lv.headroom) for lv in found] == [
        ("5.5", D("0.19"), D("0.38")),
        ("1.2", D("0.13"), D("1.33")),
    ]


def test_a_negative_national_average_leaves_the_lever_out() -> None:
    assert levers(load_zone_scheme(), {}, {"5.5": D(-5)}) == []
    # any positive average is usable: 0.5 → 10 % of it → normalised 0.05 → 0.19, as for 100
    (lever,) = levers(load_zone_scheme(), {}, {"5.5": D("0.5")})
    assert (lever.gain, lever.headroom) == (D("0.19"), D("3.75"))


def test_equal_gains_go_to_the_larger_headroom_before_the_code() -> None:
    z = load_zone_scheme()
    # 2.1 at 1.5 × the average: headroom 2.22 × 0.25 = 0.56; 2.3 at the average: 1.11. Both
    # gain 0.11: 2.3 first, although 2.1 sorts first by code.
    values = {"2.1": D(150), "2.3": D(100)}
    found = levers(z, values, dict.fromkeys(values, D(100)))
    assert [(lv.code, lv.headroom) for lv in found] == [("2.3", D("1.11")), ("2.1", D("0.56"))]


def test_a_block_without_sub_indicators_totals_zero() -> None:
    z = load_zone_scheme()
    empty = ZoneBlock("6", "空", D(10), "U", ())
    scheme = dataclasses.replace(z, blocks=(*z.blocks, empty))
    assert self_assess(scheme, {}, {}, {}).block_totals["6"] == D("0.00")


def test_zone_records_are_read_only_and_items_higher_better_unless_marked() -> None:
    z = load_zone_scheme()
    block, sub = z.subs()[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        sub.weight = D(2)  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        block.weight = D(2)  # type: ignore[misc]
    assert ZoneSub("x", "测试", D(1), "U").lower_better is False
    with pytest.raises(dataclasses.FrozenInstanceError):
        z.manual[0].name = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        z.national_zones = 1  # type: ignore[misc]
    assert [s.code for _, s in z.subs() if s.lower_better] == ["3.1"]
    result = self_assess(z, {}, {}, {})
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.total = D(100)  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.items[0].points = D(1)  # type: ignore[misc]
    (lever,) = levers(z, {}, {"5.5": D(100)})
    with pytest.raises(dataclasses.FrozenInstanceError):
        lever.gain = D(1)  # type: ignore[misc]
