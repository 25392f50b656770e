"""Stored scoring runs: one row per run, a summary row per enterprise, an explanation row per
enterprise × criterion (every gate and item, design.md §4).

A run is identified by scheme code, scheme version, evaluation year and the hash of its input
data, so scoring the same data again reuses the stored run instead of duplicating it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.core.scopes import ScopedModel
from jiazhou_web.enterprises.choices import Programme
from jiazhou_web.scoring.choices import (
    AffiliationKind,
    CriterionKind,
    CriterionStatus,
    UnitStatus,
)

ENTERPRISE_SCOPE = {
    "region": ("enterprise__region__code", "enterprise__zone__code"),
    "enterprise": ("enterprise_id",),
}


class ScoringRun(ScopedModel):
    """One scheme applied to one set of enterprises for one evaluation year."""

    scheme_code = models.CharField(_("scheme"), max_length=40)
    scheme_version = models.CharField(_("scheme version"), max_length=40)
    scheme_title = models.CharField(_("scheme title"), max_length=200)
    scheme_document = models.CharField(_("issuing document"), max_length=200, blank=True)
    programme = models.CharField(
        pgettext_lazy("scoring", "programme"), max_length=20, choices=Programme.choices
    )
    eval_year = models.PositiveSmallIntegerField(_("evaluation year"))
    data_hash = models.CharField(_("input data hash"), max_length=64)
    scope_label = models.CharField(_("enterprises scored"), max_length=200, blank=True)
    criteria = models.JSONField(_("criteria"), default=list)  # labels, citations, units, max
    unit_count = models.PositiveIntegerField(pgettext_lazy("scoring", "enterprises"), default=0)
    pass_count = models.PositiveIntegerField(_("qualifying"), default=0)
    seconds = models.FloatField(_("seconds"), default=0)
    created = models.DateTimeField(_("run at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_paths = {
        "region": ("units__enterprise__region__code", "units__enterprise__zone__code"),
        "enterprise": ("units__enterprise_id",),
    }

    class Meta:
        verbose_name = _("scoring run")
        verbose_name_plural = _("scoring runs")
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme_code", "scheme_version", "eval_year", "data_hash"],
                name="one_run_per_scheme_version_year_data",
            )
        ]

    def __str__(self) -> str:
        from jiazhou_web.core.names import scheme_label

        return f"{scheme_label(self.scheme_code)} · {self.eval_year}年"

    def get_absolute_url(self) -> str:
        return reverse("scoring:run_detail", args=[self.pk])

    def criterion_meta(self) -> dict[str, dict[str, Any]]:
        return {c["criterion"]: c for c in self.criteria}

    @property
    def scored(self) -> bool:
        """Whether the scheme awards points (高企, 科小 …) or only checks conditions (瞪羚,
        独角兽 …, whose total of 0 means nothing to a reader)."""
        return any(c.get("kind") == "item" for c in self.criteria)


class UnitResult(ScopedModel):
    """One enterprise's outcome in a run; ``current`` marks the result the pools use."""

    run = models.ForeignKey(
        ScoringRun, on_delete=models.CASCADE, related_name="units", verbose_name=_("scoring run")
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.CASCADE,
        related_name="scoring_results",
        verbose_name=_("enterprise"),
    )
    programme = models.CharField(
        pgettext_lazy("scoring", "programme"), max_length=20, choices=Programme.choices
    )
    eval_year = models.PositiveSmallIntegerField(_("evaluation year"))
    status = models.CharField(_("result"), max_length=10, choices=UnitStatus.choices)
    total = models.FloatField(_("score"), null=True, blank=True)
    total_min = models.FloatField(_("score (lower bound)"), null=True, blank=True)
    total_max = models.FloatField(_("score (upper bound)"), null=True, blank=True)
    grade = models.CharField(_("class"), max_length=20, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    n_unmet = models.PositiveSmallIntegerField(_("conditions unmet"), default=0)
    n_unknown = models.PositiveSmallIntegerField(_("data missing"), default=0)
    n_review = models.PositiveSmallIntegerField(_("for review"), default=0)
    gap_score = models.FloatField(_("relative gap"), default=0)
    route_met = models.BooleanField(_("direct route met"), default=False)
    current = models.BooleanField(_("current"), default=True, db_index=True)

    scope_paths = ENTERPRISE_SCOPE

    class Meta:
        verbose_name = _("scoring result")
        verbose_name_plural = _("scoring results")
        ordering = ["n_unmet", "n_unknown", "gap_score", "-total_min", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "enterprise"], name="one_result_per_run_firm")
        ]
        indexes = [models.Index(fields=["programme", "current", "status"])]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.run}"

    def get_absolute_url(self) -> str:
        """The enterprise's 一企一策 page, where every programme's result is explained."""
        return reverse("pools:enterprise_plan", args=[self.enterprise_id])

    @property
    def score_display(self) -> str:
        """The exact score, or the interval [min, max] for expert-judged items."""
        if self.total is not None:
            return f"{self.total:g}"
        if self.total_min is None:
            return ""
        return f"{self.total_min:g}–{self.total_max:g}"


