"""Growth-rate, CAGR, benchmark (高于全国平均 / 走在全省前列) and 持续上升 targets."""

from __future__ import annotations

from datetime import date

import pytest

from jiazhou.targets import Benchmark, Observation, Target, evaluate_target

AT = date(2025, 11, 22)


def obs(indicator: str, period: str, value: float, region: str = "乐山市") -> Observation:
    return Observation(indicator, region, period, value)


# -- growth_rate: observed rates ---------------------------------------------------------------

T007 = Target(
    "T007", "rd_expenditure_avg_growth", "乐山高新区", 2025, "growth_rate", 15, unit="%"
)  # 研发经费投入年均增长15%以上


@pytest.mark.parametrize(
    ("value", "at", "light", "rule"),
    [
        (15.0, AT, "green", "met"),  # exactly on target
        (12.5, AT, "yellow", "rate_below"),
        (12.5, date(2026, 3, 1), "red", "overdue"),
    ],
)
def test_t007_growth_rate(value: float, at: date, light: str, rule: str) -> None:
    ev = evaluate_target(T007, [obs("rd_expenditure_avg_growth", "2024", value, "乐山高新区")], at)
    assert (ev.light, ev.rule) == (light, rule)
    assert ev.gap == pytest.approx(max(15 - value, 0))
    assert ev.attainment_pct == pytest.approx(100 * value / 15)


# -- cagr: levels compounded since the base year -----------------------------------------------

# T026-style: 民用核技术应用产业产值年均增速达到20%以上, judged from output levels.
CAGR = Target(
    "C026",
    "civil_nuclear_output",
    "乐山市",
    2025,
    "cagr",
    20,
    unit="%",
    base_year=2020,
    base_value=100,
)


def test_cagr_exactly_on_the_rate() -> None:
    # End-2020 → end-2023 is 3 years; 100 × 1.2³ = 172.8 → exactly 20 % a year.
    ev = evaluate_target(CAGR, [obs("civil_nuclear_output", "2023", 172.8)], AT)
    assert ev.current_value == pytest.approx(20.0)
    assert (ev.light, ev.rule, ev.met) == ("green", "met", True)
    # Still 100 × 1.2⁵ − 172.8 = 248.832 − 172.8 to go by end-2025.
    assert ev.gap == pytest.approx(248.832 - 172.8)


def test_cagr_below_rate_two_points_is_yellow() -> None:
    # 160 after 3 years: 1.6^(1/3) − 1 = 16.96 %.
    ev = evaluate_target(CAGR, [obs("civil_nuclear_output", "2023", 160)], AT)
    assert ev.current_value == pytest.approx((1.6 ** (1 / 3) - 1) * 100)
    assert (ev.light, ev.rule) == ("yellow", "rate_below")


def test_cagr_trend_that_misses_is_red() -> None:
    # 110, 120, 130 (2021–2023) on base 100: a linear path, best fitted linearly, projects
    # 150 at end-2025 against the 248.83 a 20 % rate requires.
    series = [
        obs("civil_nuclear_output", str(y), v) for y, v in ((2021, 110), (2022, 120), (2023, 130))
    ]
    ev = evaluate_target(CAGR, series, AT)
    assert (ev.light, ev.rule) == ("red", "projected_miss")
    assert ev.projection is not None
    assert ev.projection.method == "linear"
    assert ev.projection.value == pytest.approx(150.0)


def test_cagr_without_base_is_grey() -> None:
    t = Target("C", "civil_nuclear_output", "乐山市", 2025, "cagr", 20, base_year=2020)
    ev = evaluate_target(t, [obs("civil_nuclear_output", "2023", 160)], AT)
    assert (ev.light, ev.rule) == ("grey", "no_base")


# -- above_benchmark ---------------------------------------------------------------------------

T018 = Target(
    "T018",
    "rd_intensity_increase",
    "乐山市",
    2025,
    "above_benchmark",
    unit="百分点",
    benchmark="national_avg",
)
T019 = Target(
    "T019",
    "rd_intensity_increase",
    "乐山市",
    2025,
    "above_benchmark",
    unit="百分点",
    benchmark="provincial_leading",
)
BENCH = [
    Benchmark("rd_intensity_increase", "national_avg", "2023", 0.12),
    Benchmark("rd_intensity_increase", "provincial_leading", "2023", 0.20),
]


