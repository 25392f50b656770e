"""Values as a person reads them, Chinese first: the one place numbers, money, periods and dates
are written for people (pages, exports, chart labels, engine explanations).

Money in 万元 with thousands separators (元 where the exact amount matters), percentages with a
fixed number of decimals, counts as integers, months as ``2026年10月``, observation periods such as
``asof:2026-09`` as ``2026年9月末``, times in Asia/Shanghai, article citations as
「《高新技术企业认定管理办法》第十一条（二）」. Never ``e+`` notation.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from zoneinfo import ZoneInfo

from jiazhou.targets.periods import parse_period

__all__ = [
    "BLANK",
    "SHANGHAI",
    "article_citation",
    "chinese_numeral",
    "count",
    "date_zh",
    "local_datetime",
    "month_zh",
    "number",
    "percent",
    "percent_of_ratio",
    "period_en",
    "period_zh",
    "unit_en",
    "wan_yuan",
    "yuan",
]

SHANGHAI = ZoneInfo("Asia/Shanghai")
BLANK = "—"
Number = int | float | Decimal


def _is_blank(value: object) -> bool:
    if value is None or value == "":
        return True
    return isinstance(value, float) and math.isnan(value)


def number(value: Number | None, digits: int | None = None) -> str:
    """``1,234.5``: separators, ``digits`` fixed decimals, or up to two with zeros dropped."""
    if _is_blank(value):
        return BLANK
    assert value is not None
    d = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if not d.is_finite():
        return BLANK
    if digits is not None:
        return f"{d:,.{digits}f}"
    text = f"{d:,.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def count(value: Number | None) -> str:
    """A head-count or number of things: an integer with separators (``25``, never ``25.0``)."""
    if _is_blank(value):
        return BLANK
    assert value is not None
    return f"{int(Decimal(str(value)).to_integral_value()):,}"


def wan_yuan(amount_yuan: Number | None, digits: int = 2, unit: bool = True) -> str:
    """An amount held in 元 as 万元: ``10,862,011`` → ``1,086.20万元``."""
    if _is_blank(amount_yuan):
        return BLANK
    assert amount_yuan is not None
    text = number(Decimal(str(amount_yuan)) / Decimal(10_000), digits)
    return f"{text}万元" if unit else text


def yuan(amount: Number | None, unit: bool = True) -> str:
    """The exact amount in 元 (cents only when there are any)."""
    if _is_blank(amount):
        return BLANK
    assert amount is not None
    d = Decimal(str(amount))
    text = number(d, 0 if d == d.to_integral_value() else 2)
    return f"{text}元" if unit else text


def percent(value_pct: Number | None, digits: int = 1) -> str:
    """A value already in percent (``33.6``) as ``33.6%``."""
    if _is_blank(value_pct):
        return BLANK
    assert value_pct is not None
    return f"{number(value_pct, digits)}%"


def percent_of_ratio(ratio: Number | None, digits: int = 1) -> str:
    """A ratio (``0.336``) as ``33.6%``."""
    if _is_blank(ratio):
        return BLANK
    assert ratio is not None
    return percent(Decimal(str(ratio)) * 100, digits)


def month_zh(day: dt.date | None) -> str:
    return BLANK if day is None else f"{day.year}年{day.month}月"


def date_zh(day: dt.date | None) -> str:
    if day is None:
        return BLANK
    if isinstance(day, dt.datetime):
        day = local_datetime_value(day).date()
    return f"{day.year}年{day.month}月{day.day}日"


def local_datetime_value(moment: dt.datetime) -> dt.datetime:
    """An aware datetime in Asia/Shanghai (naive ones are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(SHANGHAI)


def local_datetime(moment: dt.datetime | None, seconds: bool = False) -> str:
    """``2026-12-04 16:30`` in Asia/Shanghai."""
    if moment is None:
        return BLANK
    return local_datetime_value(moment).strftime(
        "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    )


def _point_zh(text: str) -> str:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return f"{parts[0]}年"
    if len(parts) == 2:
        return f"{parts[0]}年{parts[1]}月"
    return f"{parts[0]}年{parts[1]}月{parts[2]}日"


def period_zh(notation: str | None) -> str:
    """An observation period for people.

    ``2023`` → 2023年; ``asof:2026-09`` → 2026年9月末; ``asof:2025`` → 2025年末;
    ``asof:2023-11-13`` → 截至2023年11月13日; ``2025-01..2025-08`` → 2025年1—8月;
    ``2021..2025`` → 2021—2025年累计; ``unstated`` → 期间未载明.
    """
    if notation is None or notation == "":
        return BLANK
    try:
        period = parse_period(notation)
    except ValueError:
        return notation
    if period.kind == "unstated":
        return "期间未载明"
    if period.kind == "year":
        return f"{notation}年"
    if period.kind == "asof":
        point = notation[5:]
        if point.count("-") == 2:
            return f"截至{_point_zh(point)}"
        return f"{_point_zh(point)}末"
    left, right = notation.split("..", 1)
    if period.kind == "cumulative" and "-" not in left and "-" not in right:
        return f"{left}—{right}年累计"
    start, end = _point_zh(left), _point_zh(right)
    if period.kind == "range":
        # same year: 2025年1—8月 / 2023年1月1日—11月13日
        year = left[:4]
        tail = end[len(year) + 1 :]
        head = start
        if left.count("-") == 1 and right.count("-") == 1:
            return f"{head[:-1]}—{tail}"
        return f"{head}—{tail}"
    return f"{start}—{end}累计"


def period_en(notation: str | None) -> str:
    """The English twin of :func:`period_zh`, with the ISO points dates use on the English switch.

    ``2023`` → 2023; ``asof:2026-09`` → end of 2026-09; ``asof:2023-11-13`` → as of 2023-11-13;
    ``2025-01..2025-08`` → 2025-01–2025-08; ``2021..2025`` → 2021–2025 cumulative
    (each cumulative span says so, as 累计 does);
    ``unstated`` → period not stated.
    """
    if notation is None or notation == "":
        return BLANK
    try:
        period = parse_period(notation)
    except ValueError:
        return notation
    if period.kind == "unstated":
        return "period not stated"
    if period.kind == "asof":
        point = notation[5:]
        return f"as of {point}" if point.count("-") == 2 else f"end of {point}"
    if ".." in notation:
        left, right = notation.split("..", 1)
        return f"{left}–{right} cumulative" if period.kind == "cumulative" else f"{left}–{right}"
    return notation


#: The catalogue's units of measure in English, written after the number (``14家`` → ``14 firms``).
#: Counters that only count (个) and places in a ranking (名) need no word in English.
_UNITS_EN = {
    "家": " firms",
    "户": " firms",
    "个": "",
    "名": "",
    "项": " items",
    "件": " items",
    "场": " events",
    "人": " people",
    "位": " people",
    "年": " years",
    "天": " days",
    "亿元": " hundred million yuan",
    "万元": " ten thousand yuan",
    "元": " yuan",
    "百分点": " percentage points",
    "件/万人": " per 10,000 people",
    "%": "%",
}


def unit_en(unit: str | None) -> str:
    """A unit as written after a number on the English switch: ``家`` → `` firms``, ``%`` → ``%``;
    a unit not in the table is kept, after a space."""
    if not unit:
        return ""
    if unit in _UNITS_EN:
        return _UNITS_EN[unit]
    return f" {unit}"


_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1–999 in Chinese numerals as articles are numbered: 11 → 十一, 20 → 二十, 105 → 一百零五."""
    if not 0 < n < 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _DIGITS[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    if ones:
        out += _DIGITS[ones]
    return out


def article_citation(document: str, article: int | None = None, item: int | None = None) -> str:
    """「《高新技术企业认定管理办法》第十一条（二）」."""
    text = f"《{document.strip('《》')}》"
    if article:
        text += f"第{chinese_numeral(article)}条"
    if item:
        text += f"（{chinese_numeral(item)}）"
    return f"「{text}」"