class CriterionResult(models.Model):
    """One gate, route or item for one enterprise: value, requirement, points, gap, status."""

    unit = models.ForeignKey(
        UnitResult,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("scoring result"),
    )
    criterion = models.CharField(_("criterion"), max_length=60)
    kind = models.CharField(_("kind"), max_length=10, choices=CriterionKind.choices)
    status = models.CharField(_("status"), max_length=20, choices=CriterionStatus.choices)
    value = models.FloatField(pgettext_lazy("scoring", "value"), null=True, blank=True)
    requirement = models.FloatField(_("requirement"), null=True, blank=True)
    gap = models.FloatField(_("gap"), null=True, blank=True)
    rel_gap = models.FloatField(_("relative gap"), null=True, blank=True)
    points_min = models.FloatField(_("points (min)"), null=True, blank=True)
    points_max = models.FloatField(_("points (max)"), null=True, blank=True)
    boundary = models.BooleanField(_("boundary case"), default=False)

    class Meta:
        verbose_name = _("criterion result")
        verbose_name_plural = _("criterion results")
        ordering = ["unit", "id"]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.status}"


class ReviewerAffiliation(models.Model):
    """A firm a reviewer has declared a link with (employer, adviser, shareholder, relative...):
    the reviewer must withdraw (回避) from that firm's expert review."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="reviewer_affiliations",
    )
    kind = models.CharField(
        _("kind of link"),
        max_length=20,
        choices=AffiliationKind.choices,
        default=AffiliationKind.OTHER,
    )
    # past employer: the last year worked there (a tie older than the look-back is no conflict)
    until_year = models.PositiveSmallIntegerField(_("until (year)"), null=True, blank=True)
    relation = models.CharField(_("relation"), max_length=100)
    declared_at = models.DateTimeField(_("declared at"))

    class Meta:
        verbose_name = _("reviewer affiliation")
        verbose_name_plural = _("reviewer affiliations")
        ordering = ["reviewer", "enterprise", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer", "enterprise", "kind"],
                name="one_affiliation_per_reviewer_firm_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} · {self.enterprise} · {self.relation}"


class ExpertReview(models.Model):
    """The expert judgement that completed one ``review`` result: who, when, what was decided
    (criterion → points, or met/unmet for a gate) and the status it settled to."""

    unit = models.OneToOneField(
        UnitResult,
        on_delete=models.CASCADE,
        related_name="expert_review",
        verbose_name=_("scoring result"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decisions = models.JSONField(_("decisions"), default=dict)
    status_before = models.CharField(_("result before"), max_length=10, choices=UnitStatus.choices)
    status_after = models.CharField(_("result after"), max_length=10, choices=UnitStatus.choices)
    comment = models.TextField(_("comment"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("expert review")
        verbose_name_plural = _("expert reviews")
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.reviewer}"


class ReviewAssignment(models.Model):
    """A reviewer the city assigned to one result awaiting expert review (never a reviewer
    with a conflict of interest for the firm, see :mod:`jiazhou_web.scoring.conflicts`)."""

    unit = models.ForeignKey(
        UnitResult, verbose_name=_("result"), on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="review_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned at"))

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        ordering = ["unit", "assigned_at"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "reviewer"], name="one_assignment_per_reviewer")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.reviewer}"
