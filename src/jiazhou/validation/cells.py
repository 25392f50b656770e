"""One cell → one typed value, or a :class:`CellError` saying why not (Chinese first).

Parsed where unambiguous, refused otherwise — never silently empty:

- numbers: ``30,000,000`` (thousands separators in groups of three), ``3000万``, ``1.2亿``,
  ``¥2,000``, full-width digits; ``35%`` only for ratios. ``inf``, ``NaN``, ``1e300`` and any
  value beyond the plausible range of its unit are errors;
- money: plain numbers are in the file's money unit (元 by default, ``万元`` when the caller says
  so); a ``万``/``亿``/``元`` suffix states the unit explicitly and wins;
- yes/no: 是/否, 有/无, true/false, y/n, 1/0, √/×;
- years: ``2025``, ``2025年``, ``2025.0``;
- dates: ``2025-03-01``, ``2025/3/1``, ``2025.3.1``, ``2025年3月1日``, ``20250301`` or a
  spreadsheet date cell.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from jiazhou.fields import FieldSpec

WAN = Decimal(10_000)
YI = Decimal(100_000_000)
# Plausible magnitudes per unit: beyond them a value is a typo or an overflow, not data.
LIMITS: dict[str, Decimal] = {
    "yuan": Decimal("1e14"),  # 100万亿元: above any firm's revenue
    "persons": Decimal(10_000_000),
    "count": Decimal(1_000_000),
    "points": Decimal(100),
    "level": Decimal(10),
    "ratio": Decimal(1),
    # land, floor area, energy, electricity, emissions (annual evaluations, criteria.md §6.4)
    "mu": Decimal(1_000_000),
    "m2": Decimal(1_000_000_000),
    "tce": Decimal(100_000_000),
    "kwh": Decimal("1e12"),
    "tonnes": Decimal(100_000_000),
}
PHYSICAL = frozenset(("mu", "m2", "tce", "kwh", "tonnes"))  # decimals allowed
SIGNED = frozenset({"net_profit"})  # money that may be negative (a loss)
TRUE_WORDS = frozenset({"是", "有", "true", "t", "yes", "y", "1", "√", "✓", "对"})
FALSE_WORDS = frozenset({"否", "无", "没有", "false", "f", "no", "n", "0", "×", "✗", "不是"})
# Coded fields: accepted spellings → stored code.
CODE_VALUES: dict[str, dict[str, str]] = {
    "sme_size_class": {
        **{c: c for c in ("micro", "small", "medium", "large")},
        "微型": "micro",
        "小型": "small",
        "中型": "medium",
        "大型": "large",
    },
    "tax_collection_method": {
        "audit": "audit",
        "deemed": "deemed",
        "查账": "audit",
        "查账征收": "audit",
        "核定": "deemed",
        "核定征收": "deemed",
    },
    "listed_status": {
        "unlisted": "unlisted",
        "neeq": "neeq",
        "listed": "listed",
        "未上市": "unlisted",
        "新三板": "neeq",
        "上市": "listed",
    },
    "lifecycle_stage": {
        "startup": "startup",
        "growth": "growth",
        "mature": "mature",
        "初创期": "startup",
        "成长期": "growth",
        "稳定期": "mature",
    },
    "rd_measure_choice": {
        "sales": "sales",
        "cost": "cost",
        "销售收入": "sales",
        "成本费用": "cost",
        "成本费用支出总额": "cost",
    },
    "tech_field": {
        **{str(i): str(i) for i in range(1, 9)},
        **{
            name: str(i)
            for i, name in enumerate(
                (
                    "电子信息",
                    "生物与新医药",
                    "航空航天",
                    "新材料",
                    "高技术服务",
                    "新能源与节能",
                    "资源与环境",
                    "先进制造与自动化",
                ),
                start=1,
            )
        },
    },
}
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_DATE_PARTS = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_YEAR = re.compile(r"^(\d{4})(\.0+)?\s*年?(度)?$")


class CellError(ValueError):
    """A cell that breaks a rule: ``zh`` and ``en`` explain which."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en


