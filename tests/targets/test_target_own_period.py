"""Issue 22: a target is judged on its own period, hand-computed.

Planning rule (规划目标考核): a target for year Y is assessed on the value of year Y — the last
value dated on or before its due date, for a yearly flow the full-year figure — and the
assessment stays fixed. Values dated later are shown as 「逾期完成」 / 「期后回落」 only. On the
due date the final value is judged: below target is red. Shares and stocks without a known base
are judged by the trend of their observations, not by 完成率 against elapsed time.
"""

from __future__ import annotations

from datetime import date

import pytest

from jiazhou.targets import Observation, Target, evaluate_target, target_from_row

TODAY = date(2026, 12, 4)
PLENUM = date(2021, 7, 7)  # the resolution setting the 2025 targets


def obs(
    indicator: str, period: str, value: float, obs_id: str = "", region: str = "乐山市"
) -> Observation:
    return Observation(indicator, region, period, value, "stated", obs_id)


# -- rule 1: the target's own period ------------------------------------------------------------


def _stock(value: float = 300) -> Target:
    # 2025: 300 家 from 200 at end-2020 (a stock, 序时进度 from 2020-12-31).
    return Target(
        "S", "n", "乐山市", 2025, "level", value, unit="家", base_year=2020, base_value=200
    )


def test_a_missed_2025_target_stays_red_when_2026_clears_it() -> None:
    # 2025: 280 < 300 → red on the due date; 2026-09: 310 ≥ 300 is 逾期完成, information only.
    series = [obs("n", "2025", 280, "A"), obs("n", "asof:2026-09", 310, "B")]
    ev = evaluate_target(_stock(), series, TODAY)
    assert (ev.light, ev.rule, ev.met) == ("red", "overdue", False)
    assert (ev.current_value, ev.current_period) == (280, "2025")
    assert ev.gap == 20
    assert (ev.later_value, ev.later_period, ev.later_note) == (310, "asof:2026-09", "late_met")
    assert ev.later_note_zh == "逾期完成"
    assert "逾期完成" in ev.explanation_zh and "不改变按期评定" in ev.explanation_zh


def test_a_met_2025_target_stays_green_when_2026_falls_back() -> None:
    # 2025: 305 ≥ 300 green; 2026-09: 290 < 300 is 期后回落 but the verdict stands.
    series = [obs("n", "2025", 305, "A"), obs("n", "asof:2026-09", 290, "B")]
    ev = evaluate_target(_stock(), series, TODAY)
    assert (ev.light, ev.rule, ev.met, ev.current_value) == ("green", "met", True, 305)
    assert (ev.later_value, ev.later_note, ev.later_note_zh) == (290, "fell_after", "期后回落")
    assert "期后回落" in ev.explanation_zh


def test_a_later_value_on_the_same_side_carries_no_note() -> None:
    series = [obs("n", "2025", 305, "A"), obs("n", "asof:2026-09", 320, "B")]
    ev = evaluate_target(_stock(), series, TODAY)
    assert (ev.light, ev.later_value, ev.later_note, ev.later_note_zh) == ("green", 320, None, "")
    assert "仅供参考" in ev.explanation_zh


def test_an_eight_month_2026_flow_does_not_turn_a_met_2025_revenue_target_red() -> None:
    # T002 园区营业收入达到1000亿元 (2025), a yearly flow: 2025 full year 1050 ≥ 1000 → green.
    # 1–8月 2026 (700) is part of another year: 70% of 1000 must not decide anything.
    t = Target(
        "T002",
        "rev",
        "乐山高新区",
        2025,
        "level",
        1000,
        unit="亿元",
        annual_flow=True,
        base_date=date(2022, 8, 30),
    )
    series = [
        obs("rev", "2025", 1050, "A", "乐山高新区"),
        obs("rev", "2026-01..2026-08", 700, "B", "乐山高新区"),
    ]
    ev = evaluate_target(t, series, TODAY)
    assert (ev.light, ev.rule, ev.current_value) == ("green", "met", 1050)
    assert ev.attainment_pct == pytest.approx(105.0)
    assert ev.later_value is None  # a partial year of 2026 is no figure for 2025


