"""Level, share, rank, multiple (倍增), achieve and eliminate targets, hand-computed.

Seed targets are cited by id (targets.csv); observations marked "Oxxx" are seed rows, the
others are hypothetical values chosen to make the arithmetic checkable by hand.
"""

from __future__ import annotations

from datetime import date

import pytest

from jiazhou.targets import Observation, Target, evaluate_target

AT = date(2025, 11, 22)
DOC_001 = date(2022, 8, 30)  # 乐府发〔2022〕17号
PLENUM_003 = date(2021, 7, 7)  # resolution of the 7th committee's 12th plenum


def obs(
    indicator: str,
    period: str,
    value: float,
    basis: str = "stated",
    obs_id: str = "",
    region: str = "乐山市",
    **extra: object,
) -> Observation:
    return Observation(indicator, region, period, value, basis, obs_id, **extra)  # type: ignore[arg-type]


# -- level ---------------------------------------------------------------------------------------


def test_t030_exactly_on_target_is_green() -> None:
    # T030 国家科技型中小企业达到300家 (2025); O007: 300 valid by ~Nov 2023.
    t = Target(
        "T030", "national_tech_smes", "乐山市", 2025, "level", 300, unit="家", base_date=PLENUM_003
    )
    ev = evaluate_target(
        t, [obs("national_tech_smes", "asof:2023-11", 300, "inferred", "O007")], AT
    )
    assert (ev.light, ev.rule, ev.met) == ("green", "met", True)
    assert ev.attainment_pct == 100.0
    assert ev.gap == 0.0
    assert ev.current_basis == "inferred"
    assert ev.bases == ("inferred",)
    assert "观测期为推断" in ev.explanation_zh
    assert ev.explanation.index("已达到") < ev.explanation.index("meets")  # Chinese first


def test_t017_strictly_greater_and_unstated_period() -> None:
    # T017 科技创新综合水平指数超过60%; O002 53.2% with no period → yellow, pace unknown.
    t = Target(
        "T017", "sti_composite_index", "乐山市", 2025, "level", 60, ">", "%", base_date=PLENUM_003
    )
    ev = evaluate_target(t, [obs("sti_composite_index", "unstated", 53.2, "unstated", "O002")], AT)
    assert (ev.light, ev.rule, ev.met) == ("yellow", "unmet_unknown_pace", False)
    assert ev.attainment_pct == pytest.approx(53.2 / 60 * 100)  # 88.67
    assert ev.gap == pytest.approx(6.8)
    assert ev.current_basis == "unstated"
    assert "观测期未载明" in ev.explanation_zh
    # Exactly 60 does not exceed 60.
    on = evaluate_target(t, [obs("sti_composite_index", "2024", 60)], AT)
    assert on.met is False
    assert on.gap == 0.0


# A level target of 100 from 0 at end-2020 to end-2025: 1826 days.
def _level(value: float = 100, **kw: object) -> Target:
    return Target("L", "x", "乐山市", 2025, "level", value, base_year=2020, base_value=0.0, **kw)  # type: ignore[arg-type]


def test_exactly_at_xushi_jindu_is_green() -> None:
    # 2020-12-31 → 2023-07-02 is 913 days = 1826 / 2: 序时进度 50 %; progress 50/100 = 50 %.
    ev = evaluate_target(_level(), [obs("x", "asof:2023-07-02", 50)], AT)
    assert ev.schedule_pct == pytest.approx(50.0)
    assert ev.progress_pct == pytest.approx(50.0)
    assert (ev.light, ev.rule) == ("green", "on_schedule")
    # The base and one point give a linear projection of exactly 100 on 2025-12-31.
    assert ev.projection is not None
    assert ev.projection.method == "linear"
    assert ev.projection.value == pytest.approx(100.0, rel=1e-3)


def test_behind_xushi_jindu_is_yellow() -> None:
    ev = evaluate_target(_level(), [obs("x", "asof:2023-07-02", 40)], AT)
    assert (ev.light, ev.rule) == ("yellow", "behind_schedule")
    assert ev.progress_pct == pytest.approx(40.0)
    assert ev.gap == pytest.approx(60.0)
    assert "落后于" in ev.explanation_zh
    # Two points restate 序时进度: the projection (≈80) is shown but does not turn it red.
    assert ev.projection is not None
    assert ev.projection.value == pytest.approx(80.0, rel=1e-3)