def is_blank(value: Any) -> bool:
    """An empty cell (``None`` or only spaces): the value is not on file."""
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip()


def _finite(number: Decimal | float | int, shown: Any) -> Decimal:
    if isinstance(number, int):
        return Decimal(number)
    if isinstance(number, float):
        if not math.isfinite(number):
            raise CellError(f"「{shown}」不是有限数字", f"{shown!r} is not a finite number")
        number = Decimal(repr(number))
    if not number.is_finite():
        raise CellError(f"「{shown}」不是有限数字", f"{shown!r} is not a finite number")
    return number


def number(value: Any, *, percent: bool = False) -> tuple[Decimal, Decimal | None]:
    """``(number, multiplier)``: the multiplier of an explicit 元/万/亿 suffix (else ``None``)."""
    if isinstance(value, bool):
        raise CellError("应为数字，而不是是/否", "must be a number, not yes/no")
    if isinstance(value, int | float | Decimal):
        return _finite(value, value), None
    raw = _text(value)
    s = raw.replace(" ", "").lstrip("¥").removeprefix("RMB").removeprefix("人民币")
    scale: Decimal | None = None
    for suffix, factor in (
        ("亿元", YI),
        ("亿", YI),
        ("万元", WAN),
        ("万", WAN),
        ("元", Decimal(1)),
    ):
        if s.endswith(suffix):
            s, scale = s[: -len(suffix)], factor
            break
    if percent and s.endswith("%") and scale is None:
        s, scale = s[:-1], Decimal("0.01")
    if _THOUSANDS.match(s):
        s = s.replace(",", "")
    if not _PLAIN.match(s):
        if s.lower().lstrip("+-") in ("inf", "infinity", "nan"):
            raise CellError(f"「{raw}」不是有限数字", f"{raw!r} is not a finite number")
        raise CellError(
            f"应为数字，「{raw}」无法识别（可写 30000000、30,000,000、3000万 或 1.2亿）",
            f"must be a number, not {raw!r} (write 30000000, 30,000,000, 3000万 or 1.2亿)",
        )
    try:
        parsed = Decimal(s)
    except InvalidOperation:
        raise CellError(f"「{raw}」不是数字", f"{raw!r} is not a number") from None
    return _finite(parsed, raw), scale


def _in_range(n: Decimal, unit: str, code: str, shown: Any) -> Decimal:
    limit = LIMITS.get(unit)
    if limit is not None and abs(n) > limit:
        raise CellError(
            f"「{shown}」超出合理范围（绝对值不超过 {limit:,f}）",
            f"{shown!r} is out of range (at most {limit} in absolute value)",
        )
    if n < 0 and code not in SIGNED:
        raise CellError(f"不能为负数：「{shown}」", f"must not be negative: {shown!r}")
    return n


def money(value: Any, code: str, unit_factor: Decimal = Decimal(1)) -> Decimal:
    """Money in 元: an explicit 万/亿 suffix wins over the file's unit (``unit_factor``)."""
    n, scale = number(value)
    amount = n * (scale if scale is not None else unit_factor)
    return _in_range(amount, "yuan", code, value)


def whole(value: Any) -> tuple[Decimal, Decimal | None]:
    """:func:`number` for whole-number columns: the message says 应为整数."""
    try:
        return number(value)
    except CellError as exc:
        raise CellError(
            exc.zh.replace("应为数字", "应为整数"), exc.en.replace("a number", "a whole number")
        ) from None


def quantity(value: Any, unit: str, code: str) -> Decimal:
    """Persons, counts, levels (whole numbers) and points, within their plausible range."""
    n, scale = number(value) if unit == "points" or unit in PHYSICAL else whole(value)
    if scale is not None and scale != 1:
        raise CellError(f"「{value}」：此列不是金额，不能用万/亿", f"{value!r}: not money")
    n = _in_range(n, unit, code, value)
    if unit in ("count", "level", "persons") and n != n.to_integral_value():
        raise CellError(f"应为整数：「{value}」", f"must be a whole number: {value!r}")
    return n


