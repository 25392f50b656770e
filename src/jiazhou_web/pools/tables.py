"""Columns of the near-eligible list, the pool membership list and the dashboard's expiring
certificates."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou.humanize import percent_of_ratio
from jiazhou_web.core.tables import Column, Table
from jiazhou_web.pools.gaps import describe, score_shortfall

MAX_GAPS = 3


def gaps(result: Any) -> str:
    """What the firm lacks: unmet conditions, smallest relative gap first, then missing data.

    A firm that fails with every condition met fails on its score (or has no route left):
    that is said first, with the best score it can reach.
    """
    meta = result.run.criterion_meta()
    rows = [c for c in result.unmet_or_unknown if c.criterion in meta]
    rows.sort(key=lambda c: (c.status != "unmet", c.rel_gap is None, c.rel_gap or 0.0))
    texts = [describe(meta[c.criterion], c.status, c.gap) for c in rows[:MAX_GAPS]]
    if result.status == "fail" and result.n_unmet == 0:
        texts.insert(0, score_shortfall(result.total_max))
    if len(rows) > MAX_GAPS:
        texts.append(f"等 {len(rows)} 项")
    return "；".join(texts)


class NearEligibleTable(Table):
    columns = (
        Column("position", _("No."), "position", numeric=True),
        Column("enterprise", _("Enterprise"), "enterprise.name", link=True),
        Column("region", _("District/county"), "enterprise.region.name"),
        Column("zone", _("Functional zone"), "enterprise.zone.name", default=False),
        Column("industry", _("Industry"), "enterprise.industry.name", default=False),
        Column("size", _("Size class"), "enterprise.get_size_class_display", default=False),
        Column("status", _("Result"), "get_status_display"),
        Column("gaps", _("What is missing"), gaps),
        Column("n_unmet", _("Conditions unmet"), numeric=True),
        Column("n_unknown", _("Data missing"), numeric=True),
        Column(
            "gap_score", _("Relative gap"), lambda r: percent_of_ratio(r.gap_score), numeric=True
        ),
        Column("score", _("Score"), "score_display", numeric=True),
        Column(
            "scheme", _("Scheme"), lambda r: f"{r.run.scheme_code} · {r.eval_year}", default=False
        ),
        Column("synthetic", _("Synthetic"), "enterprise.synthetic", default=False),
    )


class MembershipTable(Table):
    columns = (
        Column("enterprise", _("Enterprise"), "enterprise.name", link=True),
        Column("region", _("District/county"), "enterprise.region.name"),
        Column("programme", pgettext_lazy("pools", "Programme"), "get_programme_display"),
        Column("status", _("Status"), "get_status_display"),
        Column("started_on", _("Since")),
        Column("ended_on", _("Until")),
        Column("certificate_number", _("Certificate number")),
        Column("valid_to", _("Valid to")),
        Column("reason", pgettext_lazy("pools", "Basis"), default=False),
    )


class ExpiringTable(Table):
    """The pool dashboard's certificates ending within six months; each links to the firm's
    一企一策 plan (written by ``Table.row_html``: the 100 rows were a template node per cell)."""

    columns = (
        Column("enterprise", _("Enterprise"), link=True),
        Column("region", _("Region"), "enterprise.region"),
        Column("programme", pgettext_lazy("pools", "Programme"), "get_programme_display"),
        Column("number", _("Certificate number")),
        Column("valid_to", _("Valid to")),
    )

    def url(self, obj: Any) -> str:
        return reverse("pools:enterprise_plan", args=[obj.enterprise_id])
