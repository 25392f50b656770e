"""Two-grade validation of reported values (填报校验).

Errors block (wrong type, wrong unit, out of range for the indicator's kind); warnings are
stored with the value and must be explained in writing before the batch can be submitted
(e.g. a year-on-year change above 30 %). Messages are Chinese first, then English, and name
the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from jiazhou.targets.periods import parse_period
from jiazhou_web.core.magnitude import too_large
from jiazhou_web.monitoring.choices import IndicatorKind, Severity

YOY_WARNING_PCT = Decimal(30)  # |同比变化| above this needs an explanation


@dataclass(frozen=True)
class Finding:
    severity: str
    field: str
    zh: str
    en: str

    def __str__(self) -> str:
        return f"「{self.field}」{self.zh} / {self.field}: {self.en}"


def _error(field: str, zh: str, en: str) -> Finding:
    return Finding(Severity.ERROR, field, zh, en)


def parse_number(
    raw: Any, field: str, *, column: tuple[int, int] = (20, 4)
) -> tuple[Decimal | None, list[Finding]]:
    """A finite number from a cell or form value (``1,234.5`` allowed) that fits ``column``
    (``max_digits``, ``decimal_places`` of the field it is stored in); an error otherwise."""
    if isinstance(raw, bool):
        return None, [_error(field, "应为数字", "must be a number")]
    if not str(raw).isascii():  # Decimal() would read full-width ２０ and other scripts' digits
        return None, [
            _error(
                field,
                f"应为数字（半角数字），而不是「{raw}」",
                f"must be a number in ASCII digits, not {raw!r}",
            )
        ]
    try:
        number = Decimal(str(raw).strip().replace(",", ""))
    except InvalidOperation:
        return None, [_error(field, f"应为数字，而不是「{raw}」", f"must be a number, not {raw!r}")]
    if not number.is_finite():
        return None, [_error(field, "应为有限数字", "must be a finite number")]
    large = too_large(number, *column)
    if large is not None:
        return None, [_error(field, *large)]
    return number, []


#: (max_digits, decimal_places) of Observation.yoy_growth_pct.
GROWTH_COLUMN = (12, 2)


def check_value(indicator: Any, value: Decimal, unit: str) -> list[Finding]:
    """Errors: the unit must be the indicator's; the value must fit the indicator's kind and
    the column it is stored in."""
    findings: list[Finding] = []
    large = too_large(value, 20, 4) if value.is_finite() else ("应为有限数字", "must be finite")
    if large is not None:
        return [_error("数值", *large)]
    if unit and unit != indicator.unit:
        findings.append(
            _error(
                "单位",
                f"应为「{indicator.unit or '（无单位）'}」，而不是「{unit}」",
                f"must be {indicator.unit or '(no unit)'!r}, not {unit!r}",
            )
        )
    kind = indicator.kind
    whole = value == value.to_integral_value()
    if kind in (IndicatorKind.COUNT, IndicatorKind.RANK) and not whole:
        findings.append(_error("数值", "应为整数", "must be a whole number"))
    if kind == IndicatorKind.RANK and value < 1:
        findings.append(_error("数值", "排位不能小于 1", "a rank must be at least 1"))
    elif kind == IndicatorKind.SHARE and not (0 <= value <= 100):
        findings.append(_error("数值", "比重应在 0 到 100 之间", "a share must be within 0..100"))
    elif kind == IndicatorKind.STATUS and not (0 <= value <= 1):
        findings.append(
            _error("数值", "完成度应在 0 到 1 之间", "a completion must be within 0..1")
        )
    elif kind == IndicatorKind.GROWTH_RATE and value < -100:
        findings.append(_error("数值", "增速不能低于 -100%", "a growth rate cannot be below -100%"))
    elif kind in (IndicatorKind.COUNT, IndicatorKind.LEVEL, IndicatorKind.INDEX) and value < 0:
        findings.append(_error("数值", "不能为负数", "must not be negative"))
    return findings


#: The earliest year a reporting period may name.
FIRST_PERIOD_YEAR = 2000


def check_period(period: str) -> list[Finding]:
    """A reporting period in the notation of observations.csv (2025, 2025-01..2025-09 ...),
    written in ASCII digits (full-width ``２０２６`` would open a second batch for 2026) and
    naming years from 2000 to next year."""
    if not period.isascii():
        return [
            _error(
                "填报期",
                "请使用半角数字（如 2025），不要使用全角或上标数字",
                "use ASCII digits (e.g. 2025), not full-width or superscript digits",
            )
        ]
    last = timezone.localdate().year + 1
    years = [int(y) for y in re.findall(r"\d{4}", period)]
    if any(not FIRST_PERIOD_YEAR <= y <= last for y in years):
        return [
            _error(
                "填报期",
                f"年份须在 {FIRST_PERIOD_YEAR} 至 {last} 年之间",
                f"years must be within {FIRST_PERIOD_YEAR}..{last}",
            )
        ]
    try:
        parsed = parse_period(period)
    except ValueError as exc:
        return [_error("填报期", str(exc).split(" / ")[0], str(exc).split(" / ")[-1])]
    if parsed.kind == "unstated":
        return [_error("填报期", "填报期不能为空", "the period is required")]
    return []


def previous_period(period: str) -> str:
    """The same period one year earlier: 2025 → 2024, 2025-01..2025-09 → 2024-01..2024-09."""
    return re.sub(r"\d{4}", lambda m: str(int(m[0]) - 1), period)


def check_change(
    value: Decimal, previous: Decimal | None, yoy_growth_pct: Decimal | None
) -> list[Finding]:
    """Warnings: a year-on-year change above 30 %, computed or as reported."""
    findings: list[Finding] = []
    if previous is not None and previous != 0:
        change = (value - previous) / abs(previous) * 100
        if abs(change) > YOY_WARNING_PCT:
            findings.append(
                Finding(
                    Severity.WARNING,
                    "数值",
                    f"较上年同期 {previous.normalize():f} 变化 {change:+.1f}%，超过 ±30%，请填写说明",
                    f"changes {change:+.1f}% on the same period last year "
                    f"({previous.normalize():f}), beyond ±30%; please explain",
                )
            )
    if not findings and yoy_growth_pct is not None and abs(yoy_growth_pct) > YOY_WARNING_PCT:
        findings.append(
            Finding(
                Severity.WARNING,
                "同比增长%",
                f"同比增长 {yoy_growth_pct}% 超过 ±30%，请填写说明",
                f"year-on-year growth {yoy_growth_pct}% is beyond ±30%; please explain",
            )
        )
    return findings


def previous_values(region: Any, period: str) -> dict[int, Decimal]:
    """Approved values of ``region`` one year before ``period``, by indicator id.

    One query per batch (not per value); where a value was reported twice, the latest row wins.
    """
    from jiazhou_web.monitoring.models import Observation

    rows = (
        Observation.objects.approved()
        .filter(region=region, period=previous_period(period))
        .order_by("id")
        .values_list("indicator_id", "value")
    )
    return dict(rows)


def assess(
    indicator: Any, value: Decimal, unit: str, yoy: Decimal | None, previous: Decimal | None
) -> tuple[list[Finding], list[Finding]]:
    """(errors, warnings) for one reported value; ``previous`` is last year's approved value."""
    errors = check_value(indicator, value, unit)
    if errors:
        return errors, []
    return [], check_change(value, previous, yoy)