def test_ebian_doubling_judged_on_its_2025_value() -> None:
    # 峨边 倍增 (较"十三五"末): 2020 value 3 → 6 needed; 2025: 5 of 6 → red; 2026-09: 6 met late.
    t = Target(
        "T012-峨边", "tech_smes", "峨边彝族自治县", 2025, "multiple_of_base", 2, base_year=2020
    )
    series = [
        obs("tech_smes", "2020", 3, "A", "峨边彝族自治县"),
        obs("tech_smes", "2025", 5, "B", "峨边彝族自治县"),
        obs("tech_smes", "asof:2026-09", 6, "C", "峨边彝族自治县"),
    ]
    ev = evaluate_target(t, series, TODAY)
    assert (ev.light, ev.rule, ev.threshold, ev.current_value) == ("red", "overdue", 6, 5)
    assert ev.later_note == "late_met"


def test_growth_rate_judged_on_its_own_year() -> None:
    # 年均增长15%以上 (2025): 2025 rate 12% → red; 2026 rate 18% is 逾期完成.
    t = Target("T007", "g", "乐山高新区", 2025, "growth_rate", 15, unit="%")
    series = [obs("g", "2025", 12, "A", "乐山高新区"), obs("g", "2026", 18, "B", "乐山高新区")]
    ev = evaluate_target(t, series, date(2027, 3, 1))
    assert (ev.light, ev.rule, ev.current_value, ev.later_note) == (
        "red",
        "overdue",
        12,
        "late_met",
    )


def test_no_own_period_value_is_grey_even_with_later_values() -> None:
    ev = evaluate_target(_stock(), [obs("n", "asof:2026-03", 320)], TODAY)
    assert (ev.light, ev.rule) == ("grey", "no_data")


# -- rule 1: 持续上升 within the target's own period ------------------------------------------


def test_increasing_ignores_a_fall_before_the_target_was_set() -> None:
    # T015 持续上升 set 2021-07-07 for 2025: the 2019→2020 fall (10 → 9) is not its own; from the
    # last value before it was set (2020: 9) the series rises 9 → 11 → 12 → green.
    t = Target("T015", "s", "乐山市", 2025, "increasing", base_date=PLENUM)
    series = [obs("s", "2019", 10), obs("s", "2020", 9), obs("s", "2021", 11), obs("s", "2022", 12)]
    ev = evaluate_target(t, series, date(2023, 6, 1))
    assert (ev.light, ev.rule, ev.met) == ("green", "met", True)
    assert ev.attainment_pct == 100.0
    assert "2020 至 2022 共 2 期" in ev.explanation_zh


def test_increasing_ignores_a_fall_after_the_due_date() -> None:
    t = Target("T015", "s", "乐山市", 2025, "increasing", base_date=PLENUM)
    series = [obs("s", "2024", 11), obs("s", "2025", 12), obs("s", "2026", 8)]
    ev = evaluate_target(t, series, TODAY)
    assert (ev.light, ev.rule) == ("green", "met")


def test_increasing_flat_step_is_red_once_due() -> None:
    # A flat step (11 → 11) is yellow while the period runs and red on the due date.
    t = Target("T015", "s", "乐山市", 2025, "increasing", base_date=PLENUM)
    series = [obs("s", "2021", 10), obs("s", "2022", 11), obs("s", "2023", 11)]
    assert evaluate_target(t, series, date(2024, 6, 1)).light == "yellow"
    ev = evaluate_target(t, series, date(2025, 12, 31))
    assert (ev.light, ev.rule) == ("red", "overdue")


# -- rule 2: the due date itself ------------------------------------------------------------


