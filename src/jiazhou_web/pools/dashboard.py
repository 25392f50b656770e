"""Pool dashboard figures — every count within the user's data scope — and the home cards."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.dashboard import Card
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.enterprises.choices import Programme
from jiazhou_web.enterprises.models import Certificate
from jiazhou_web.pools.choices import MembershipStatus
from jiazhou_web.pools.models import PoolMembership
from jiazhou_web.regions.models import Region
from jiazhou_web.scoring.programmes import FUNNEL

TARGETS_FILE = Path(__file__).parent / "data" / "targets.csv"
EXPIRY_WINDOW_DAYS = 183  # "next 6 months"
CITY = "511100"


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
    out = []
    for stage in FUNNEL:
        label = " / ".join(str(Programme(p).label) for p in stage)
        n = qualified.filter(programme__in=stage).values("enterprise").distinct().count()
        out.append((label, n))
    return out


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


@cache
def _targets() -> list[dict[str, str]]:
    with TARGETS_FILE.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@dataclass(frozen=True)
class TargetRow:
    programme: str
    region: Region
    year: int
    text: str
    target: float
    actual: float
    unit: str
    source: str
    base: int | None = None

    @property
    def attained(self) -> float:
        return self.actual / self.target if self.target else 0.0

    @property
    def percent(self) -> int | None:
        """Attainment in %, capped at 100; None when the target cannot be computed."""
        if not self.target:
            return None
        return min(100, round(self.attained * 100))

    @property
    def programme_label(self) -> str:
        return str(Programme(self.programme).label)


def _valid_count(programme: str, region_code: str, on: dt.date) -> int:
    certs = Certificate.objects.valid_on(on).filter(programme=programme)
    if region_code != CITY:
        certs = certs.filter(enterprise__zone__code=region_code) | certs.filter(
            enterprise__region__code=region_code
        )
    return certs.values("enterprise").distinct().count()


def targets(user: Any, today: dt.date | None = None) -> list[TargetRow]:
    """Targets whose region lies within the user's scope, with today's valid-certificate count."""
    day = today or timezone.localdate()
    scope = user_scope(user)
    rows = []
    for t in _targets():
        if not (scope.city or t["region"] in scope.region_codes):
            continue
        region = Region.objects.filter(code=t["region"]).first()
        if region is None:
            continue
        programme, kind, value = t["programme"], t["kind"], float(t["value"])
        actual = _valid_count(programme, t["region"], day)
        source = f"{t['target_id']} · {t['source_quote']}"
        if kind == "doubling":
            base = _valid_count(programme, t["region"], dt.date(int(t["base_year"]), 12, 31))
            text = (
                f"较{t['base_year']}年末（{base}家）倍增"
                if base
                else f"较{t['base_year']}年末倍增（库内无{t['base_year']}年末有效证书，基数待补录）"
            )
            rows.append(
                TargetRow(
                    programme,
                    region,
                    int(t["target_year"]),
                    text,
                    value * base,
                    actual,
                    "家",
                    source,
                    base,
                )
            )
        elif kind == "at_least":
            rows.append(
                TargetRow(
                    programme,
                    region,
                    int(t["target_year"]),
                    f"达到 {value:g} 家",
                    value,
                    actual,
                    "家",
                    source,
                )
            )
        elif kind == "share_of_city":
            city = _valid_count(programme, CITY, day)
            share = actual / city if city else 0.0
            rows.append(
                TargetRow(
                    programme,
                    region,
                    int(t["target_year"]),
                    f"占全市 {value:.0%} 以上",
                    value * 100,
                    share * 100,
                    "%",
                    source,
                )
            )
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
            )
        )
    return cards
