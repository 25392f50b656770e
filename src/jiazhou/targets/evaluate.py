"""Evaluate one target at one date: attainment, 序时进度, gap, projection and status light.

A target is judged on its own period: the value used is the last one dated on or before the
due date (for a yearly flow, the full-year figure of the target year, or that year's
year-to-date figure while the year runs). Values dated after the due date never change the
verdict; they are reported as information (「逾期完成」 when a missed target is later met,
「期后回落」 when a met target later falls back, see :attr:`TargetEvaluation.later_note`).

The light follows one rule list, first match wins:

1. grey — no target value, no observation, or a needed base / benchmark is unknown; a yearly
   flow whose target year has ended with only a year-to-date figure (``awaiting_full_year``);
2. green — the value meets the target (``met``);
3. red — the due date has come (``at >= due``) and the final value misses it (``overdue``);
4. red — the trend projected to the due date misses it (``projected_miss``); the trend decides
   only when it rests on three or more points, or when no 序时进度 comparison is possible —
   no base is known (shares and stocks: 完成率 of a level is not progress over time), or
   the period is unknown (two points merely restate 序时进度, see :attr:`Projection.is_trend`);
5. yellow — progress is behind 序时进度 on the observation's date (``behind_schedule``);
6. green — progress keeps pace with 序时进度 (``on_schedule``), or, with no 序时进度 comparison,
   the trend reaches the target (``projected_hit``);
7. yellow — unmet and neither pace nor trend can be judged (``unmet_unknown_pace``).

Conventions: 序时进度 counts calendar days from the period start to the due date; progress is
(value − base) ÷ (target − base); 完成率 of a rank (lower is better) is target ÷ rank; 「超过」
(``>``) is not met exactly at the threshold, 「达到」 (``>=``) is. Kinds that are not distances
to a threshold (growth rates, benchmarks, 持续上升) have their own rules, stated in their
functions. ``at`` is inclusive: observations dated after it are ignored, so a past evaluation
can be reproduced.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from jiazhou import humanize
from jiazhou.targets.evaluation import LaterNote, Light, TargetEvaluation
from jiazhou.targets.periods import decimal_year, year_end
from jiazhou.targets.projection import Projection, TrendPoint, project, run_rate
from jiazhou.targets.records import (
    BASIS_ORDER,
    Benchmark,
    Comparator,
    Observation,
    Target,
)

__all__ = ["elapsed_pct", "evaluate_target"]

_CMP_ZH = {">=": "达到", ">": "超过", "=": "等于", "<=": "不高于"}
_CMP_EN = {">=": "reach", ">": "exceed", "=": "equal", "<=": "stay at or below"}
_BASIS_ZH = {"inferred": "观测期为推断", "uncertain": "观测期不确定", "unstated": "观测期未载明"}
_LIGHT_ZH = {"green": "绿", "yellow": "黄", "red": "红", "grey": "灰"}
_BENCHMARK_ZH = {"national_avg": "全国平均水平", "provincial_leading": "全省前列对比值"}
_BENCHMARK_EN = {"national_avg": "national average", "provincial_leading": "provincial leaders"}
_NEEDS_VALUE = ("level", "share", "growth_rate", "cagr", "multiple_of_base", "rank")


def _num(x: float) -> str:
    """Up to two decimals, no trailing zeros: 1000, 53.2, 88.67."""
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _day(day: date | None) -> str:
    """A date in a Chinese explanation: 2026年12月31日."""
    return humanize.date_zh(day)


def elapsed_pct(start: date | None, due: date, on: date) -> float | None:
    """序时进度 in %: share of the calendar days from ``start`` to ``due`` elapsed on ``on``."""
    if start is None or due <= start:
        return None
    share = (on - start).days / (due - start).days
    return 100.0 * min(max(share, 0.0), 1.0)


def _meets(value: float, threshold: float, comparator: Comparator) -> bool:
    tolerance = 1e-9 * max(1.0, abs(threshold))
    if comparator == ">=":
        return value >= threshold - tolerance
    if comparator == ">":
        return value > threshold + tolerance
    if comparator == "=":
        return abs(value - threshold) <= tolerance
    return value <= threshold + tolerance


@dataclass(frozen=True)
class _Case:
    """What every kind needs: the target, the date, the usable observations."""

    target: Target
    at: date
    dated: tuple[Observation, ...]  # on <= min(at, due), oldest first
    undated: tuple[Observation, ...]
    later: tuple[Observation, ...] = ()  # due < on <= at, oldest first: information only

    @property
    def final(self) -> bool:
        """The due date has come: the value on record is the final one."""
        return self.at >= self.target.due

    def mapped(self, fn: Callable[[Observation], Observation]) -> _Case:
        """The same case with every observation transformed (achieve → %, shares)."""
        return replace(
            self,
            dated=tuple(map(fn, self.dated)),
            undated=tuple(map(fn, self.undated)),
            later=tuple(map(fn, self.later)),
        )

    @property
    def latest(self) -> Observation | None:
        if self.dated:
            return self.dated[-1]
        return self.undated[-1] if self.undated else None

    def shell(self, light: Light, rule: str, zh: str, en: str) -> TargetEvaluation:
        used = self.dated + self.undated
        return TargetEvaluation(
            target=self.target,
            at=self.at,
            light=light,
            rule=rule,
            explanation_zh=f"{zh}（{_LIGHT_ZH[light]}）",
            explanation_en=f"{en} ({light})",
            elapsed_pct=elapsed_pct(self.target.period_start, self.target.due, self.at),
            observation_ids=tuple(o.obs_id for o in used),
            bases=tuple(sorted({o.period_basis for o in used}, key=BASIS_ORDER.index)),
        )


def _describe(obs: Observation, unit: str) -> tuple[str, str]:
    """``53.2%（asof:2023-11，观测期为推断）`` and its English twin."""
    if obs.parsed_period.kind == "unstated":  # also "" and "unstated " (parse_period strips)
        return (
            f"{_num(obs.value)}{unit}（观测期未载明）",
            f"{_num(obs.value)}{humanize.unit_en(unit)} (period unstated)",
        )
    note_zh = f"，{_BASIS_ZH[obs.period_basis]}" if obs.period_basis in _BASIS_ZH else ""
    note_en = f", period {obs.period_basis}" if obs.period_basis != "stated" else ""
    return (
        f"{_num(obs.value)}{unit}（{humanize.period_zh(obs.period)}{note_zh}）",
        f"{_num(obs.value)}{humanize.unit_en(unit)} ({humanize.period_en(obs.period)}{note_en})",
    )


def _with_current(ev: TargetEvaluation, obs: Observation) -> TargetEvaluation:
    return replace(
        ev,
        current_value=obs.value,
        current_on=obs.on,
        current_period=obs.period,
        current_basis=obs.period_basis,
    )


def _with_later(
    ev: TargetEvaluation, case: _Case, meets: Callable[[float], bool], unit: str
) -> TargetEvaluation:
    """Attach the last value dated after the due date, as information only (rule 1)."""
    if not case.later or ev.met is None:
        return ev
    last = case.later[-1]
    note: LaterNote | None = None
    if not ev.met and meets(last.value):
        note = "late_met"
    elif ev.met and not meets(last.value):
        note = "fell_after"
    cur_zh, cur_en = _describe(last, unit)
    zh, en = f"；期后数据 {cur_zh}", f"; after the due date: {cur_en}"
    if note == "late_met":
        zh += "，逾期完成（不改变按期评定）"
        en += ", met late (the verdict on the due date stands)"
    elif note == "fell_after":
        zh += "，期后回落（不改变按期评定）"
        en += ", fell back after the due date (the verdict on the due date stands)"
    else:
        zh += "（仅供参考，不改变按期评定）"
        en += " (information only; the verdict on the due date stands)"
    light_zh = f"（{_LIGHT_ZH[ev.light]}）"
    light_en = f" ({ev.light})"
    return replace(
        ev,
        explanation_zh=ev.explanation_zh.removesuffix(light_zh) + zh + light_zh,
        explanation_en=ev.explanation_en.removesuffix(light_en) + en + light_en,
        later_value=last.value,
        later_on=last.on,
        later_period=last.period,
        later_note=note,
    )


# -- base values -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Base:
    """The base a target is measured from; ``observed`` when it is already in the series."""

    value: float
    on: date | None
    source: str
    observed: bool = False
    source_zh: str = ""
    source_en: str = ""


def _base(case: _Case) -> _Base | None:
    """The target's base value: given on the target, observed in the base year, or derived
    from growth stated against the base year (较“十三五”末增长 g% → value / (1 + g))."""
    target = case.target
    if target.base_value is not None:
        return _Base(
            target.base_value, target.period_start, "target", False, "目标设定", "set on the target"
        )
    if target.base_year is None:
        return None
    year = target.base_year
    in_year = [o for o in case.dated if o.on is not None and o.on.year == year]
    if in_year:
        obs = in_year[-1]
        return _Base(
            obs.value,
            year_end(year),
            f"observation {obs.obs_id}".strip(),
            True,
            f"{year}年观测值",
            f"observed in {year}",
        )
    for obs in reversed(case.dated + case.undated):
        if obs.growth_vs_base_pct is not None and obs.growth_base_year == year:
            value = obs.value / (1 + obs.growth_vs_base_pct / 100)
            growth = _num(obs.growth_vs_base_pct)
            source = f"derived from {obs.obs_id} (+{growth}% vs {year})"
            source_zh = f"由{humanize.period_zh(obs.period)}数据较{year}年增长 {growth}% 推算"
            source_en = (
                f"derived from the {humanize.period_en(obs.period)} figure (+{growth}% vs {year})"
            )
            return _Base(value, year_end(year), source, False, source_zh, source_en)
    return None


def _trend_points(case: _Case, base: _Base | None) -> list[TrendPoint]:
    points = [
        TrendPoint(o.on, o.value, o.obs_id, o.period, o.period_basis)
        for o in case.dated
        if o.on is not None and not o.parsed_period.is_part_of_a_year
    ]
    if base is None or base.on is None or base.observed:
        return points
    if all(p.on != base.on for p in points):
        points.append(TrendPoint(base.on, base.value, "base", "base", "stated"))
    return points


# -- threshold kinds: level, share, rank, multiple_of_base, achieve, eliminate -----------------


def _threshold(
    case: _Case,
    threshold: float,
    comparator: Comparator,
    base: _Base | None,
    prefer: Literal["linear", "compound", "linear_only"] | None,
    label_zh: str,
    label_en: str,
) -> TargetEvaluation:
    """Distance-to-threshold evaluation shared by the level-like kinds (rules 2–7)."""
    target, latest = case.target, case.latest
    assert latest is not None
    unit = target.unit or latest.unit
    value = latest.value
    lower_better = comparator == "<="
    met = _meets(value, threshold, comparator)
    base_value = base.value if base is not None else None

    # 完成率 is a ratio to a positive threshold; at or below zero it says nothing (a ceiling of
    # −3 reached at −4 would read 75 %, one missed at −2 150 %; 消除 to 0 would read 0 % until
    # the very end), so it is left out there and 消除 reads its progress (below).
    attainment: float | None = None
    if lower_better:
        gap = max(value - threshold, 0.0)
        if threshold > 0:
            attainment = 100.0 * threshold / value if value > 0 else 100.0
    else:
        gap = max(threshold - value, 0.0) if comparator != "=" else abs(threshold - value)
        if threshold > 0:
            attainment = 100.0 * value / threshold
    # Progress over time needs a base: without one, 完成率 of a share or a stock (34.1% of a
    # 40% share is 85%) says nothing about pace, so the trend judges instead (rule 4).
    # A base equal to the threshold (保持 — keep a level already reached) leaves no distance to
    # cover: no progress either way, and the trend judges a value below it (a floor's 完成率,
    # 59 of 60 = 98 %, read as progress, was "on schedule" against any 序时进度).
    progress: float | None = None
    if base_value is not None and base_value != threshold:
        progress = 100.0 * (value - base_value) / (threshold - base_value)
    if attainment is None and threshold == 0 and lower_better:
        attainment = progress

    period = latest.parsed_period
    year_to_date = (
        target.annual_flow
        and period.is_year_to_date
        and latest.on is not None
        and latest.on.year == target.due.year
    )
    projection: Projection | None = None
    if year_to_date and period.year_share is not None and latest.on is not None:
        schedule: float | None = 100.0 * period.year_share
        progress = attainment
        projection = run_rate(
            TrendPoint(latest.on, value, latest.obs_id, latest.period, latest.period_basis),
            period.year_share,
            target.due,
        )
    else:
        schedule = elapsed_pct(target.period_start, target.due, latest.on) if latest.on else None
        if prefer is not None:
            only = prefer == "linear_only"
            method: Literal["linear", "compound"] = "compound" if prefer == "compound" else "linear"
            projection = project(_trend_points(case, base), target.due, method, only)

    paced = progress is not None and schedule is not None
    projected_miss = None
    if projection is not None and (projection.is_trend or not paced):
        check: Comparator = ">=" if comparator == "=" else comparator
        projected_miss = not _meets(projection.value, threshold, check)

    cur_zh, cur_en = _describe(latest, unit)
    goal_zh = f"{label_zh.strip()} {_num(threshold)}{unit}"
    if label_zh == _CMP_ZH["<="]:  # 「未不高于」 is a double negative: 控制在 … 以内 takes 已/未/可
        goal_zh = f"控制在 {_num(threshold)}{unit} 以内"
    unit_en = humanize.unit_en(unit)
    goal_en = f"{label_en} {_num(threshold)}{unit_en}"
    tail_zh = f"，完成率 {_num(attainment)}%" if attainment is not None else ""
    tail_en = f", attainment {_num(attainment)}%" if attainment is not None else ""
    overdue = case.final
    trend_why_zh = "无基期值，完成率不能与序时进度比较，按观测趋势判断；" if base is None else ""
    trend_why_en = (
        "No base value, so attainment is not compared with elapsed time; judged by the trend: "
        if base is None
        else ""
    )

    light: Light
    if met:
        light, rule = "green", "met"
        zh = f"现值 {cur_zh} 已{goal_zh}{tail_zh}"
        en = f"Current value {cur_en} meets the target to {goal_en}{tail_en}"
    elif year_to_date and overdue:
        light, rule = "grey", "awaiting_full_year"
        zh = f"目标年度已结束，仅有年内累计值 {cur_zh}，未{goal_zh}；待全年数据后评定"
        en = (
            f"The target year has ended with only the year-to-date figure {cur_en}, short of "
            f"the target to {goal_en}; to be judged on the full-year figure"
        )
    elif overdue:
        light, rule = "red", "overdue"
        zh = f"目标期限 {_day(target.due)} 已到，现值 {cur_zh} 未{goal_zh}，差距 {_num(gap)}{unit}"
        en = (
            f"The target date {target.due} has come and {cur_en} does not {goal_en}; "
            f"gap {_num(gap)}{unit_en}"
        )
    elif projected_miss and projection is not None:
        light, rule = "red", "projected_miss"
        zh = (
            f"{trend_why_zh}按{projection.method_zh}预计 {_day(target.due)} 为 "
            f"{_num(projection.value)}{unit}，未能{goal_zh}（{projection.reason_zh}）；"
            f"现值 {cur_zh}"
        )
        en = (
            f"{trend_why_en}The {projection.method} trend projects "
            f"{_num(projection.value)}{unit_en} on "
            f"{target.due}, short of the target to {goal_en} ({projection.reason_en}); "
            f"current {cur_en}"
        )
    elif paced and progress is not None and schedule is not None:
        when = latest.on
        if progress < schedule - 1e-9:
            light, rule = "yellow", "behind_schedule"
            zh = (
                f"进度 {_num(progress)}% 落后于 {_day(when)} 的序时进度 {_num(schedule)}%；"
                f"现值 {cur_zh}"
            )
            en = (
                f"Progress {_num(progress)}% is behind the elapsed-time share "
                f"{_num(schedule)}% on {when}; current {cur_en}"
            )
        else:
            light, rule = "green", "on_schedule"
            zh = (
                f"进度 {_num(progress)}% 不低于 {_day(when)} 的序时进度 {_num(schedule)}%；"
                f"现值 {cur_zh}"
            )
            en = (
                f"Progress {_num(progress)}% keeps pace with the elapsed-time share "
                f"{_num(schedule)}% on {when}; current {cur_en}"
            )
        if projection is not None:
            zh += (
                f"；按{projection.method_zh}预计 {_day(target.due)} 为 "
                f"{_num(projection.value)}{unit}"
            )
            en += (
                f"; the {projection.method} trend projects {_num(projection.value)}{unit_en} "
                f"on {target.due}"
            )
    elif projected_miss is False and projection is not None:
        light, rule = "green", "projected_hit"
        zh = (
            f"{trend_why_zh or '无法计算序时进度；'}按{projection.method_zh}预计 {_day(target.due)} 为 "
            f"{_num(projection.value)}{unit}，可{goal_zh}"
        )
        en = (
            f"{trend_why_en or 'No elapsed-time share can be computed; '}"
            f"the {projection.method} trend projects "
            f"{_num(projection.value)}{unit_en} on {target.due}, meeting the target to {goal_en}"
        )
    else:
        light, rule = "yellow", "unmet_unknown_pace"
        why_zh = (
            "观测期未载明" if latest.on is None else "缺少基期值或进度期，且数据点不足以判断趋势"
        )
        why_en = (
            "the period is unstated"
            if latest.on is None
            else ("there is no base value or period start and too few points for a trend")
        )
        zh = f"现值 {cur_zh} 未{goal_zh}{tail_zh}，且{why_zh}，无法判断进度，需关注"
        en = (
            f"Current {cur_en} does not yet {goal_en}{tail_en}, and {why_en}, so its pace "
            f"cannot be judged; watch it"
        )
    if base is not None and base.source not in ("target", ""):
        zh += f"；基期值 {_num(base.value)}{unit}（{base.source_zh}）"
        en += f"; base value {_num(base.value)}{unit_en} ({base.source_en})"
    ev = case.shell(light, rule, zh, en)
    ev = _with_current(
        replace(
            ev,
            threshold=threshold,
            met=met,
            attainment_pct=attainment,
            progress_pct=progress,
            schedule_pct=schedule,
            gap=gap,
            base_value=base_value,
            base_source=base.source if base is not None else "",
            projection=projection,
        ),
        latest,
    )
    return _with_later(ev, case, lambda v: _meets(v, threshold, comparator), unit)


def _multiple(case: _Case) -> TargetEvaluation:
    target = case.target
    k = target.value if target.value is not None else 2.0
    base = _base(case)
    if base is None:
        year = target.base_year
        return case.shell(
            "grey",
            "no_base",
            f"基期（{year}年）数值未知，无法计算“较基期增长至 {_num(k)} 倍”的目标值；"
            f"请填写基期值，或提供基期观测或较基期增长率",
            f"The base-year ({year}) value is unknown, so the target of {_num(k)}× the base "
            f"cannot be computed; supply a base value, a base-year observation or growth "
            f"against the base year",
        )
    label_zh = f"达到基期 {_num(k)} 倍即 "
    label_en = f"reach {_num(k)}× the base, i.e."
    return _threshold(case, k * base.value, ">=", base, "compound", label_zh, label_en)


def _share(children: Sequence[Observation], parents: Sequence[Observation]) -> list[Observation]:
    """Shares (%) from the region's and its parent's levels, paired by period notation."""
    by_period = {p.period: p for p in parents if p.value != 0}
    derived = []
    for child in children:
        parent = by_period.get(child.period)
        if parent is None:
            continue
        worst = max(child.period_basis, parent.period_basis, key=BASIS_ORDER.index)
        derived.append(
            replace(
                child,
                value=100.0 * child.value / parent.value,
                unit="%",
                period_basis=worst,
                obs_id=f"{child.obs_id}/{parent.obs_id}",
            )
        )
    return derived


# -- rate, benchmark and trend-shape kinds -----------------------------------------------------


def _growth_rate(case: _Case, threshold: float) -> TargetEvaluation:
    """Observed growth rates against the target rate: met green; unmet yellow, red once due."""
    target, latest = case.target, case.latest
    assert latest is not None
    met = _meets(latest.value, threshold, target.comparator)
    cur_zh, cur_en = _describe(latest, "%")
    light: Light
    if met:
        light, rule = "green", "met"
        zh = f"增速 {cur_zh} 已{_CMP_ZH[target.comparator]}目标 {_num(threshold)}%"
        en = f"Growth {cur_en} meets the target to {_CMP_EN[target.comparator]} {_num(threshold)}%"
    elif case.final:
        light, rule = "red", "overdue"
        zh = f"目标期限 {_day(target.due)} 已到，增速 {cur_zh} 未达目标 {_num(threshold)}%"
        en = f"The target date {target.due} has come with growth {cur_en} below {_num(threshold)}%"
    else:
        light, rule = "yellow", "rate_below"
        zh = f"最新增速 {cur_zh} 低于目标 {_num(threshold)}%"
        en = f"Latest growth {cur_en} is below the target {_num(threshold)}%"
    ev = case.shell(light, rule, zh, en)
    ev = _with_current(
        replace(
            ev,
            threshold=threshold,
            met=met,
            attainment_pct=100.0 * latest.value / threshold if threshold else None,
            gap=max(threshold - latest.value, 0.0),
        ),
        latest,
    )
    return _with_later(ev, case, lambda v: _meets(v, threshold, target.comparator), "%")


def _cagr(case: _Case, rate_pct: float) -> TargetEvaluation:
    """Compound annual growth of the levels since the base year against the target rate.

    Green while the realised rate keeps up; red when due unmet or when the compound trend
    projects a level below base × (1 + rate)^years; yellow otherwise.
    """
    target = case.target
    base = _base(case)
    if base is None or base.on is None or not case.dated:
        why = "基期数值或日期未知" if base is None or base.on is None else "无带日期的观测"
        why_en = (
            "the base value or date is unknown"
            if base is None or base.on is None
            else "no dated observation"
        )
        return case.shell(
            "grey",
            "no_base" if base is None or base.on is None else "no_data",
            f"{why}，无法计算年均增速",
            f"{why_en}; the compound growth cannot be computed",
        )
    latest = case.dated[-1]
    assert latest.on is not None
    years = decimal_year(latest.on) - decimal_year(base.on)
    if years <= 0 or base.value <= 0 or latest.value <= 0:
        return case.shell(
            "grey",
            "no_data",
            "观测不晚于基期或数值非正，无法计算年均增速",
            "the observation is not after the base or a value is not positive; no growth rate",
        )
    realised = ((latest.value / base.value) ** (1 / years) - 1) * 100
    required_level = base.value * (1 + rate_pct / 100) ** (
        decimal_year(target.due) - decimal_year(base.on)
    )
    projection = project(_trend_points(case, base), target.due, "compound")
    met = realised >= rate_pct - 1e-9
    light: Light
    if met:
        light, rule = "green", "met"
    elif case.final:
        light, rule = "red", "overdue"
    elif projection is not None and projection.is_trend and projection.value < required_level:
        light, rule = "red", "projected_miss"
    else:
        light, rule = "yellow", "rate_below"
    words_zh = {
        "met": "不低于",
        "overdue": "期限已到仍低于",
        "projected_miss": "低于",
        "rate_below": "低于",
    }[rule]
    zh = (
        f"{_day(base.on)} 至 {_day(latest.on)} 年均增长 {_num(realised)}%，{words_zh}目标 "
        f"{_num(rate_pct)}%（基期值 {_num(base.value)}，{base.source_zh}）"
    )
    en = (
        f"Compound annual growth from {base.on} to {latest.on} is {_num(realised)}%, "
        f"{'at or above' if met else 'below'} the target {_num(rate_pct)}% "
        f"(base {_num(base.value)}, {base.source_en})"
    )
    if rule == "projected_miss" and projection is not None:
        zh += (
            f"；按{projection.method_zh}预计 {_day(target.due)} 为 {_num(projection.value)}，"
            f"需 {_num(required_level)}"
        )
        en += (
            f"; the {projection.method} trend projects {_num(projection.value)} on "
            f"{target.due}, {_num(required_level)} needed"
        )
    ev = case.shell(light, rule, zh, en)
    return _with_current(
        replace(
            ev,
            threshold=rate_pct,
            met=met,
            attainment_pct=100.0 * realised / rate_pct if rate_pct else None,
            gap=max(required_level - latest.value, 0.0),
            base_value=base.value,
            base_source=base.source,
            projection=projection,
        ),
        replace(latest, value=realised, unit="%"),
    )


def _above_benchmark(case: _Case, benchmarks: Sequence[Benchmark]) -> TargetEvaluation:
    """Beat the benchmark of the same period (else the same year): met green, else yellow/red."""
    target, latest = case.target, case.latest
    assert latest is not None
    own = [b for b in benchmarks if b.indicator == target.indicator and b.scope == target.benchmark]
    match = next((b for b in reversed(own) if b.period == latest.period), None)
    if match is None and latest.on is not None:
        same_year = [b for b in own if str(latest.on.year) in b.period.split("..")[-1]]
        match = same_year[-1] if same_year else None
    name_zh, name_en = _BENCHMARK_ZH[target.benchmark], _BENCHMARK_EN[target.benchmark]
    if match is None:
        return _with_current(
            case.shell(
                "grey",
                "no_benchmark",
                f"缺少 {latest.period} 的{name_zh}，无法比较",
                f"No {name_en} benchmark for {latest.period}; nothing to compare with",
            ),
            latest,
        )
    unit = target.unit or latest.unit
    met = latest.value > match.value
    cur_zh, cur_en = _describe(latest, unit)
    light: Light
    if met:
        light, rule = "green", "met"
        zh = f"现值 {cur_zh} 高于{name_zh} {_num(match.value)}{unit}"
        en = f"Current {cur_en} is above the {name_en} {_num(match.value)}{humanize.unit_en(unit)}"
    else:
        light, rule = ("red", "overdue") if case.final else ("yellow", "below_benchmark")
        zh = f"现值 {cur_zh} 未高于{name_zh} {_num(match.value)}{unit}"
        en = (
            f"Current {cur_en} is not above the {name_en} "
            f"{_num(match.value)}{humanize.unit_en(unit)}"
        )
    ev = case.shell(light, rule, zh, en)
    return _with_current(
        replace(
            ev,
            threshold=match.value,
            met=met,
            benchmark_value=match.value,
            attainment_pct=100.0 * latest.value / match.value if match.value else None,
            gap=max(match.value - latest.value, 0.0),
        ),
        latest,
    )


def _increasing(case: _Case) -> TargetEvaluation:
    """持续上升 over the target's own period: every step up green; the latest step down red;
    a flat or earlier fall yellow, red once the due date has come.

    The series starts at the last value on or before the period start (the level the target
    sets out from) and ends at the due date: a fall before the target was set is not its own.
    """
    target = case.target
    comparable = [o for o in case.dated if o.parsed_period.kind in ("year", "asof")]
    start = target.period_start
    if start is not None:
        before = [o for o in comparable if o.on is not None and o.on <= start]
        comparable = before[-1:] + [o for o in comparable if o.on is not None and o.on > start]
    series = comparable
    if len(series) < 2:
        return case.shell(
            "grey",
            "insufficient_data",
            "目标期内可比观测（年度或时点）少于两个，无法判断是否持续上升",
            "Fewer than two comparable (annual or point-in-time) observations in the "
            "target's period; cannot tell whether it keeps rising",
        )
    steps = [b.value - a.value for a, b in zip(series, series[1:], strict=False)]
    rising = sum(1 for s in steps if s > 0)
    first, last = series[0], series[-1]
    light: Light
    if rising == len(steps):
        light, rule = "green", "met"
    elif steps[-1] < 0:
        light, rule = "red", "fell"
    elif case.final:
        light, rule = "red", "overdue"
    else:
        light, rule = "yellow", "not_steadily_rising"
    zh = (
        f"{first.period} 至 {last.period} 共 {len(steps)} 期，上升 {rising} 期；"
        f"最近一期变化 {_num(steps[-1])}"
    )
    en = (
        f"{len(steps)} steps from {first.period} to {last.period}, {rising} rising; "
        f"latest change {_num(steps[-1])}"
    )
    ev = case.shell(light, rule, zh, en)
    return _with_current(
        replace(ev, met=rising == len(steps), attainment_pct=100.0 * rising / len(steps)), last
    )


# -- entry point -------------------------------------------------------------------------------


def _comparable(target: Target, obs: Observation) -> bool:
    """Whether ``obs`` can stand for the target's own figure.

    A part of a year of a yearly flow is not its figure: a year-to-date one (from 1 January)
    counts only within the target year (read against the share of the year elapsed), never
    as a level from an earlier or a later year; other parts of a year (7–12月) never count.
    """
    period = obs.parsed_period
    if not (target.annual_flow and period.is_part_of_a_year):
        return True
    return period.is_year_to_date and obs.on is not None and obs.on.year == target.due.year


def _split(target: Target, at: date, observations: Iterable[Observation]) -> _Case:
    """Own-period observations (dated on or before ``min(at, due)``), undated ones, and the
    later ones (after the due date, up to ``at``) kept as information."""
    cutoff = min(at, target.due)
    usable = [o for o in observations if _comparable(target, o)]
    dated = sorted(
        (o for o in usable if o.on is not None and o.on <= cutoff), key=lambda o: o.on or cutoff
    )
    later = sorted(
        (o for o in usable if o.on is not None and cutoff < o.on <= at), key=lambda o: o.on or at
    )
    undated = tuple(o for o in usable if o.on is None)
    return _Case(target, at, tuple(dated), undated, tuple(later))


def _usable(target: Target, observations: Iterable[Observation], region: str, at: date) -> _Case:
    mine = [o for o in observations if o.indicator == target.indicator and o.region == region]
    return _split(target, at, mine)


def evaluate_target(
    target: Target,
    observations: Iterable[Observation],
    at: date,
    benchmarks: Sequence[Benchmark] = (),
) -> TargetEvaluation:
    """Evaluate ``target`` on ``at`` from ``observations`` (any superset; filtered here).

    Observations match on ``indicator`` and ``region`` (and ``parent_region`` for derived
    shares); those dated after ``at`` are ignored. ``benchmarks`` serve ``above_benchmark``.
    """
    observations = list(observations)
    case = _usable(target, observations, target.region, at)
    if target.kind == "unstated" or (target.kind in _NEEDS_VALUE and target.value is None):
        return case.shell(
            "grey",
            "no_target_value",
            f"目标值未载明（{target.wording or target.kind}），无法评价",
            f"The target states no value ({target.kind}); it cannot be evaluated",
        )
    if target.kind == "share" and target.parent_region:
        source = target.share_of or target.indicator
        children = [o for o in observations if o.indicator == source and o.region == target.region]
        parents = [
            o for o in observations if o.indicator == source and o.region == target.parent_region
        ]
        case = _split(target, at, _share(children, parents))
    if case.latest is None:
        return case.shell(
            "grey",
            "no_data",
            f"截至 {at} 无该地区的观测值",
            f"No observation of {target.indicator} for {target.region} up to {at}",
        )
    value = target.value if target.value is not None else math.nan
    kind = target.kind
    if kind == "multiple_of_base":
        return _multiple(case)
    if kind == "growth_rate":
        return _growth_rate(case, value)
    if kind == "cagr":
        return _cagr(case, value)
    if kind == "above_benchmark":
        return _above_benchmark(case, benchmarks)
    if kind == "increasing":
        return _increasing(case)
    if kind == "achieve":
        for obs in case.dated + case.undated + case.later:
            if not 0 <= obs.value <= 1:
                raise ValueError(
                    f"观测 {obs.obs_id} 的完成度须在 0 到 1 之间，收到 {obs.value} / "
                    f"observation {obs.obs_id}: completion must be within 0..1, got {obs.value}"
                )
        case = case.mapped(lambda o: replace(o, value=100.0 * o.value, unit="%"))
        return _threshold(
            case, 100.0, ">=", _Base(0.0, None, ""), None, "达到完成度 ", "reach a completion of"
        )
    if kind == "eliminate":
        base = _base(case)
        if base is None and len(case.dated) >= 2 and case.dated[0].on is not None:
            first = case.dated[0]
            base = _Base(
                first.value,
                first.on,
                f"earliest observation {first.obs_id}",
                True,
                f"最早观测 {first.obs_id}",
            )
        return _threshold(case, 0.0, "<=", base, "linear_only", "消除至 ", "be eliminated to")
    base = _base(case)
    if kind == "rank":
        return _threshold(case, value, "<=", base, "linear", "进入前 ", "rank within the top")
    return _threshold(
        case,
        value,
        target.comparator,
        base,
        "linear",
        _CMP_ZH[target.comparator],
        _CMP_EN[target.comparator],
    )