def test_t018_above_national_average() -> None:
    ev = evaluate_target(T018, [obs("rd_intensity_increase", "2023", 0.15)], AT, BENCH)
    assert (ev.light, ev.met, ev.benchmark_value) == ("green", True, 0.12)
    assert "全国平均水平" in ev.explanation_zh


def test_t019_not_among_provincial_leaders() -> None:
    ev = evaluate_target(T019, [obs("rd_intensity_increase", "2023", 0.15)], AT, BENCH)
    assert (ev.light, ev.rule) == ("yellow", "below_benchmark")
    assert ev.gap == pytest.approx(0.05)
    late = evaluate_target(
        T019, [obs("rd_intensity_increase", "2023", 0.15)], date(2026, 1, 5), BENCH
    )
    assert late.light == "red"


def test_equal_to_the_average_is_not_above() -> None:
    ev = evaluate_target(T018, [obs("rd_intensity_increase", "2023", 0.12)], AT, BENCH)
    assert ev.met is False


def test_missing_benchmark_is_grey() -> None:
    ev = evaluate_target(T018, [obs("rd_intensity_increase", "2024", 0.15)], AT, BENCH)
    assert (ev.light, ev.rule) == ("grey", "no_benchmark")
    assert ev.current_value == 0.15


# -- increasing (持续上升) ------------------------------------------------------------------------

T015 = Target(
    "T015", "hitech_industry_revenue_share_above_scale", "乐山市", 2025, "increasing", unit="%"
)


@pytest.mark.parametrize(
    ("values", "light", "rule", "attainment"),
    [
        ((30, 32, 35), "green", "met", 100.0),
        ((30, 32, 31), "red", "fell", 50.0),
        ((30, 29, 31), "yellow", "not_steadily_rising", 50.0),
        ((30, 30, 30), "yellow", "not_steadily_rising", 0.0),
    ],
)
def test_t015_keeps_rising(
    values: tuple[int, ...], light: str, rule: str, attainment: float
) -> None:
    series = [obs(T015.indicator, str(2021 + i), v) for i, v in enumerate(values)]
    ev = evaluate_target(T015, series, AT)
    assert (ev.light, ev.rule, ev.attainment_pct) == (light, rule, attainment)


def test_t015_one_point_is_grey() -> None:
    ev = evaluate_target(T015, [obs(T015.indicator, "2023", 30)], AT)
    assert (ev.light, ev.rule) == ("grey", "insufficient_data")


def test_cagr_with_the_only_value_before_the_base_date_is_grey() -> None:
    # The 序时进度 period starts 2021-07-07 (base 100 there); a value dated 2021-06-30 precedes
    # the base, so no growth rate since the base exists.
    t = Target("G", "x", "乐山市", 2025, "cagr", 10, base_value=100, base_date=date(2021, 7, 7))
    ev = evaluate_target(t, [Observation("x", "乐山市", "asof:2021-06-30", 105)], date(2022, 1, 1))
    assert (ev.light, ev.rule) == ("grey", "no_data")


@pytest.mark.parametrize(("base", "value"), [(100, -5), (-100, 5), (100, 0), (0, 5)])
def test_cagr_needs_positive_levels(base: float, value: float) -> None:
    # A compound rate is only defined between positive levels.
    t = Target("G", "x", "乐山市", 2025, "cagr", 10, base_value=base, base_year=2020)
    ev = evaluate_target(t, [Observation("x", "乐山市", "2022", value)], date(2023, 1, 1))
    assert (ev.light, ev.rule) == ("grey", "no_data")


def test_the_benchmark_of_the_same_period_and_indicator_is_used() -> None:
    # Benchmarks for 2022 (0.10) and 2023 (0.14), and another indicator's 2022 value listed last:
    # a 2022 value of 0.12 is compared with 0.10 of its own indicator and period → above.
    bench = [
        Benchmark("rd_intensity_increase", "national_avg", "2022", 0.10),
        Benchmark("rd_intensity_increase", "national_avg", "2023", 0.14),
        Benchmark("aaa_other", "national_avg", "2022", 0.50),
    ]
    ev = evaluate_target(T018, [obs("rd_intensity_increase", "2022", 0.12)], AT, bench)
    assert (ev.light, ev.benchmark_value) == ("green", 0.10)
    assert ev.attainment_pct == pytest.approx(120.0)  # 0.12 / 0.10


