"""一企一策 assessment: every programme side by side, every criterion, the cheapest path.

Rows come either from stored results (``CriterionResult``) or straight from the engine (the
what-if); both go through :func:`criterion_row`, so the page shows them the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext, pgettext

from jiazhou.humanize import number
from jiazhou.schemes import SchemeError, load_scheme
from jiazhou.schemes.shortlist import score_shortfalls, shortfall_text
from jiazhou_web.core.citations import readable_cite, tag_label
from jiazhou_web.core.names import scheme_label
from jiazhou_web.enterprises.choices import Programme
from jiazhou_web.enterprises.models import Certificate, Enterprise
from jiazhou_web.pools.gaps import SHORT_NAMES, describe, lacking, score_shortfall, value_text
from jiazhou_web.pools.models import PoolMembership
from jiazhou_web.scoring.choices import CriterionStatus, UnitStatus
from jiazhou_web.scoring.models import CriterionResult, UnitResult

# Display order of criterion states (criteria.md §8.8): unmet > unknown > manual_review > met.
STATUS_ORDER: dict[str, int] = {
    CriterionStatus.UNMET: 0,
    CriterionStatus.UNKNOWN: 1,
    CriterionStatus.MANUAL_REVIEW: 2,
    CriterionStatus.MET: 3,
    CriterionStatus.NOT_APPLICABLE: 4,
}
STATUS_TONE = {
    "met": "success",
    "unmet": "danger",
    "unknown": "secondary",
    "manual_review": "warning",
    "not_applicable": "light",
    "pass": "success",
    "review": "warning",
    "fail": "danger",
}


@dataclass(frozen=True)
class CriterionRow:
    id: str
    kind: str
    label: str
    cite: str
    tag: str
    status: str
    value: str
    requirement: str
    points: str
    gap: float | None
    rel_gap: float | None
    text: str
    required: bool = True
    lacking: str = ""  # the unmet condition as a phrase of the 「距…还差」 sentence
    missing_label: str = ""

    @property
    def status_label(self) -> str:
        return str(CriterionStatus(self.status).label) if self.status else ""

    @property
    def tone(self) -> str:
        return STATUS_TONE.get(self.status, "secondary")


def criterion_row(meta: dict[str, Any], values: dict[str, Any]) -> CriterionRow:
    """One display row from a criterion's metadata and its computed values."""
    status = str(values.get("status") or "")
    lo, hi = values.get("points_min"), values.get("points_max")
    if meta.get("kind") == "item" and lo is not None:
        points = number(lo) if hi is None or lo == hi else f"{number(lo)}–{number(hi)}"
        points += f" / {number(meta.get('max_points', 0))}"
    else:
        points = ""
    gap = values.get("gap")
    needs_text = status in (CriterionStatus.UNMET, CriterionStatus.UNKNOWN)
    return CriterionRow(
        id=meta["criterion"],
        kind=meta.get("kind", ""),
        label=meta.get("label_zh", meta["criterion"]),
        cite=readable_cite(meta.get("cite", "")),
        tag=tag_label(meta.get("tag", "")),
        status=status,
        value=value_text(values.get("value"), values.get("requirement")),
        requirement=value_text(values.get("requirement"), values.get("requirement")),
        points=points,
        gap=gap,
        rel_gap=values.get("rel_gap"),
        text=describe(meta, status, gap) if needs_text else "",
        required=bool(meta.get("required", True)),
        lacking=lacking(meta, values) if status == CriterionStatus.UNMET else "",
        missing_label=str(meta.get("label_zh") or meta["criterion"]),
    )


