"""What a firm still lacks, in the user's terms ("研发费用…还差 ¥120万", "需新增 6 名科技人员").

Gap values and units come from the scheme files (``gap`` / ``gap_unit`` of each gate, criteria.md
§8.8: gap in native units, positive = still missing).
"""

from __future__ import annotations

import math
from typing import Any

from jiazhou_web.scoring.choices import CriterionStatus


def money(yuan: float) -> str:
    """¥ in 万元 (one decimal below 100万), as officials read amounts."""
    wan = yuan / 10_000
    if abs(wan) >= 100:
        return f"¥{wan:,.0f}万"
    return f"¥{wan:,.1f}万".replace(".0万", "万")


def amount(gap: float, unit: str) -> str:
    """The missing amount: money, people, items, days or a plain number.

    Units ending in "over the cap" are "at most" criteria (size caps): the gap is the excess.
    """
    if unit.endswith("over the cap"):
        base = unit.removesuffix("over the cap").strip()
        return f"超出上限 {money(gap)}" if base == "yuan" else f"超出上限 {math.ceil(gap)} 人"
    if unit == "yuan":
        return f"还差 {money(gap)}"
    if unit.startswith("persons"):
        return f"需新增 {math.ceil(gap)} 人"
    if unit == "items":
        return f"需新增 {math.ceil(gap)} 项"
    if unit == "days":
        return f"还需 {math.ceil(gap)} 天"
    if unit == "ratio":
        return f"还差 {gap * 100:.1f} 个百分点"
    return f"还差 {gap:,.4g} {unit}".rstrip()


def score_shortfall(total_max: float | None) -> str:
    """Why a firm that meets every condition still fails: its best reachable score."""
    if total_max is None:
        return "无可满足的认定路径"
    return f"评分最高可得 {total_max:g} 分，达不到通过分数线"


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
    return f"{value:,.4g}"