def test_three_point_trend_that_misses_is_red() -> None:
    # Base 0 (end-2020), 30 (2021), 45 (2022), 50 (2023). OLS on x = 0..3 years from 2021.0:
    # slope = 82.5 / 5 = 16.5, intercept 31.25 − 16.5 × 1.5 = 6.5; at end-2025 (x = 5): 89.
    series = [obs("x", "2021", 30), obs("x", "2022", 45), obs("x", "2023", 50)]
    ev = evaluate_target(_level(), series, date(2024, 1, 10))
    assert (ev.light, ev.rule) == ("red", "projected_miss")
    assert ev.projection is not None
    assert ev.projection.method == "linear"
    assert ev.projection.value == pytest.approx(89.0)
    assert ev.projection.annual_change == pytest.approx(16.5)
    assert [p.source for p in ev.projection.points] == ["base", "", "", ""]
    assert [p.fitted for p in ev.projection.points] == pytest.approx([6.5, 23.0, 39.5, 56.0])
    assert "非正值" in ev.projection.reason_zh  # the base 0 rules out a compound fit


def test_overdue_unmet_is_red() -> None:
    ev = evaluate_target(_level(), [obs("x", "2025", 90)], date(2026, 2, 1))
    assert (ev.light, ev.rule) == ("red", "overdue")
    assert ev.elapsed_pct == 100.0
    assert "已到" in ev.explanation_zh


def test_observations_after_the_evaluation_date_are_ignored() -> None:
    series = [obs("x", "asof:2023-07-02", 50, obs_id="A"), obs("x", "2024", 99, obs_id="B")]
    ev = evaluate_target(_level(), series, date(2023, 12, 1))
    assert ev.current_value == 50
    assert ev.observation_ids == ("A",)


def test_no_observation_is_grey() -> None:
    t = Target("T002", "hz_operating_revenue", "乐山高新区", 2025, "level", 1000, unit="亿元")
    ev = evaluate_target(t, [obs("hz_operating_revenue", "2024", 800)], AT)  # other region
    assert (ev.light, ev.rule) == ("grey", "no_data")
    assert ev.explanation_zh.startswith("截至 2025-11-22 无")


def test_unstated_target_is_grey() -> None:
    # T052: 全面完成2023年两类企业培育目标, value not given.
    t = Target(
        "T052",
        "hitech_enterprises",
        "乐山市",
        2023,
        "unstated",
        unit="家",
        wording="2023年培育目标(全面完成)",
    )
    ev = evaluate_target(t, [obs("hitech_enterprises", "asof:2023-11", 131, "inferred")], AT)
    assert (ev.light, ev.rule) == ("grey", "no_target_value")
    assert "目标值未载明" in ev.explanation_zh


def test_t002_year_to_date_flow_against_the_year() -> None:
    # T002 园区营业收入达到1000亿元 (2025) as an annual flow; 1–8月 = 243/365 of 2025 elapsed.
    t = Target(
        "T002",
        "hz_operating_revenue",
        "乐山高新区",
        2025,
        "level",
        1000,
        unit="亿元",
        base_date=DOC_001,
        annual_flow=True,
    )
    behind = evaluate_target(
        t, [obs("hz_operating_revenue", "2025-01..2025-08", 600, region="乐山高新区")], AT
    )
    assert behind.schedule_pct == pytest.approx(100 * 243 / 365)  # 66.58
    assert behind.progress_pct == pytest.approx(60.0)
    assert (behind.light, behind.rule) == ("yellow", "behind_schedule")
    assert behind.projection is not None
    assert behind.projection.method == "run_rate"
    assert behind.projection.value == pytest.approx(600 * 365 / 243)  # 901.2
    ahead = evaluate_target(
        t, [obs("hz_operating_revenue", "2025-01..2025-08", 700, region="乐山高新区")], AT
    )
    assert (ahead.light, ahead.rule) == ("green", "on_schedule")


# -- share -------------------------------------------------------------------------------------


