"""What a firm still lacks, in the user's terms ("研发费用…还差 ¥120万", "需新增 6 名科技人员").

Gap values and units come from the scheme files (``gap`` / ``gap_unit`` of each gate, criteria.md
§8.8: gap in native units, positive = still missing).
"""

from __future__ import annotations

import math
import re
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from jiazhou.humanize import number, wan_yuan
from jiazhou_web.scoring.choices import CriterionStatus


def money(yuan: float) -> str:
    """An amount in 万元 with separators (the platform's money unit; "(10k yuan)" in English)."""
    return gettext("%(amount)s (10k yuan)") % {"amount": wan_yuan(yuan, unit=False)}


def amount(gap: float, unit: str, direction: str = "min") -> str:
    """The missing amount: money, people, items, days or a plain number.

    Units ending in "over the cap" are "at most" criteria (size caps): the gap is the excess;
    so is the gap of an upper age limit (``direction`` "max"), which time cannot close.
    """
    if unit.endswith("over the cap"):
        base = unit.removesuffix("over the cap").strip()
        if base == "yuan":
            return gettext("over the cap by %(amount)s") % {"amount": money(gap)}
        return gettext("over the cap by %(n)s persons") % {"n": math.ceil(gap)}
    if unit == "yuan":
        return gettext("short by %(amount)s") % {"amount": money(gap)}
    if unit.startswith("yuan"):  # "yuan (both years)": each of the years must reach it
        return gettext("short by %(amount)s (both years must reach it)") % {"amount": money(gap)}
    if unit.startswith("persons"):
        return gettext("%(n)s more persons needed") % {"n": math.ceil(gap)}
    if unit == "items":
        return gettext("%(n)s more items needed") % {"n": math.ceil(gap)}
    if unit == "days":
        return gettext("%(n)s more days needed") % {"n": math.ceil(gap)}
    if unit == "ratio":
        return gettext("short by %(x)s percentage points") % {"x": f"{gap * 100:.1f}"}
    if unit == "points":
        return gettext("short by %(x)s points") % {"x": number(gap)}
    if unit == "years":
        if direction == "max":
            return gettext("over by %(n)s years") % {"n": math.ceil(gap)}
        return gettext("%(n)s more years needed") % {"n": math.ceil(gap)}
    return gettext("short by %(x)s") % {"x": number(gap)}


def score_shortfall(total_max: float | None) -> str:
    """Why a firm that meets every condition still fails: its best reachable score."""
    if total_max is None:
        return gettext("no route to qualification can be met")
    return gettext("at most %(n)s points can be scored, below the pass mark") % {
        "n": number(total_max)
    }


def describe(meta: dict[str, Any], status: str, gap: float | None) -> str:
    """One line for an unmet or unknown criterion."""
    label = meta.get("message_zh") or meta.get("label_zh") or meta.get("criterion", "")
    if status == CriterionStatus.UNKNOWN:
        return gettext("missing data: %(label)s") % {"label": meta.get("label_zh") or label}
    if gap is not None and gap > 0:
        return gettext("%(name)s: %(gap)s") % {
            "name": label,
            "gap": amount(gap, meta.get("gap_unit", "")),
        }
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
SHORT_NAMES: dict[str, StrOrPromise] = {
    "hnte": _("HNTE recognition"),
    "tech_sme": _("tech-based SME evaluation"),
    "innovative_sme": _("innovative SME recognition"),
    "srdi_sme": _("SRDI SME recognition"),
    "little_giant": _("SRDI “little giant” recognition"),
    "gazelle": _("gazelle enterprise recognition"),
    "unicorn": _("unicorn enterprise recognition"),
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
                gettext(" (about %(amount)s)") % {"amount": money(gap)}
                if unit.startswith("yuan")
                else gettext(" (%(gap)s)") % {"gap": amount(gap, unit, direction)}
            )
        over = gettext("over ") if direction == "max" else ""
        return gettext("%(name)s %(over)s%(points)s percentage points%(extra)s") % {
            "name": name,
            "over": over,
            "points": _points(abs(need - value) * 100),
            "extra": extra,
        }
    if missing and is_subject:
        return gettext("%(name)s: %(gap)s") % {"name": name, "gap": amount(gap, unit, direction)}
    if missing and unit:
        return gettext("%(name)s (%(gap)s)") % {"name": name, "gap": amount(gap, unit, direction)}
    return name
