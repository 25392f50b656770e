"""Pool dashboard figures — every count within the user's data scope — and the home cards."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.dashboard import Card
from jiazhou_web.core.names import source_title
from jiazhou_web.core.request_cache import memo
from jiazhou_web.enterprises.choices import Programme
from jiazhou_web.enterprises.links import EnterpriseLink
from jiazhou_web.enterprises.models import Certificate
from jiazhou_web.monitoring.models import Target
from jiazhou_web.pools.choices import MembershipStatus
from jiazhou_web.pools.models import PoolMembership
from jiazhou_web.regions.models import Region
from jiazhou_web.scoring.programmes import FUNNEL

EXPIRY_WINDOW_DAYS = 183  # "next 6 months"


def open_memberships(user: Any) -> QuerySet[PoolMembership]:
    return PoolMembership.objects.for_user(user).filter(ended_on__isnull=True)


def counts_by_programme(user: Any) -> dict[str, dict[str, int]]:
    """programme → status → number of enterprises (open memberships in scope)."""
    out: dict[str, dict[str, int]] = {p: {} for p in Programme.values}
    rows = open_memberships(user).values("programme", "status").annotate(n=Count("id"))
    for row in rows.order_by("programme", "status"):
        out[row["programme"]][row["status"]] = row["n"]
    return out


@dataclass(frozen=True)
class RegionRow:
    region: Region
    cells: dict[str, tuple[int, int]]  # programme → (qualified, candidates)


def counts_by_region(user: Any) -> list[RegionRow]:
    """Counties (by registration) and the zone (by membership), qualified and candidates."""
    qs = open_memberships(user).filter(
        status__in=[MembershipStatus.QUALIFIED, MembershipStatus.CANDIDATE]
    )
    table: dict[str, dict[str, list[int]]] = {}
    for key in ("enterprise__region__code", "enterprise__zone__code"):
        rows = qs.exclude(**{f"{key}__isnull": True}).values(key, "programme", "status")
        for row in rows.annotate(n=Count("id")).order_by(key, "programme", "status"):
            cell = table.setdefault(row[key], {}).setdefault(row["programme"], [0, 0])
            cell[0 if row["status"] == MembershipStatus.QUALIFIED else 1] += row["n"]
    regions = Region.objects.filter(code__in=table).order_by("kind", "code")
    zones_last = sorted(regions, key=lambda r: (r.is_zone, r.code))
    return [RegionRow(r, {p: (v[0], v[1]) for p, v in table[r.code].items()}) for r in zones_last]


def funnel(user: Any) -> list[tuple[str, int]]:
    """科小 → 高企 → 瞪羚/专精特新 → 小巨人: qualified enterprises per stage in scope."""
    qualified = open_memberships(user).filter(status=MembershipStatus.QUALIFIED)
    # one query: a distinct count of firms per stage
    counts = qualified.aggregate(
        **{
            f"stage_{i}": Count("enterprise", distinct=True, filter=Q(programme__in=stage))
            for i, stage in enumerate(FUNNEL)
        }
    )
    return [
        (" / ".join(str(Programme(p).label) for p in stage), counts[f"stage_{i}"])
        for i, stage in enumerate(FUNNEL)
    ]


def expiring(user: Any, today: dt.date | None = None) -> QuerySet[Certificate]:
    """Valid certificates in scope whose validity ends within six months (高企: 3 years)."""
    day = today or timezone.localdate()
    return (
        Certificate.objects.for_user(user)
        .valid_on(day)
        .filter(valid_to__lte=day + dt.timedelta(days=EXPIRY_WINDOW_DAYS))
        .select_related("enterprise", "enterprise__region")
        .order_by("valid_to", "enterprise__name")
    )


# Monitoring indicators that count enterprises holding a programme's valid certificate.
INDICATOR_PROGRAMME: dict[str, str] = {
    "hitech_enterprises": Programme.HNTE,
    "tech_smes": Programme.TECH_SME,
    "national_tech_smes": Programme.TECH_SME,
    "hz_hitech_enterprises_share_of_city": Programme.HNTE,
    "hz_tech_smes_share_of_city": Programme.TECH_SME,
}
COMPARATORS = (">=", ">", "doubling_vs_2020")


@dataclass(frozen=True)
class TargetRow:
    """A monitoring target on a programme count, with today's count of valid certificates."""

    target: Target
    programme: str
    text: str
    goal: float
    actual: float
    unit: str

    @property
    def attained(self) -> float:
        return self.actual / self.goal if self.goal else 0.0

    @property
    def percent(self) -> int | None:
        """Attainment in %, capped at 100; None when the goal cannot be computed."""
        if not self.goal:
            return None
        return min(100, round(self.attained * 100))

    @property
    def programme_label(self) -> str:
        return str(Programme(self.programme).label)

    @property
    def wording(self) -> str:
        """The source's own wording (达到, 以上, 较“十三五”末实现倍增 …)."""
        return self.target.comparator_text

    @property
    def source(self) -> str:
        """The title of the document the target comes from (its 文号 included), not the target's
        row code in the seed file; "" when the target has no source document."""
        return source_title(self.target.source_file) if self.target.source_file else ""