def test_without_the_same_period_the_last_benchmark_of_the_year_is_used() -> None:
    # A value as of 2023-11 has no benchmark of its own period; of the two ending in 2023
    # ("2021..2023" = 0.10, then "2023" = 0.13) the last listed applies: 0.12 is below 0.13.
    bench = [
        Benchmark("rd_intensity_increase", "national_avg", "2021..2023", 0.10),
        Benchmark("rd_intensity_increase", "national_avg", "2023", 0.13),
    ]
    ev = evaluate_target(T018, [obs("rd_intensity_increase", "asof:2023-11", 0.12)], AT, bench)
    assert (ev.light, ev.benchmark_value) == ("yellow", 0.13)


def test_a_parent_region_on_a_level_target_derives_nothing() -> None:
    # Only share targets derive their value from the parent's levels.
    t = Target(
        "L",
        "n",
        "乐山高新区",
        2025,
        "level",
        30,
        base_value=0,
        base_year=2020,
        parent_region="乐山市",
    )
    series = [obs("n", "2024", 20, region="乐山高新区"), obs("n", "2024", 80, region="乐山市")]
    assert evaluate_target(t, series, AT).current_value == 20


def test_growth_against_another_base_year_gives_no_base() -> None:
    # 倍增 against 2020: growth stated against 2021 cannot give the 2020 level.
    t = Target("M", "n", "乐山市", 2025, "multiple_of_base", 2, base_year=2020)
    o = Observation("n", "乐山市", "2024", 150, growth_vs_base_pct=50, growth_base_year=2021)
    assert evaluate_target(t, [o], AT).rule == "no_base"


def test_english_explanation_names_an_inferred_period() -> None:
    o = Observation("rd_intensity_increase", "乐山市", "2023", 0.15, "inferred")
    ev = evaluate_target(T018, [o], AT, BENCH)
    assert "(2023, period inferred)" in ev.explanation_en


def test_t015_names_the_latest_change_not_the_first() -> None:
    """30 → 29 → 31: changes −1 then +2; the explanation quotes the latest, +2."""
    series = [obs(T015.indicator, str(2021 + i), v) for i, v in enumerate((30, 29, 31))]
    ev = evaluate_target(T015, series, AT)
    assert "最近一期变化 2（" in ev.explanation_zh
    assert "latest change 2 (" in ev.explanation_en


def test_cagr_over_half_a_year_and_on_the_base_date() -> None:
    """Base 100 on 2021-07-07. 105 half a year later: (1.05)^(1/0.504…) − 1 ≈ 10.16 % a year —
    a growth rate exists for less than a year; 105 on the base date itself: no time has passed,
    no growth rate (grey)."""
    t = Target("G", "x", "乐山市", 2025, "cagr", 10, base_value=100, base_date=date(2021, 7, 7))
    later = evaluate_target(
        t, [Observation("x", "乐山市", "asof:2022-01-07", 105)], date(2022, 3, 1)
    )
    years = (date(2022, 1, 7) - date(2021, 7, 7)).days / 365  # 2021 and 2022 have 365 days
    assert later.current_value == pytest.approx(100 * (1.05 ** (1 / years) - 1), rel=1e-3)
    assert (later.light, later.rule) == ("green", "met")
    same = evaluate_target(
        t, [Observation("x", "乐山市", "asof:2021-07-07", 105)], date(2022, 3, 1)
    )
    assert (same.light, same.rule) == ("grey", "no_data")


def test_of_two_undated_values_the_later_listed_is_current() -> None:
    """Neither value states its period (观测期未载明): the one listed last is the current one."""
    t = Target("L", "x", "乐山市", 2030, "level", 50)
    values = [
        Observation("x", "乐山市", "unstated", 10),
        Observation("x", "乐山市", "unstated", 20),
    ]
    assert evaluate_target(t, values, AT).current_value == 20
