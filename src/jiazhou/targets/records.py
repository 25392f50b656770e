"""Inputs of the target engine: targets, observations and benchmark values.

The shapes follow ``targets.csv`` and ``observations.csv`` of the Leshan extraction;
:func:`target_from_row` and :func:`observation_from_row` read their rows (strings from a CSV or
typed values from a Polars frame or a database row alike).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, get_args

from jiazhou.targets.periods import ObservationPeriod, parse_period, year_end

__all__ = [
    "BASIS_ORDER",
    "Benchmark",
    "BenchmarkScope",
    "Comparator",
    "Observation",
    "PeriodBasis",
    "Target",
    "TargetKind",
    "observation_from_row",
    "target_from_row",
]

PeriodBasis = Literal["stated", "inferred", "uncertain", "unstated"]
BASIS_ORDER: tuple[PeriodBasis, ...] = ("stated", "inferred", "uncertain", "unstated")
Comparator = Literal[">=", ">", "=", "<="]
TargetKind = Literal[
    "level",  # 达到/以上/超过/不高于 a value in the indicator's unit
    "share",  # a share (%) of a parent region's total (占全市比重)
    "growth_rate",  # observations are growth rates compared with the target rate (年均增长)
    "cagr",  # observations are levels; their compound growth since base_year is compared
    "multiple_of_base",  # 较基期倍增: value × the base-year level (doubling: value = 2)
    "rank",  # 前N名: observed rank <= value; lower is better
    "above_benchmark",  # 高于全国平均 / 走在全省前列: beat a benchmark value
    "increasing",  # 持续上升: every step up
    "achieve",  # qualitative: observations report completion 0..1
    "eliminate",  # 消除: observed count reaches 0
    "unstated",  # a target exists but the text gives no value
]
BenchmarkScope = Literal["national_avg", "provincial_leading"]


@dataclass(frozen=True)
class Target:
    """One target row.

    ``value`` is the threshold in the indicator's unit, the rate in % for ``growth_rate`` and
    ``cagr``, N for ``rank``, the multiple for ``multiple_of_base``; None for the qualitative
    kinds. ``base_date`` starts the 序时进度 period (e.g. the issuing document's date); without it
    the period starts at the end of ``base_year``. ``annual_flow`` marks a yearly flow (营业收入,
    投资额): a year-to-date figure is then read against the share of the year elapsed and
    projected by run rate. ``parent_region`` makes a ``share`` target derive its share from
    level observations of the region and its parent, of the indicator ``share_of`` (e.g.
    ``hitech_enterprises`` for 高新技术企业数量占全市比重); without it shares are observed.
    """

    target_id: str
    indicator: str
    region: str
    target_year: int
    kind: TargetKind
    value: float | None = None
    comparator: Comparator = ">="
    unit: str = ""
    base_year: int | None = None
    base_value: float | None = None
    base_date: date | None = None
    target_date: date | None = None
    benchmark: BenchmarkScope = "national_avg"
    annual_flow: bool = False
    parent_region: str = ""
    share_of: str = ""
    wording: str = ""

    def __post_init__(self) -> None:
        if self.kind not in get_args(TargetKind):
            raise ValueError(
                f"目标 {self.target_id}：类型「{self.kind}」无效，应为 "
                f"{'、'.join(get_args(TargetKind))} / target {self.target_id}: unknown kind "
                f"{self.kind!r}"
            )
        if self.comparator not in get_args(Comparator):
            raise ValueError(
                f"目标 {self.target_id}：比较符「{self.comparator}」无效，应为 >=、>、= 或 <= / "
                f"target {self.target_id}: unknown comparator {self.comparator!r}"
            )

    @property
    def due(self) -> date:
        """When the target falls due: ``target_date`` or 31 December of ``target_year``."""
        return self.target_date if self.target_date is not None else year_end(self.target_year)

    @property
    def period_start(self) -> date | None:
        """Start of the 序时进度 period, if known."""
        if self.base_date is not None:
            return self.base_date
        return year_end(self.base_year) if self.base_year is not None else None


@dataclass(frozen=True)
class Observation:
    """One reported value. ``reported_on`` (the publication date) bounds an open period.

    ``growth_vs_base_pct`` / ``growth_base_year`` carry growth stated against a base year
    (较"十三五"末增长75%), from which a base level can be derived.
    """

    indicator: str
    region: str
    period: str
    value: float
    period_basis: PeriodBasis = "stated"
    obs_id: str = ""
    unit: str = ""
    qualifier: str = ""
    reported_on: date | None = None
    growth_vs_base_pct: float | None = None
    growth_base_year: int | None = None

    @property
    def parsed_period(self) -> ObservationPeriod:
        return parse_period(self.period)

    @property
    def on(self) -> date | None:
        """The date the value describes: the period's end, not after ``reported_on``."""
        end = self.parsed_period.end
        if end is None:
            return None
        return min(end, self.reported_on) if self.reported_on is not None else end


@dataclass(frozen=True)
class Benchmark:
    """A comparison value: the national average, or the value needed to be 全省前列."""

    indicator: str
    scope: BenchmarkScope
    period: str
    value: float


_KIND_BY_COMPARATOR: dict[str, TargetKind] = {
    "top_n": "rank",
    "doubling_vs_2020": "multiple_of_base",
    "above_national_avg": "above_benchmark",
    "leading_in_province": "above_benchmark",
    "increasing": "increasing",
    "achieve": "achieve",
    "eliminate": "eliminate",
    "unstated": "unstated",
}
_KIND_BY_INDICATOR_KIND: dict[str, TargetKind] = {
    "share": "share",
    "growth_rate": "growth_rate",
    "rank": "rank",
}


def _text(row: Mapping[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value).strip()


@dataclass(frozen=True)
class _Where:
    """Names the row in error messages: ``目标 T001`` / ``target T001``."""

    zh: str
    en: str

    def error(self, zh: str, en: str) -> ValueError:
        return ValueError(f"{self.zh} {zh} / {self.en} {en}")


def _number(row: Mapping[str, Any], key: str, where: _Where) -> float | None:
    text = _text(row, key)
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise where.error(
            f"字段 {key} 不是数字：{text!r}", f"field {key} is not a number: {text!r}"
        ) from None


def _integer(row: Mapping[str, Any], key: str, where: _Where) -> int | None:
    number = _number(row, key, where)
    return None if number is None else int(number)


def _day(row: Mapping[str, Any], key: str, where: _Where) -> date | None:
    value = row.get(key)
    if isinstance(value, date):
        return value
    text = _text(row, key)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise where.error(
            f"字段 {key} 不是日期：{text!r}", f"field {key} is not a date: {text!r}"
        ) from None


_GROWTH_WORDS = ("年均增长", "年均增速", "年均增幅", "年均递增")


def _numeric_kind(row: Mapping[str, Any], where: _Where) -> TargetKind:
    """Kind of a numeric-comparator target: the ``indicator_kind`` column, checked against
    the wording. 「年均增长15%以上」 is a growth rate, never a level of 15: without the column
    the wording decides; a column contradicting the wording is refused."""
    wording = _text(row, "comparator_text") + _text(row, "source_quote")
    says_growth = any(word in wording for word in _GROWTH_WORDS)
    column = _text(row, "indicator_kind")
    if not column:
        return "growth_rate" if says_growth else "level"
    kind = _KIND_BY_INDICATOR_KIND.get(column, "level")
    if says_growth and kind != "growth_rate":
        raise where.error(
            f"的表述为年均增长，但 indicator_kind 为 {column!r}；请改为 growth_rate",
            f"is worded as average annual growth but indicator_kind is {column!r}; use growth_rate",
        )
    return kind


def target_from_row(row: Mapping[str, Any]) -> Target:
    """A :class:`Target` from a ``targets.csv``-shaped row.

    The seed comparators map to kinds: ``top_n`` → rank, ``doubling_vs_2020`` → multiple 2 of
    the base year, ``above_national_avg`` / ``leading_in_province`` → above the matching
    benchmark, ``achieve`` / ``eliminate`` / ``increasing`` / ``unstated`` as named. The numeric
    comparators give ``level``, or ``share`` / ``growth_rate`` when the optional column
    ``indicator_kind`` (indicators.csv ``kind``) says so; without that column a target worded
    「年均增长/年均增速」 (``comparator_text`` or ``source_quote``) is a ``growth_rate``, and a
    column that contradicts such wording is refused. Optional columns: ``base_value``,
    ``base_date``, ``target_date``, ``annual_flow``, ``parent_region``, ``share_of``,
    ``indicator_kind``.
    """
    ident = _text(row, "target_id") or "?"
    where = _Where(f"目标 {ident}", f"target {ident}")
    comparator = _text(row, "comparator")
    value = _number(row, "value", where)
    kind: TargetKind
    if comparator in _KIND_BY_COMPARATOR:
        kind = _KIND_BY_COMPARATOR[comparator]
    elif comparator in (">=", ">", "=", "<="):
        kind = _numeric_kind(row, where)
    else:
        raise where.error(
            f"的比较符 {comparator!r} 无法识别", f"has an unknown comparator {comparator!r}"
        )
    numeric: Comparator = ">="
    if comparator in (">", "=", "<="):
        numeric = ">" if comparator == ">" else "=" if comparator == "=" else "<="
    if kind == "rank":
        numeric = "<="
    if kind == "multiple_of_base" and value is None:
        value = 2.0  # 倍增
    target_year = _integer(row, "target_year", where)
    if target_year is None:
        raise where.error("缺少 target_year", "has no target_year")
    return Target(
        target_id=_text(row, "target_id"),
        indicator=_text(row, "indicator"),
        region=_text(row, "region"),
        target_year=target_year,
        kind=kind,
        value=value,
        comparator=numeric,
        unit=_text(row, "unit"),
        base_year=_integer(row, "base_year", where),
        base_value=_number(row, "base_value", where),
        base_date=_day(row, "base_date", where),
        target_date=_day(row, "target_date", where),
        benchmark="provincial_leading" if comparator == "leading_in_province" else "national_avg",
        annual_flow=_text(row, "annual_flow").lower() in ("1", "true", "yes"),
        parent_region=_text(row, "parent_region"),
        share_of=_text(row, "share_of"),
        wording=_text(row, "comparator_text"),
    )


def observation_from_row(row: Mapping[str, Any]) -> Observation:
    """An :class:`Observation` from an ``observations.csv``-shaped row.

    ``other_growth_basis`` of the form ``vs_end_of_13th_FYP(2020)`` fills
    ``growth_base_year``; ``reported_on`` is an optional extra column.
    """
    ident = _text(row, "obs_id") or "?"
    where = _Where(f"观测 {ident}", f"observation {ident}")
    value = _number(row, "value", where)
    if value is None:
        raise where.error("缺少 value", "has no value")
    basis_text = _text(row, "period_basis") or "stated"
    basis = next((b for b in BASIS_ORDER if b == basis_text), None)
    if basis is None:
        raise where.error(
            f"的 period_basis {basis_text!r} 无法识别",
            f"has an unknown period_basis {basis_text!r}",
        )
    period = _text(row, "period") or "unstated"
    try:
        parse_period(period)  # fail here, naming the row, rather than mid-evaluation
    except ValueError as exc:
        raise ValueError(f"{where.zh} / {where.en}: {exc}") from None
    growth_basis = _text(row, "other_growth_basis")
    base_year = None
    if growth_basis.endswith(")") and "(" in growth_basis:
        inner = growth_basis.rsplit("(", 1)[1][:-1]
        base_year = int(inner) if inner.isdigit() else None
    return Observation(
        indicator=_text(row, "indicator"),
        region=_text(row, "region"),
        period=period,
        value=value,
        period_basis=basis,
        obs_id=_text(row, "obs_id"),
        unit=_text(row, "unit"),
        qualifier=_text(row, "qualifier"),
        reported_on=_day(row, "reported_on", where),
        growth_vs_base_pct=_number(row, "other_growth_pct", where),
        growth_base_year=base_year,
    )