def test_on_the_due_date_a_final_value_below_target_is_red() -> None:
    # 300 家 from 200 (2020): 2025-06 value 240 is behind; on 2025-12-31 it is final → red.
    series = [obs("n", "asof:2025-06", 240)]
    assert evaluate_target(_stock(), series, date(2025, 12, 30)).light == "yellow"
    ev = evaluate_target(_stock(), series, date(2025, 12, 31))
    assert (ev.light, ev.rule, ev.gap) == ("red", "overdue", 60)


def test_growth_and_benchmark_targets_are_final_on_the_due_date() -> None:
    t = Target("T026", "g", "乐山市", 2025, "growth_rate", 20, unit="%")
    series = [obs("g", "2024", 18)]
    assert evaluate_target(t, series, date(2025, 12, 30)).rule == "rate_below"
    assert evaluate_target(t, series, date(2025, 12, 31)).rule == "overdue"


# -- rule 3: shares and stocks without a known base -----------------------------------------


def _share_target() -> Target:
    # T006 科技型中小企业占全市比重 40% (2025), set 2021-07-07, no base stated.
    return Target("T006", "share", "乐山高新区", 2025, "share", 40, unit="%", base_date=PLENUM)


def test_share_without_base_one_value_is_not_on_track() -> None:
    # 34.1 of 40 = 85.25% 完成率; 2024-12-31 is 1273 of 1638 days (77.7%) — formerly "on track".
    # Without a base 完成率 is no progress, and one value gives no trend: yellow, pace unknown.
    ev = evaluate_target(
        _share_target(), [obs("share", "2024", 34.1, region="乐山高新区")], date(2025, 3, 1)
    )
    assert (ev.light, ev.rule) == ("yellow", "unmet_unknown_pace")
    assert ev.attainment_pct == pytest.approx(85.25)
    assert ev.progress_pct is None
    assert ev.schedule_pct == pytest.approx(100 * 1273 / 1638)


def test_share_without_base_two_values_judged_by_trend() -> None:
    # 2023: 32.5, 2024: 34.1 → +1.6 a year → 35.7 at end-2025 < 40 → red, the trend decided.
    series = [
        obs("share", "2023", 32.5, region="乐山高新区"),
        obs("share", "2024", 34.1, region="乐山高新区"),
    ]
    ev = evaluate_target(_share_target(), series, date(2025, 3, 1))
    assert (ev.light, ev.rule) == ("red", "projected_miss")
    assert ev.projection is not None
    assert ev.projection.value == pytest.approx(35.7)
    assert "无基期值" in ev.explanation_zh and "按观测趋势判断" in ev.explanation_zh
    # 2023: 30, 2024: 36 → +6 a year → 42 ≥ 40 → green by the trend.
    rising = [
        obs("share", "2023", 30, region="乐山高新区"),
        obs("share", "2024", 36, region="乐山高新区"),
    ]
    hit = evaluate_target(_share_target(), rising, date(2025, 3, 1))
    assert (hit.light, hit.rule) == ("green", "projected_hit")
    assert hit.projection is not None and hit.projection.value == pytest.approx(42.0)
    assert "无基期值" in hit.explanation_zh


def test_share_with_a_base_keeps_the_progress_rule() -> None:
    # Base 30 (2020): 34.1 is (34.1-30)/(40-30) = 41% of the way at 2024-12-31, where 序时进度
    # from 2020-12-31 is 1461/1826 = 80.0% → behind schedule.
    t = Target(
        "T006", "share", "乐山高新区", 2025, "share", 40, unit="%", base_year=2020, base_value=30
    )
    ev = evaluate_target(t, [obs("share", "2024", 34.1, region="乐山高新区")], date(2025, 3, 1))
    assert (ev.light, ev.rule) == ("yellow", "behind_schedule")
    assert ev.progress_pct == pytest.approx(41.0)
    assert ev.schedule_pct == pytest.approx(100 * 1461 / 1826)


# -- rule 4: partial-year flows --------------------------------------------------------------


def _revenue() -> Target:
    return Target(
        "T002",
        "rev",
        "乐山高新区",
        2025,
        "level",
        1000,
        unit="亿元",
        annual_flow=True,
        base_date=date(2022, 8, 30),
    )


