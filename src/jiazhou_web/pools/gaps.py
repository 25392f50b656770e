"""What a firm still lacks, in the user's terms ("研发费用…还差 ¥120万", "需新增 6 名科技人员").

Gap values and units come from the scheme files (``gap`` / ``gap_unit`` of each gate, criteria.md
§8.8: gap in native units, positive = still missing).
"""

from __future__ import annotations

import math
import re
from typing import Any

from jiazhou.humanize import number, wan_yuan
from jiazhou_web.scoring.choices import CriterionStatus


def money(yuan: float) -> str:
    """An amount in 万元 with separators (the platform's money unit)."""
    return wan_yuan(yuan)


def amount(gap: float, unit: str, direction: str = "min") -> str:
    """The missing amount: money, people, items, days or a plain number.

    Units ending in "over the cap" are "at most" criteria (size caps): the gap is the excess;
    so is the gap of an upper age limit (``direction`` "max"), which time cannot close.
    """
    if unit.endswith("over the cap"):
        base = unit.removesuffix("over the cap").strip()
        return f"超出上限 {money(gap)}" if base == "yuan" else f"超出上限 {math.ceil(gap)} 人"
    if unit == "yuan":
        return f"还差 {money(gap)}"
    if unit.startswith("yuan"):  # "yuan (both years)": each of the years must reach it
        return f"还差 {money(gap)}（两个年度均需达到）"
    if unit.startswith("persons"):
        return f"需新增 {math.ceil(gap)} 人"
    if unit == "items":
        return f"需新增 {math.ceil(gap)} 项"
    if unit == "days":
        return f"还需 {math.ceil(gap)} 天"
    if unit == "ratio":
        return f"还差 {gap * 100:.1f} 个百分点"
    if unit == "points":
        return f"还差 {number(gap)} 分"
    if unit == "years":
        return f"已超出 {math.ceil(gap)} 年" if direction == "max" else f"还需 {math.ceil(gap)} 年"
    return f"还差 {number(gap)}"


def score_shortfall(total_max: float | None) -> str:
    """Why a firm that meets every condition still fails: its best reachable score."""
    if total_max is None:
        return "无可满足的认定路径"
    return f"评分最高可得 {number(total_max)} 分，达不到通过分数线"


def describe(meta: dict[str, Any], status: str, gap: float | None) -> str:
    """One line for an unmet or unknown criterion."""
    label = meta.get("message_zh") or meta.get("label_zh") or meta.get("criterion", "")
    if status == CriterionStatus.UNKNOWN:
        return f"缺数据：{meta.get('label_zh') or label}"
    if gap is not None and gap > 0:
        return f"{label}：{amount(gap, meta.get('gap_unit', ''))}"
    return str(label)


def value_text(value: float | None, requirement: float | None = None) -> str:
    """A criterion's value or requirement for display.

    Shares are written as decimals in the schemes, so a value compared with a fractional
    requirement reads as %; large amounts (≥ 10万) are money in 元 (head-counts, items and days
    never reach that for the firms these programmes cover); anything else is a plain number.
    """
    if value is None:
        return ""
    if requirement is not None and 0 < abs(requirement) < 1 and abs(value) <= 10:
        return f"{value * 100:.1f}%"
    if abs(value) >= 100_000:
        return money(value)
    return number(value)


# Short programme names as officials say them (「距高企认定还差」).
SHORT_NAMES: dict[str, str] = {
    "hnte": "高企认定",
    "tech_sme": "科技型中小企业评价",
    "innovative_sme": "创新型中小企业认定",
    "srdi_sme": "专精特新中小企业认定",
    "little_giant": "专精特新“小巨人”认定",
    "gazelle": "瞪羚企业认定",
    "unicorn": "独角兽企业认定",
}
_SHORT_OF = re.compile(r"(不低于|不少于|不高于|不超过|不足|低于|高于|超过|未达到).*$")


def _points(diff: float) -> str:
    return f"{diff:.1f}" if diff >= 0.1 else f"{diff:.2f}"


def _subject(meta: dict[str, Any]) -> tuple[str, bool]:
    """The condition's name without its threshold, and whether it is one (not a whole sentence).

    「科技人员占比不足10%」 → 科技人员占比; 「研发投入强度不低于2.5%」 → 研发投入强度. A message
    whose stripped rest is no name (「收入与人员增长均未达到…」) is kept whole, as a sentence.
    """
    for text in (meta.get("message_zh") or "", meta.get("label_zh") or ""):
        name = _SHORT_OF.sub("", text).strip()
        if name != text and len(name) >= 4 and not name.endswith(("均", "或", "且")):
            return name, True
    whole = meta.get("message_zh") or meta.get("label_zh") or meta.get("criterion", "")
    return str(whole), False


def lacking(meta: dict[str, Any], values: dict[str, Any]) -> str:
    """What one unmet condition lacks, in a phrase: 「研发费用占销售收入比例 0.6 个百分点（约 ¥19.7万）」.

    The distance in percentage points is said of a named share only; a condition kept as a
    whole sentence carries only a gap with its unit (「成立10年以内（已超出 15 年）」) or nothing.
    """
    name, is_subject = _subject(meta)
    value, need = values.get("value"), values.get("requirement")
    gap = float(values.get("gap") or 0.0)
    unit, direction = meta.get("gap_unit", ""), meta.get("direction", "min")
    missing = gap > 0
    if (
        is_subject
        and value is not None
        and need is not None
        and 0 < abs(need) < 1
        and abs(value) <= 10
        and (value > need if direction == "max" else value < need)
    ):
        extra = ""
        if missing and unit:
            extra = (
                f"（约 {money(gap)}）"
                if unit.startswith("yuan")
                else f"（{amount(gap, unit, direction)}）"
            )
        over = "超出 " if direction == "max" else ""
        return f"{name} {over}{_points(abs(need - value) * 100)} 个百分点{extra}"
    if missing and is_subject:
        return f"{name}：{amount(gap, unit, direction)}"
    if missing and unit:
        return f"{name}（{amount(gap, unit, direction)}）"
    return name
