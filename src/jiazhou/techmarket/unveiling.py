"""揭榜挂帅 eligibility (spec §3.7 [S], 川经信技创函〔2025〕203号): the solver (揭榜方) must not
be the same unit as the issuer (发榜方/需求方) nor equity-related to it, read from shareholder
data (市场监管). Any direct holding either way, or a common parent holding both, is a link [U:
the text says 股权关联 without a threshold, so every non-zero holding counts].
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Shareholding:
    holder: str  # 统一社会信用代码 (or a person's id)
    company: str  # 统一社会信用代码
    share: Decimal  # 0–1


def equity_conflict(solver: str, issuer: str, holdings: Iterable[Shareholding]) -> str | None:
    """The reason the pair is ineligible (Chinese), or ``None``.

    >>> equity_conflict("A", "B", [Shareholding("A", "B", Decimal("0.10"))])
    '揭榜方持有发榜方10%股权，存在股权关联'
    """
    if solver == issuer:
        return "揭榜方与发榜方为同一单位"
    holders: dict[str, dict[str, Decimal]] = {}
    for h in holdings:
        if h.share > 0:
            holders.setdefault(h.company, {})[h.holder] = h.share
    if solver in holders.get(issuer, {}):
        return f"揭榜方持有发榜方{_pct(holders[issuer][solver])}股权，存在股权关联"
    if issuer in holders.get(solver, {}):
        return f"发榜方持有揭榜方{_pct(holders[solver][issuer])}股权，存在股权关联"
    common = set(holders.get(solver, {})) & set(holders.get(issuer, {}))
    if common:
        return f"揭榜方与发榜方有共同股东（{'、'.join(sorted(common))}），存在股权关联"
    return None


def _pct(share: Decimal) -> str:
    value = (share * 100).normalize()
    return f"{value:f}%"