def _holders(on: dt.date) -> dict[tuple[str, str], set[int]]:
    """Firms holding a valid certificate on ``on``, by (programme, region code): each firm under
    its own region, its zone and the city. One query per day asked, read once per request."""

    def read() -> dict[tuple[str, str], set[int]]:
        holders: dict[tuple[str, str], set[int]] = defaultdict(set)
        rows = (
            Certificate.objects.valid_on(on)
            .values_list(
                "programme", "enterprise_id", "enterprise__region__code", "enterprise__zone__code"
            )
            .distinct()
        )
        for programme, firm, region, zone in rows:
            for code in {settings.JIAZHOU_CITY_CODE, region, zone} - {None}:
                holders[programme, code].add(firm)
        return holders

    return memo(("pools.holders", on), read)


def _valid_count(programme: str, region: Region, on: dt.date) -> int:
    """Firms holding a valid ``programme`` certificate in ``region`` on ``on`` (the firm's own
    region or its zone; every firm for the city)."""
    return len(_holders(on).get((programme, region.code), ()))


def _enterprises_unit() -> str:
    """The unit of a count of enterprises (家), in the reader's language."""
    return pgettext("unit", "enterprises")


def targets(user: Any, today: dt.date | None = None) -> list[TargetRow]:
    """The monitoring app's targets on 高企/科小 counts in the user's scope, from last year on.

    Doubling targets (较“十三五”末倍增) take the stored base value, or else the certificates on
    file valid on 31 December of the base year; share targets divide by the city's count.
    """
    day = today or timezone.localdate()
    rows = []
    wanted = (
        Target.objects.for_user(user)
        .filter(
            indicator__code__in=list(INDICATOR_PROGRAMME),
            comparator__in=COMPARATORS,
        )
        .filter(
            # this year's and later targets, and last year's official (non-demo) ones
            Q(target_year__gte=day.year) | Q(target_year=day.year - 1, synthetic=False)
        )
        .select_related("indicator", "region")
        .order_by("target_year", "indicator__code", "region__code", "code")
    )
    city = Region.objects.filter(code=settings.JIAZHOU_CITY_CODE).first()
    for t in wanted:
        programme = INDICATOR_PROGRAMME[t.indicator.code]
        actual = _valid_count(programme, t.region, day)
        value = float(t.value or 0)
        if "share_of_city" in t.indicator.code:
            total = _valid_count(programme, city, day) if city else 0
            share = 100.0 * actual / total if total else 0.0
            rows.append(
                TargetRow(
                    t,
                    programme,
                    gettext("share of the city ≥ %(value)s%%") % {"value": f"{value:g}"},
                    value,
                    share,
                    "%",
                )
            )
        elif t.comparator == "doubling_vs_2020":
            base_year = t.base_year or 2020
            base = (
                float(t.base_value)
                if t.base_value is not None
                else _valid_count(programme, t.region, dt.date(base_year, 12, 31))
            )
            text = (
                gettext("double the count at the end of %(year)s (%(base)s)")
                % {"year": base_year, "base": f"{base:g}"}
                if base
                else gettext(
                    "double the count at the end of %(year)s (base unknown: no certificate on "
                    "file valid at the end of %(year)s)"
                )
                % {"year": base_year}
            )
            rows.append(TargetRow(t, programme, text, 2 * base, actual, _enterprises_unit()))
        else:
            text = gettext("≥ %(value)s enterprises") % {"value": f"{value:g}"}
            rows.append(TargetRow(t, programme, text, value, actual, _enterprises_unit()))
    return rows


def home_cards(user: Any) -> list[Card]:
    """Candidates per pool in the user's scope (programmes with anyone in the pool)."""
    counts = counts_by_programme(user)
    cards = []
    for programme in Programme.values:
        by_status = counts[programme]
        if not by_status:
            continue
        cards.append(
            Card(
                label=_("%(programme)s candidates") % {"programme": Programme(programme).label},
                value=by_status.get(MembershipStatus.CANDIDATE, 0),
                url=reverse("pools:membership_list")
                + f"?programme={programme}&status={MembershipStatus.CANDIDATE}",
                note=_("%(n)s qualified") % {"n": by_status.get(MembershipStatus.QUALIFIED, 0)},
                tone="success",
                figure=f"pools.{programme}.candidate",
                basis=_("open pool memberships (candidates)"),
            )
        )
    return cards


def enterprise_links(enterprise: Any, user: Any) -> list[EnterpriseLink]:
    """The 一企一策 page, linked from the enterprise record (一企一档)."""
    url = reverse("pools:enterprise_plan", args=[enterprise.pk])
    return [EnterpriseLink(_("One firm, one plan"), url, icon="clipboard-check")]