def test_an_earlier_partial_year_is_not_a_level() -> None:
    # 1–8月 2024 = 700 is 70% of 1000 but only of eight months of another year: not comparable
    # with the multi-year 序时进度 (formerly 70% ≥ 60.0% → green on schedule).
    ytd = obs("rev", "2024-01..2024-08", 700, "A", "乐山高新区")
    ev = evaluate_target(_revenue(), [ytd], date(2025, 3, 1))
    assert (ev.light, ev.rule) == ("grey", "no_data")
    # With the 2023 full year (800) that is the figure used; one point, no base → yellow.
    full = obs("rev", "2023", 800, "B", "乐山高新区")
    ev = evaluate_target(_revenue(), [full, ytd], date(2025, 3, 1))
    assert (ev.light, ev.current_value, ev.observation_ids) == ("yellow", 800, ("B",))


def test_the_target_years_partial_figure_is_paced_by_the_year() -> None:
    # 1–8月 2025 = 700: 8/12 of the year is 243/365 days = 66.6%; 70% ≥ 66.6% → on schedule.
    ytd = obs("rev", "2025-01..2025-08", 700, "A", "乐山高新区")
    ev = evaluate_target(_revenue(), [ytd], date(2025, 9, 15))
    assert (ev.light, ev.rule) == ("green", "on_schedule")
    assert ev.schedule_pct == pytest.approx(100 * 243 / 365)


def test_a_flow_with_only_a_partial_year_at_the_due_date_awaits_the_full_year() -> None:
    ytd = obs("rev", "2025-01..2025-11", 900, "A", "乐山高新区")
    ev = evaluate_target(_revenue(), [ytd], date(2025, 12, 31))
    assert (ev.light, ev.rule) == ("grey", "awaiting_full_year")
    assert "待全年数据" in ev.explanation_zh
    # A partial year already above the annual target is met: a flow only grows within a year.
    done = obs("rev", "2025-01..2025-11", 1010, "A", "乐山高新区")
    assert evaluate_target(_revenue(), [done], date(2026, 1, 5)).rule == "met"


# -- rule 4: 年均增长 read from the wording ------------------------------------------------


def _row(**extra: object) -> dict[str, object]:
    row: dict[str, object] = {
        "target_id": "T026",
        "indicator": "civil_nuclear_output_avg_growth",
        "region": "乐山市",
        "target_year": "2025",
        "comparator": ">=",
        "comparator_text": "达到…以上",
        "value": "20",
        "unit": "%",
        "source_quote": "民用核技术应用产业产值年均增速达到20%以上",
    }
    row.update(extra)
    return row


def test_average_growth_without_indicator_kind_is_a_growth_rate() -> None:
    assert target_from_row(_row()).kind == "growth_rate"
    t007 = _row(target_id="T007", comparator_text="年均增长…以上", source_quote="")
    assert target_from_row(t007).kind == "growth_rate"
    # Plain 达到 wording with no column stays a level.
    assert target_from_row(_row(source_quote="园区营业收入达到 1000 亿元")).kind == "level"


def test_a_column_contradicting_average_growth_wording_is_refused() -> None:
    with pytest.raises(ValueError, match="目标 T026 的表述为年均增长.*indicator_kind"):
        target_from_row(_row(indicator_kind="level"))
    assert target_from_row(_row(indicator_kind="growth_rate")).kind == "growth_rate"


def test_a_second_half_year_is_no_figure_for_a_yearly_flow() -> None:
    # 7–12月 2025 = 600 is half a year: neither the 2025 figure nor year-to-date.
    half = obs("rev", "2025-07..2025-12", 600, "A", "乐山高新区")
    assert evaluate_target(_revenue(), [half], date(2026, 1, 5)).rule == "no_data"
    # The same half year of a stock-like (not flow) indicator is an ordinary value.
    stock = Target("S", "rev", "乐山高新区", 2025, "level", 1000, base_year=2020, base_value=0)
    assert evaluate_target(stock, [half], date(2026, 1, 5)).current_value == 600