def test_t005_share_derived_from_region_and_parent() -> None:
    # T005 高新技术企业数量占全市30%以上; O031 HTZ 49 (asof:2025-10, inferred) and a
    # hypothetical city count of 150 for the same period: 49 / 150 = 32.67 %.
    t = Target(
        "T005",
        "hz_hitech_enterprises_share_of_city",
        "乐山高新区",
        2025,
        "share",
        30,
        unit="%",
        base_date=DOC_001,
        parent_region="乐山市",
        share_of="hitech_enterprises",
    )
    series = [
        obs("hitech_enterprises", "asof:2025-10", 49, "inferred", "O031", region="乐山高新区"),
        obs("hitech_enterprises", "asof:2025-10", 150, "stated", "C1", region="乐山市"),
    ]
    ev = evaluate_target(t, series, AT)
    assert ev.current_value == pytest.approx(100 * 49 / 150)
    assert (ev.light, ev.met) == ("green", True)
    assert ev.current_basis == "inferred"  # the weaker basis of the pair
    assert ev.observation_ids == ("O031/C1",)


def test_share_without_a_parent_value_is_grey() -> None:
    t = Target(
        "T005",
        "hz_hitech_enterprises_share_of_city",
        "乐山高新区",
        2025,
        "share",
        30,
        unit="%",
        parent_region="乐山市",
        share_of="hitech_enterprises",
    )
    child = obs("hitech_enterprises", "asof:2025-10", 49, "inferred", "O031", region="乐山高新区")
    city_2023 = obs("hitech_enterprises", "asof:2023-11", 131, "inferred", "O006")
    ev = evaluate_target(t, [child, city_2023], AT)  # periods differ: no pair
    assert (ev.light, ev.rule) == ("grey", "no_data")


# -- rank (lower is better) --------------------------------------------------------------------


def test_t008_rank_projected_to_miss_top_80() -> None:
    # T008 进入国家高新区前80名 (2025). Ranks 95 (2023) and 88 (2024); no base, so no 序时进度
    # progress: the trend decides. Linear: −7 a year → 81 at end-2025 > 80.
    t = Target(
        "T008", "hz_national_ranking", "乐山高新区", 2025, "rank", 80, "<=", "名", base_date=DOC_001
    )
    series = [
        obs("hz_national_ranking", y, r, region="乐山高新区")
        for y, r in (("2023", 95), ("2024", 88))
    ]
    ev = evaluate_target(t, series, AT)
    assert (ev.light, ev.rule) == ("red", "projected_miss")
    assert ev.gap == 8.0
    assert ev.attainment_pct == pytest.approx(100 * 80 / 88)
    assert ev.projection is not None
    assert ev.projection.value == pytest.approx(81.0)
    assert "进入前 80名" in ev.explanation_zh


def test_t008_rank_exactly_80_is_met() -> None:
    t = Target("T008", "hz_national_ranking", "乐山高新区", 2025, "rank", 80, "<=", "名")
    ev = evaluate_target(t, [obs("hz_national_ranking", "2024", 80, region="乐山高新区")], AT)
    assert (ev.light, ev.met, ev.gap) == ("green", True, 0.0)


# -- multiple of base (倍增) --------------------------------------------------------------------


def test_t013_doubling_with_unknown_base_is_grey() -> None:
    # T013 高新技术企业数量较“十三五”末倍增: the seeds give no 2020 city value, and O031's
    # +75% is for the zone, not the city.
    t = Target(
        "T013",
        "hitech_enterprises",
        "乐山市",
        2025,
        "multiple_of_base",
        2.0,
        unit="家",
        base_year=2020,
    )
    series = [
        obs("hitech_enterprises", "asof:2023-11", 131, "inferred", "O006"),
        obs(
            "hitech_enterprises",
            "asof:2025-10",
            49,
            "inferred",
            "O031",
            region="乐山高新区",
            growth_vs_base_pct=75.0,
            growth_base_year=2020,
        ),
    ]
    ev = evaluate_target(t, series, AT)
    assert (ev.light, ev.rule) == ("grey", "no_base")
    assert ev.explanation_zh.startswith("基期（2020年）数值未知")
    assert "base-year (2020) value is unknown" in ev.explanation_en


def test_t013_doubling_with_a_given_base() -> None:
    # Hypothetical 2020 base of 60: threshold 120; O006 131 → met, 完成率 131/120.
    t = Target(
        "T013",
        "hitech_enterprises",
        "乐山市",
        2025,
        "multiple_of_base",
        2.0,
        unit="家",
        base_year=2020,
        base_value=60,
    )
    ev = evaluate_target(
        t, [obs("hitech_enterprises", "asof:2023-11", 131, "inferred", "O006")], AT
    )
    assert (ev.light, ev.threshold) == ("green", 120.0)
    assert ev.attainment_pct == pytest.approx(100 * 131 / 120)


