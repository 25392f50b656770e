"""Assessment engine hand cases: docs/specs/next-capabilities.md §6.3 (cases 1–4) and the
boundaries of the 武进 rules [V] 「达到平均值得基本分，每增减5%加减0.5分」 / 「完成目标值得满分，按比例计分，单项加分≤4分」."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jiazhou.assessments import (
    RuleError,
    benchmark_points,
    levers,
    load_county_scheme,
    load_zone_scheme,
    normalise,
    score_counties,
    self_assess,
    target_points,
    weighted_share_points,
)
from jiazhou.assessments.county import CountyClass, CountyIndicator, CountyScheme


# §6.3 case 1: block 1 = 20, 1.1 = 0.8, 1.2 = 1.2, seven at 1.0 → Σ 9.0 → 20 × 0.8 / 9 = 1.78.
def test_case1_weighted_share_of_a_perfect_1_1() -> None:
    weights = {"1.1": D("0.8"), "1.2": D("1.2"), **{f"1.{i}": D(1) for i in range(3, 10)}}
    assert weighted_share_points(D(20), weights, "1.1", D(1)).quantize(D("0.01")) == D("1.78")
    assert weighted_share_points(D(20), weights, "1.2", D(1)).quantize(D("0.01")) == D("2.67")
    # normalised scores are clipped to [0, 1]
    assert weighted_share_points(D(20), weights, "1.1", D(2)) == D(20) * D("0.8") / 9
    assert weighted_share_points(D(20), weights, "1.1", D(-1)) == 0


def test_case1_holds_on_the_shipped_106_scheme() -> None:
    z = load_zone_scheme()
    block = z.blocks[0]
    assert sum(block.weights.values()) == D(9)
    assert [b.weight for b in z.blocks] == [D(20), D(20), D(15), D(15), D(30)]
    result = self_assess(z, {"1.1": D(100)}, {"1.1": D(50)}, {})
    item = next(i for i in result.items if i.code == "1.1")
    assert (item.worth, item.points) == (D("1.78"), D("1.78"))


# §6.3 case 2: base 5, value 110% of the mean → +2 steps of 5% → +1.0 → 6.0.
@pytest.mark.parametrize(
    ("value", "points"),
    [
        (D(110), D("6.0")),  # case 2
        (D(100), D("5.0")),  # at the mean: base
        (D("104.99"), D("5.0")),  # a partial step does not count
        (D(105), D("5.5")),  # exactly one step
        (D("109.99"), D("5.5")),
        (D(95), D("4.5")),  # one step below
        (D("95.01"), D("5.0")),
        (D(0), D("0")),  # −20 steps = −10 points, floored at 0
    ],
)
def test_case2_benchmark_rule_and_its_step_boundaries(value: D, points: D) -> None:
    assert benchmark_points(value, D(100), base=D(5)) == points


def test_benchmark_bonus_cap_and_lower_better() -> None:
    assert benchmark_points(D(200), D(100), base=D(5), bonus_cap=D(4)) == D(9)  # not 15
    # lower-better: the ratio is mean / value = 100 / 90 = 111.1% → 2 full steps → 6.0
    assert benchmark_points(D(90), D(100), base=D(5), lower_better=True) == D("6.0")
    with pytest.raises(RuleError, match="均值"):
        benchmark_points(D(1), D(0), base=D(5))


# §6.3 case 3: target 10, actual 12, full 10, bonus cap 4 → 12 (10 × 1.2), not 14.
@pytest.mark.parametrize(
    ("actual", "points"),
    [(D(12), D(12)), (D(10), D(10)), (D(5), D(5)), (D(14), D(14)), (D(15), D(14)), (D(0), D(0))],
)
def test_case3_target_rule_with_bonus_cap(actual: D, points: D) -> None:
    assert target_points(actual, D(10), full=D(10), bonus_cap=D(4)) == points


def test_target_rule_refuses_a_zero_target() -> None:
    with pytest.raises(RuleError, match="目标值"):
        target_points(D(1), D(0), full=D(10), bonus_cap=D(4))


# §6.3 case 4: the same raw data, class 重点生态功能区 R&D weight 5 vs 10 for 主城区 →
# identical sub-scores, different totals.
def test_case4_class_weights_change_totals_not_sub_scores() -> None:
    rd = CountyIndicator("rd", "研发投入强度", "rd", "benchmark", D(10), D(4))
    tsme = CountyIndicator("tsme", "科技型中小企业", "tsme", "target", D(10), D(4))
    scheme = CountyScheme(
        "t",
        "测试",
        "1",
        "",
        (rd, tsme),
        (
            CountyClass(
                "urban", "城市主城区", ("A",), {"rd": D(10), "tsme": D(10)}, {}, {"tsme": D(10)}
            ),
            CountyClass(
                "eco", "重点生态功能区", ("B",), {"rd": D(5), "tsme": D(10)}, {}, {"tsme": D(10)}
            ),
        ),
    )
    # both at 110% of the mean (mean of 2.2 and 2.2 is 2.2 → use a third unit to set the mean)
    values = {
        "A": {"rd": D("2.2"), "tsme": D(10)},
        "B": {"rd": D("2.2"), "tsme": D(10)},
        "C": {"rd": D("1.6"), "tsme": D(10)},
    }
    scheme_c = CountyScheme(
        scheme.code, scheme.name, scheme.version, "", scheme.indicators,
        (*scheme.classes, CountyClass("c", "其他", ("C",), {"rd": D(10), "tsme": D(10)}, {}, {"tsme": D(10)})),
    )  # fmt: skip
    results = {r.region: r for r in score_counties(scheme_c, values)}
    # mean = 2.0; 2.2 = 110% → 10 + 2 × 0.5 = 11 (sub-score on the nominal 10 scale)
    assert results["A"].items[0].sub_score == results["B"].items[0].sub_score == D("11.00")
    assert results["A"].items[0].points == D("11.00")  # 10 × 11/10
    assert results["B"].items[0].points == D("5.50")  # 5 × 11/10
    assert (results["A"].total, results["B"].total) == (D("21.00"), D("15.50"))
    # C: 1.6 = 80% of the mean → −4 steps → 8 + 10 = 18, ahead of B's 15.5
    assert results["C"].total == D("18.00")
    assert (results["A"].rank, results["B"].rank, results["C"].rank) == (1, 3, 2)


def test_missing_values_and_targets_score_zero_with_a_reason() -> None:
    scheme = load_county_scheme()
    values = {"511102": {"rd_intensity": D(2)}, "511112": {"rd_intensity": D(2)}}
    results = {r.region: r for r in score_counties(scheme, values)}
    item = next(i for i in results["511102"].items if i.code == "tech_smes")
    assert item.points == 0 and "缺数据" in item.note


def test_default_leshan_scheme_raises_the_four_article_27_indicators() -> None:
    scheme = load_county_scheme()
    raised = {i.code for i in scheme.indicators if i.raised}
    assert raised == {
        "rd_intensity",
        "industrial_rd_intensity",
        "hitech_enterprises_increment",
        "hv_invention_patents_per_10k",
    }
    for klass in scheme.classes:
        assert sum(klass.weights.values()) == 100, klass.name
        for code in raised:
            assert klass.weights[code] > klass.weights_before[code], (klass.name, code)
    assert scheme.class_of("LS-HTZ").name == "高新区（功能区）"  # type: ignore[union-attr]


def test_what_if_weights_replace_one_class_only() -> None:
    scheme = load_county_scheme()
    changed = scheme.with_weights("urban_core", {"rd_intensity": D(40)})
    assert changed.class_of("511102").weights["rd_intensity"] == 40  # type: ignore[union-attr]
    assert changed.class_of("511112").weights == scheme.class_of("511112").weights  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("value", "norm"),
    [(D(0), D(0)), (D(50), D("0.25")), (D(100), D("0.5")), (D(200), D(1)), (D(400), D(1))],
)
def test_normalise_against_the_national_average(value: D, norm: D) -> None:
    assert normalise(value, D(100)) == norm


def test_levers_rank_by_points_per_unit_of_effort() -> None:
    z = load_zone_scheme()
    # 1.2 (赋权 1.2 in a 20-point block) is worth 2.67; 5.5 (1.0 of 8 in a 30-point block) 3.75.
    values = {"1.2": D(100), "5.5": D(100), "1.1": D(200)}
    averages = {"1.2": D(100), "5.5": D(100), "1.1": D(100)}
    top = levers(z, values, averages)
    # +10% of the average moves normalised by 0.05: 5.5 → 3.75 × 0.05 = 0.19; 1.2 → 0.13;
    # 1.1 is already at full marks → 0.
    assert [(lv.code, lv.gain) for lv in top] == [
        ("5.5", D("0.19")),
        ("1.2", D("0.13")),
        ("1.1", D("0.00")),
    ]
    assert top[2].headroom == 0


def test_estimated_rank_moves_with_the_total() -> None:
    z = load_zone_scheme()
    low = self_assess(z, {}, {}, {})
    assert low.total == 0 and low.estimated_rank == z.national_zones
    # twice the average everywhere (half of it for the lower-better 3.1) → full marks
    subs = {s.code: D(50) if s.lower_better else D(200) for _, s in z.subs()}
    full = self_assess(z, subs, {k: D(100) for k in subs}, {})
    assert full.total == D("100.00") and full.estimated_rank == 1