@dataclass
class ProgrammeCard:
    """One programme for one enterprise: its latest result, membership and certificate."""

    programme: str
    result: UnitResult | None = None
    rows: list[CriterionRow] = field(default_factory=list)
    membership: PoolMembership | None = None
    certificate: Certificate | None = None
    status: str = ""
    score: str = ""
    scheme: str = ""
    n_unmet: int = 0
    n_unknown: int = 0
    gap_score: float = 0.0
    total_min: float | None = None

    @property
    def label(self) -> str:
        return str(Programme(self.programme).label)

    @property
    def qualified(self) -> bool:
        return self.membership is not None and self.membership.status == "qualified"

    @property
    def status_label(self) -> str:
        return str(UnitStatus(self.status).label) if self.status else ""

    @property
    def tone(self) -> str:
        return STATUS_TONE.get(self.status, "secondary")

    @property
    def shortfalls(self) -> list[CriterionRow]:
        """Unmet hard conditions, smallest relative gap first (the cheapest lever first, §8.8)."""
        unmet = [r for r in self.rows if r.status == "unmet" and r.kind == "gate"]
        return sorted(unmet, key=lambda r: (r.rel_gap is None, r.rel_gap or 0.0))

    @property
    def missing(self) -> list[CriterionRow]:
        return [r for r in self.rows if r.status == "unknown" and r.kind == "gate"]

    def _score_text(self) -> str:
        """Why a firm meeting every condition fails: the score nodes it misses, in points."""
        assert self.result is not None
        try:
            scheme = load_scheme(self.result.run.scheme_code)
        except SchemeError:
            return score_shortfall(self.result.total_max)
        best = {
            c.criterion: c.points_max or 0.0 for c in self.result.criteria.all() if c.kind == "item"
        }
        shorts = score_shortfalls(scheme, best, self.result.total_max)
        return shortfall_text(scheme, shorts) or score_shortfall(self.result.total_max)

    @property
    def lacks(self) -> str:
        """「距高企认定还差：…」 for a failing or undecided programme the firm does not hold."""
        if self.qualified or self.status not in (UnitStatus.FAIL, UnitStatus.UNKNOWN):
            return ""
        unmet = [r.lacking for r in self.shortfalls if r.required]
        score = ""
        if not unmet and self.status == UnitStatus.FAIL and self.result is not None:
            score = self._score_text()
        parts = unmet or ([score] if score else [])
        parts += [
            gettext("missing data: %(label)s") % {"label": r.missing_label}
            for r in self.missing
            if r.required
        ]
        if not parts:
            return ""
        return gettext("Short of %(programme)s: %(parts)s") % {
            "programme": SHORT_NAMES.get(self.programme, self.label),
            "parts": pgettext("list separator", "; ").join(parts),
        }


def sorted_rows(rows: list[CriterionRow]) -> list[CriterionRow]:
    kind_order = {"gate": 0, "route": 1, "item": 2}
    return sorted(rows, key=lambda r: (kind_order.get(r.kind, 3), STATUS_ORDER.get(r.status, 5)))


def stored_cards(enterprise: Enterprise) -> list[ProgrammeCard]:
    """Every programme with the enterprise's current stored result (if any)."""
    results = {
        r.programme: r
        for r in UnitResult.objects.filter(enterprise=enterprise, current=True)
        .select_related("run")
        .prefetch_related(Prefetch("criteria", queryset=CriterionResult.objects.order_by("id")))
    }
    memberships = {
        m.programme: m
        for m in PoolMembership.objects.filter(enterprise=enterprise, ended_on__isnull=True)
    }
    certificates: dict[str, Certificate] = {}
    for cert in enterprise.certificates.order_by("valid_from", "id"):
        certificates[cert.programme] = cert
    cards = []
    for programme in Programme.values:
        card = ProgrammeCard(
            programme,
            membership=memberships.get(programme),
            certificate=certificates.get(programme),
        )
        result = results.get(programme)
        if result is not None:
            meta = result.run.criterion_meta()
            card.result = result
            card.rows = sorted_rows(
                [
                    criterion_row(meta[c.criterion], _db_values(c))
                    for c in result.criteria.all()
                    if c.criterion in meta
                ]
            )
            card.status = result.status
            card.score = result.score_display if result.run.scored else ""
            card.scheme = scheme_label(result.run.scheme_code)
            card.n_unmet, card.n_unknown = result.n_unmet, result.n_unknown
            card.gap_score, card.total_min = result.gap_score, result.total_min
        cards.append(card)
    return cards


def _db_values(c: CriterionResult) -> dict[str, Any]:
    return {
        "status": c.status,
        "value": c.value,
        "requirement": c.requirement,
        "gap": c.gap,
        "rel_gap": c.rel_gap,
        "points_min": c.points_min,
        "points_max": c.points_max,
    }


def cheapest_path(cards: list[ProgrammeCard]) -> ProgrammeCard | None:
    """The next qualification within easiest reach (criteria.md §8.8 ordering).

    A programme the firm already passes (or passes subject to expert review) but does not hold
    comes first; otherwise the failing programme with fewest unmet conditions, then fewest
    unknowns, then the smallest relative gap, then the highest lower-bound score.
    """
    open_ = [c for c in cards if c.result is not None and not c.qualified]
    if not open_:
        return None
    ready = {UnitStatus.PASS: 0, UnitStatus.REVIEW: 1}
    return min(
        open_,
        key=lambda c: (
            ready.get(UnitStatus(c.status), 2) if c.status in ready else 2,
            c.n_unmet,
            c.n_unknown,
            c.gap_score,
            -(c.total_min or 0.0),
        ),
    )