def test_doubling_base_derived_from_growth_vs_2020() -> None:
    # The zone's version of T013: O031 49 = +75% on end-2020 → base 28, threshold 56.
    # Progress (49 − 28) / (56 − 28) = 75 %; 序时进度 on 2025-10-31: 1765 / 1826 days.
    t = Target(
        "Z013",
        "hitech_enterprises",
        "乐山高新区",
        2025,
        "multiple_of_base",
        2.0,
        unit="家",
        base_year=2020,
    )
    o031 = obs(
        "hitech_enterprises",
        "asof:2025-10",
        49,
        "inferred",
        "O031",
        region="乐山高新区",
        growth_vs_base_pct=75.0,
        growth_base_year=2020,
    )
    ev = evaluate_target(t, [o031], AT)
    assert ev.base_value == pytest.approx(28.0)
    assert ev.threshold == pytest.approx(56.0)
    assert ev.progress_pct == pytest.approx(75.0)
    assert ev.schedule_pct == pytest.approx(100 * 1765 / 1826)
    assert (ev.light, ev.rule) == ("yellow", "behind_schedule")
    assert "derived from O031" in ev.base_source
    # The explanation names the base by its period, not the seed row's code (issue 14).
    assert "基期值 28家（由2025年10月末数据较2020年增长 75% 推算）" in ev.explanation_zh
    assert "O031" not in ev.explanation_zh + ev.explanation_en
    assert (
        "base value 28 firms (derived from the end of 2025-10 figure (+75% vs 2020))"
        in ev.explanation_en
    )
    assert "按复合增长（CAGR）趋势预计" in ev.explanation_zh
    # Compound trend through (end-2020, 28) and (2025-10-31, 49), extended to end-2025.
    assert ev.projection is not None
    assert ev.projection.method == "compound"
    years_seen = 4 + 304 / 365
    assert ev.projection.value == pytest.approx(28 * 1.75 ** (5 / years_seen))


# -- achieve / eliminate -----------------------------------------------------------------------


def test_t022_achieve_completion_against_xushi_jindu() -> None:
    # T022 全面建成省级创新型城市 (2025), from the plenum 2021-07-07. End-2023 is 907 of
    # 1638 days = 55.37 %; a reported completion of 0.6 keeps pace, 0.5 does not.
    t = Target(
        "T022", "status_provincial_innovative_city", "乐山市", 2025, "achieve", base_date=PLENUM_003
    )
    on_pace = evaluate_target(t, [obs("status_provincial_innovative_city", "2023", 0.6)], AT)
    assert on_pace.schedule_pct == pytest.approx(100 * 907 / 1638)
    assert on_pace.progress_pct == pytest.approx(60.0)
    assert (on_pace.light, on_pace.rule) == ("green", "on_schedule")
    behind = evaluate_target(t, [obs("status_provincial_innovative_city", "2023", 0.5)], AT)
    assert behind.light == "yellow"
    done = evaluate_target(t, [obs("status_provincial_innovative_city", "2024", 1)], AT)
    assert (done.light, done.met) == ("green", True)
    with pytest.raises(ValueError, match=r"^观测 Q 的完成度须在 0 到 1 之间"):
        evaluate_target(t, [obs("status_provincial_innovative_city", "2024", 1.5, obs_id="Q")], AT)


def test_t042_eliminate_heavy_pollution_days() -> None:
    # T042 消除重污染天气: 8 (2021), 5 (2022), 3 (2023). Base = earliest (8); progress
    # (8 − 3) / 8 = 62.5 % ≥ 55.37 % 序时进度. Linear trend: slope −2.5, at end-2025
    # 16/3 − 2.5 × 3 = −2.17 ≤ 0, so the trend also reaches zero.
    t = Target(
        "T042", "heavy_pollution_days", "乐山市", 2025, "eliminate", unit="天", base_date=PLENUM_003
    )
    series = [obs("heavy_pollution_days", y, v) for y, v in (("2021", 8), ("2022", 5), ("2023", 3))]
    ev = evaluate_target(t, series, AT)
    assert ev.progress_pct == pytest.approx(62.5)
    assert ev.gap == 3.0
    assert ev.projection is not None
    assert ev.projection.value == pytest.approx(16 / 3 - 7.5)
    assert (ev.light, ev.rule) == ("green", "on_schedule")
    gone = evaluate_target(t, [*series, obs("heavy_pollution_days", "2024", 0)], AT)
    assert (gone.light, gone.met, gone.attainment_pct) == ("green", True, 100.0)
