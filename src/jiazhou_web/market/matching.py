"""The web side of matching: published 成果 as an index (rebuilt only when the catalogue
changes), a demand's matches with reasons."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max
from django.utils.translation import gettext, pgettext_lazy

from jiazhou import humanize
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


#: the engine's distances (``jiazhou.matching.region_distance``) as the reader says them
_DISTANCES = {
    "同县区": pgettext_lazy("match distance", "same county"),
    "同市": pgettext_lazy("match distance", "same city"),
    "省内": pgettext_lazy("match distance", "same province"),
    "省外": pgettext_lazy("match distance", "outside the province"),
    "未知": pgettext_lazy("match distance", "unknown"),
}


def reasons(
    match: Match, achievement: Achievement, demand: Demand
) -> list[tuple[str, tuple[str, ...]]]:
    """Why the achievement matches, in the reader's language: the engine's ``Match.reasons``
    (Chinese) said again from the match's own fields, each as (text, keywords). The shared
    keywords stay as written (words of the demand and the achievement) and are drawn one by one
    after the text."""
    out: list[str] = []
    terms: tuple[str, ...] = ()
    if match.shared_terms:
        out.append(gettext("Shared keywords: "))
        terms = match.shared_terms
    if demand.field:
        if match.same_field:
            out.append(gettext("Same technology field"))
        else:
            field = achievement.get_field_display() or gettext("not given")
            out.append(gettext("Different field (achievement: %(field)s)") % {"field": field})
    distance = _DISTANCES.get(match.distance)
    out.append(gettext("Distance: %(distance)s") % {"distance": distance or match.distance})
    if match.budget_margin is not None:
        if match.budget_margin > 0:
            out.append(
                gettext("Budget above the lowest asking price by %(amount)s (10k yuan)")
                % {"amount": humanize.number(match.budget_margin)}
            )
        else:
            out.append(gettext("Budget about the lowest asking price"))
    if achievement.trl is not None:
        out.append(gettext("Technology readiness level %(level)s") % {"level": achievement.trl})
    return [(text, terms if n == 0 else ()) for n, text in enumerate(out)]


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
