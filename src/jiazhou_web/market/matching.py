"""The web side of matching: published 成果 as an index (rebuilt only when the catalogue
changes), a demand's matches with reasons."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max

from jiazhou.matching import Demand as EngineDemand
from jiazhou.matching import Match, MatchIndex, Supply
from jiazhou_web.market.choices import CatalogueState
from jiazhou_web.market.models import Achievement, Demand

_cache: dict[str, Any] = {}


def published_index() -> MatchIndex:
    published = Achievement.objects.filter(state=CatalogueState.PUBLISHED)
    key = tuple(published.aggregate(n=Count("id"), last=Max("updated")).values())
    if _cache.get("key") != key:
        supplies = [
            Supply(
                str(a.pk),
                f"{a.title} {a.abstract}",
                field=a.field,
                region=a.region_code,
                trl=a.trl,
                price_low=a.price_low,
                price_high=a.price_high,
            )
            for a in published
        ]
        _cache["index"] = MatchIndex.build(supplies)
        _cache["key"] = key
    index: MatchIndex = _cache["index"]
    return index


def matches_for(demand: Demand, k: int = 10) -> list[tuple[Achievement, Match]]:
    index = published_index()
    found = index.match(
        EngineDemand(
            str(demand.pk),
            f"{demand.title} {demand.problem}",
            field=demand.field,
            region=demand.enterprise.region.code,
            budget=demand.budget,
            min_trl=demand.min_trl,
        ),
        k=k,
    )
    rows = Achievement.objects.in_bulk([int(m.supply_id) for m in found])
    return [(rows[int(m.supply_id)], m) for m in found if int(m.supply_id) in rows]
