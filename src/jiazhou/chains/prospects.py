"""Ranking 招商 targets for a gap segment (docs/specs/next-capabilities.md §5.4, our proposal [U]).

Candidates are firms *outside the city* from an imported list. A candidate qualifies when its
industry code matches a segment code or a segment keyword occurs in its business text. Score
(0–100) = 40 × size + 25 × growth + 20 × IP + 15 × proximity, each part scaled within the list:
size = revenue / max revenue; growth = clip(growth %, 0, 50) / 50; IP = patents / max patents;
proximity = 1 − min(distance km, 2000) / 2000. Ties: larger revenue, then name.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jiazhou.chains.data_files import SegmentSpec
from jiazhou.chains.matching import codes_match

WEIGHTS = {"size": Decimal(40), "growth": Decimal(25), "ip": Decimal(20), "near": Decimal(15)}
GROWTH_CAP = Decimal(50)
DISTANCE_CAP = Decimal(2000)


@dataclass(frozen=True)
class Prospect:
    key: str
    name: str
    industry_code: str
    text: str
    revenue_wan: Decimal | None
    growth_pct: Decimal | None
    patents: int
    distance_km: Decimal | None


@dataclass(frozen=True)
class RankedProspect:
    prospect: Prospect
    score: Decimal
    reason: str


def qualifies(p: Prospect, segment: SegmentSpec) -> str:
    if any(codes_match(p.industry_code, c) for c in segment.industry_codes):
        return f"行业代码 {p.industry_code}"
    hits = [k for k in (*segment.product_keywords, *segment.tech_keywords) if k in p.text]
    return f"关键词「{'、'.join(hits)}」" if hits else ""


def rank_prospects(segment: SegmentSpec, prospects: list[Prospect]) -> list[RankedProspect]:
    chosen = [(p, why) for p in prospects if (why := qualifies(p, segment))]
    if not chosen:
        return []
    # `chosen` is not empty here: no default for max()
    max_rev = max(p.revenue_wan or Decimal(0) for p, _ in chosen)
    max_ip = max(p.patents for p, _ in chosen)
    ranked = []
    for p, why in chosen:
        size = (p.revenue_wan or Decimal(0)) / max_rev if max_rev > 0 else Decimal(0)
        growth = min(max(p.growth_pct or Decimal(0), Decimal(0)), GROWTH_CAP) / GROWTH_CAP
        ip = Decimal(p.patents) / Decimal(max_ip) if max_ip > 0 else Decimal(0)
        near = (
            Decimal(1) - min(p.distance_km, DISTANCE_CAP) / DISTANCE_CAP
            if p.distance_km is not None
            else Decimal(0)
        )
        score = (
            WEIGHTS["size"] * size
            + WEIGHTS["growth"] * growth
            + WEIGHTS["ip"] * ip
            + WEIGHTS["near"] * near
        ).quantize(Decimal("0.01"))
        ranked.append(RankedProspect(p, score, why))
    ranked.sort(key=lambda r: (-r.score, -(r.prospect.revenue_wan or 0), r.prospect.name))
    return ranked