def ratio(value: Any, code: str) -> Decimal:
    """A ratio as a decimal (0.35) or a percentage (35%), within 0 and 1."""
    n, scale = number(value, percent=True)
    if scale is not None and scale not in (Decimal(1), Decimal("0.01")):
        raise CellError(f"「{value}」：比例不能用万/亿", f"{value!r}: a ratio cannot use 万/亿")
    n = n * (scale or Decimal(1))
    if not Decimal(0) <= n <= Decimal(1):
        raise CellError(
            f"「{value}」应为0到1之间的小数（35%可填0.35或35%）",
            f"{value!r} must be within 0 and 1 (35 % → 0.35 or 35%)",
        )
    return n


def boolean(value: Any) -> bool:
    """是/否, 有/无, true/false, y/n, 1/0, √/×."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    s = _text(value).lower()
    if s in TRUE_WORDS:
        return True
    if s in FALSE_WORDS:
        return False
    raise CellError(
        f"应填「是」或「否」（或有/无），而不是「{value}」", f"must be yes/no, not {value!r}"
    )


def date(value: Any, today: dt.date | None = None) -> dt.date:
    """A date; ``today`` given → a date after it is an error (it has not happened yet)."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        s = _text(value).split(" ")[0].split("T")[0]
        m = _DATE_PARTS.match(s) or _COMPACT_DATE.match(s)
        try:
            if m is None:
                raise ValueError(s)
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise CellError(
                f"「{value}」不是有效日期（应为 YYYY-MM-DD，如 2024-03-01）",
                f"{value!r} is not a valid date (YYYY-MM-DD)",
            ) from None
    if day.year < 1900:
        raise CellError(f"「{value}」早于1900年", f"{value!r} is before 1900")
    if today is not None and day > today:
        raise CellError(
            f"「{day.isoformat()}」晚于今天（{today.isoformat()}），日期不能在未来",
            f"{day.isoformat()} is after today ({today.isoformat()}): dates cannot be in the future",
        )
    return day


def fiscal_year(value: Any, today: dt.date | None = None) -> int:
    """A fiscal year: ``2025``, ``2025年``, ``2025.0``; not after the current year."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value) or value != int(value):
            raise CellError(f"「{value}」不是年份", f"{value!r} is not a year")
        year = int(value)
    else:
        m = _YEAR.match(_text(value))
        if m is None:
            raise CellError(
                f"「{value}」不是年份（如 2025 或 2025年）", f"{value!r} is not a year (e.g. 2025)"
            )
        year = int(m.group(1))
    if year < 1949:
        raise CellError(f"{year} 年早于1949年", f"{year} is before 1949")
    if today is not None and year > today.year:
        raise CellError(f"{year} 年尚未开始", f"fiscal year {year} has not begun")
    return year


def code(value: Any, field_code: str) -> str:
    """A coded value: one of the field's accepted spellings (code or Chinese name)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # spreadsheets turn 511102 into 511102.0
    s = _text(value)
    options = CODE_VALUES.get(field_code)
    if options is None:
        return s
    if s in options or s.lower() in options:
        return options.get(s, options.get(s.lower(), s))
    shown = "、".join(dict.fromkeys(options))
    raise CellError(f"「{s}」不是有效值（可填：{shown}）", f"{s!r} is not one of: {shown}")


def parser_for(
    spec: FieldSpec, *, unit_factor: Decimal = Decimal(1), today: dt.date | None = None
) -> Callable[[Any], Any]:
    """The parser of one catalogue field (money, quantities, ratio, yes/no, date, code, text)."""
    if spec.unit == "yuan":
        return lambda v: money(v, spec.code, unit_factor)
    if spec.unit == "ratio":
        return lambda v: ratio(v, spec.code)
    if spec.unit in ("persons", "count", "points", "level") or spec.unit in PHYSICAL:
        return lambda v: quantity(v, spec.unit, spec.code)
    if spec.unit == "bool":
        return boolean
    if spec.unit == "date":
        future_ok = spec.code == "application_date"  # an application may be planned ahead
        return lambda v: date(v, None if future_ok else today)
    if spec.unit == "code":
        return lambda v: code(v, spec.code)
    return lambda v: _text(v)
