"""回避 in expert review: which reviewers have a conflict of interest with a firm, and why.

A reviewer declares affiliations on 「我的关联申报」 (ReviewerAffiliation: current employer,
past employers with the last year worked, shareholdings, relatives' firms, other links). The
rules are the projects' (``jiazhou.projects.conflicts`` with the ``[conflicts]`` table of its
``rules.toml``): a past employer conflicts only within the look-back (近三年); every other
declared link always does. The reasons come back in Chinese, for the assignment page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils.translation import pgettext_lazy

from jiazhou.projects.acceptance import load_rules
from jiazhou.projects.conflicts import Applicant, ConflictRules, Expert, Tie, conflicts_of
from jiazhou_web.scoring.choices import AffiliationKind
from jiazhou_web.scoring.models import ReviewerAffiliation

RULES = ConflictRules.from_table(load_rules()["conflicts"])
LOOKBACK_YEARS = RULES.lookback_years

OWN_WORDS = {
    AffiliationKind.RELATIVE: pgettext_lazy(
        "scoring", "A relative works at or holds shares in the firm"
    ),
    AffiliationKind.OTHER: pgettext_lazy("scoring", "Self-declared recusal"),
}


def _expert(reviewer_id: int, affiliations: Iterable[ReviewerAffiliation]) -> Expert:
    employers, holdings = [], []
    for a in affiliations:
        party = str(a.enterprise_id)
        if a.kind == AffiliationKind.EMPLOYER:
            employers.append(Tie(party))
        elif a.kind == AffiliationKind.PAST_EMPLOYER:
            employers.append(Tie(party, until=a.until_year))
        elif a.kind == AffiliationKind.SHAREHOLDING:
            holdings.append(Tie(party))
    return Expert(
        key=str(reviewer_id),
        name=f"reviewer-{reviewer_id}",
        affiliations=tuple(employers),
        holdings=tuple(holdings),
    )


def reasons(
    affiliations: Iterable[ReviewerAffiliation], enterprise_id: int, year: int
) -> list[str]:
    """Why the reviewer whose ``affiliations`` these are must not review the firm in ``year``
    (empty: no conflict). Employers and holdings go through the engine's rules (a past employer
    only within the look-back); a relative's firm or another declared link always conflicts."""
    rows = [a for a in affiliations if a.enterprise_id == enterprise_id]
    if not rows:
        return []
    expert = _expert(rows[0].reviewer_id, rows)
    found = [
        c.reason for c in conflicts_of(expert, Applicant(unit=str(enterprise_id)), RULES, year)
    ]
    for kind, words in OWN_WORDS.items():
        if any(a.kind == kind for a in rows):
            found.append(str(words))
    return list(dict.fromkeys(found))


def still_binding(year: int) -> Q:
    """The declarations that conflict in ``year``, as a filter (the queue's 回避 column)."""
    return (
        ~Q(kind=AffiliationKind.PAST_EMPLOYER)
        | Q(until_year__isnull=True)
        | Q(until_year__gte=year - LOOKBACK_YEARS)
    )


def conflicts_for(enterprise_id: int, year: int) -> dict[int, list[str]]:
    """reviewer id → reasons, for every reviewer with a conflict with the firm (one query)."""
    by_reviewer: dict[int, list[ReviewerAffiliation]] = {}
    for a in ReviewerAffiliation.objects.filter(enterprise_id=enterprise_id):
        by_reviewer.setdefault(a.reviewer_id, []).append(a)
    out = {}
    for reviewer_id, rows in by_reviewer.items():
        found = reasons(rows, enterprise_id, year)
        if found:
            out[reviewer_id] = found
    return out


def has_conflict(reviewer: Any, enterprise_id: int, year: int) -> bool:
    rows = list(
        ReviewerAffiliation.objects.filter(
            reviewer_id=getattr(reviewer, "pk", None), enterprise_id=enterprise_id
        )
    )
    return bool(reasons(rows, enterprise_id, year))
