"""Annual evaluation runs (年度综合评价): a run, a result per firm, objections and the changes a
re-computation made. The scores come from the scheme engine (``jiazhou.schemes``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.core.scopes import ScopedModel
from jiazhou_web.evaluations.choices import CohortKind, ObjectionState, RunState

ENTERPRISE_SCOPE = {
    "region": ("enterprise__region__code", "enterprise__zone__code"),
    "enterprise": ("enterprise_id",),
}


class EvaluationRun(ScopedModel):
    """One scheme version applied to one cohort (zone or county) for one evaluation year."""

    scheme_code = models.CharField(_("evaluation scheme"), max_length=60)
    scheme_version = models.CharField(_("scheme version"), max_length=40)
    scheme_title = models.CharField(_("scheme title"), max_length=200)
    scheme_document = models.CharField(
        pgettext_lazy("evaluation field", "source document"), max_length=300, blank=True
    )
    eval_year = models.PositiveSmallIntegerField(_("evaluation year"))
    cohort_kind = models.CharField(_("evaluation scope"), max_length=10, choices=CohortKind.choices)
    cohort_code = models.CharField(_("scope code"), max_length=20)
    cohort_label = models.CharField(_("evaluation scope name"), max_length=100)
    # a park cohort keeps the zone's code in cohort_code (the data scope) and names the park here
    park = models.ForeignKey(
        "evaluations.Park",
        verbose_name=_("park"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="runs",
    )
    state = models.CharField(
        pgettext_lazy("evaluation field", "status"),
        max_length=12,
        choices=RunState.choices,
        default=RunState.DRAFT,
    )
    data_hash = models.CharField(
        pgettext_lazy("evaluation field", "input data hash"), max_length=64
    )
    criteria = models.JSONField(_("criteria"), default=list)
    completeness = models.JSONField(_("data completeness"), default=dict)
    unit_count = models.PositiveIntegerField(_("firms evaluated"), default=0)
    recomputed = models.PositiveSmallIntegerField(_("recomputations on review"), default=0)
    created = models.DateTimeField(pgettext_lazy("evaluation field", "run at"), auto_now_add=True)
    updated = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("evaluation field", "run by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    publicity_start = models.DateField(_("publicity start"), null=True, blank=True)
    publicity_end = models.DateField(_("publicity end"), null=True, blank=True)
    publicity_days = models.PositiveSmallIntegerField(
        _("publicity period (working days)"), null=True, blank=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    scope_paths = {"region": ("cohort_code",)}

    class Meta:
        verbose_name = _("evaluation run")
        verbose_name_plural = _("evaluation runs")
        ordering = ["-eval_year", "-created", "-id"]

    def __str__(self) -> str:
        return _("%(year)s %(scheme)s (%(cohort)s)") % {
            "year": self.eval_year,
            "scheme": self.scheme_title,
            "cohort": self.cohort_label,
        }

    def get_absolute_url(self) -> str:
        return reverse("evaluations:run_detail", args=[self.pk])

    @property
    def graded(self) -> bool:
        """Whether the scheme gives classes (亩均) or only points and ranks (积分制)."""
        return any(c.get("classes") for c in self.criteria if c.get("kind") == "outcome")

    def item_meta(self) -> list[dict[str, Any]]:
        return [c for c in self.criteria if c.get("kind") == "item"]


class EvaluationResult(ScopedModel):
    """One firm's points, rank, class and per-indicator explanation in a run."""

    run = models.ForeignKey(
        EvaluationRun,
        on_delete=models.CASCADE,
        related_name="results",
        verbose_name=_("evaluation run"),
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.CASCADE,
        related_name="evaluation_results",
        verbose_name=_("enterprise"),
    )
    total = models.FloatField(_("total score"), null=True, blank=True)
    total_min = models.FloatField(_("total score (lower bound)"), null=True, blank=True)
    total_max = models.FloatField(_("total score (upper bound)"), null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=40, blank=True)
    rank = models.PositiveIntegerField(_("rank in group"), null=True, blank=True)
    rank_stage = models.PositiveIntegerField(_("rank in stage"), null=True, blank=True)
    cohort_size = models.PositiveIntegerField(_("firms in group"), null=True, blank=True)
    cohort = models.CharField(_("evaluation group"), max_length=40, blank=True)
    stage = models.CharField(_("development stage"), max_length=20, blank=True)
    exempt = models.BooleanField(_("evaluated without grading"), default=False)
    items = models.JSONField(_("criterion details"), default=list)

    scope_paths = ENTERPRISE_SCOPE

    class Meta:
        verbose_name = _("evaluation result")
        verbose_name_plural = _("evaluation results")
        ordering = ["cohort", "rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "enterprise"], name="one_evaluation_per_firm")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.run}"

    def get_absolute_url(self) -> str:
        return reverse("evaluations:score_card", args=[self.pk])


class Objection(ScopedModel):
    """异议: a firm (or its county) contests a result during 公示; the zone decides."""

    run = models.ForeignKey(
        EvaluationRun,
        on_delete=models.CASCADE,
        related_name="objections",
        verbose_name=_("evaluation run"),
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.CASCADE,
        related_name="evaluation_objections",
        verbose_name=_("enterprise"),
    )
    reason = models.TextField(_("objection grounds"))
    evidence = models.TextField(_("evidence description"), blank=True)
    field = models.CharField(_("corrected field"), max_length=60, blank=True)
    fiscal_year = models.PositiveSmallIntegerField(_("corrected year"), null=True, blank=True)
    corrected_value = models.DecimalField(
        _("corrected value"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    state = models.CharField(
        pgettext_lazy("evaluation field", "status"),
        max_length=10,
        choices=ObjectionState.choices,
        default=ObjectionState.FILED,
    )
    decision = models.TextField(_("review opinion"), blank=True)
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(
        pgettext_lazy("evaluation field", "reviewed at"), null=True, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("evaluation field", "reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated = models.DateTimeField(_("updated at"), auto_now=True)

    scope_paths = ENTERPRISE_SCOPE

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-filed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_state_display()}"


class ResultChange(models.Model):
    """What a re-computation after an upheld objection changed for one firm."""

    objection = models.ForeignKey(
        Objection, on_delete=models.CASCADE, related_name="changes", verbose_name=_("objection")
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("enterprise"),
    )
    total_before = models.FloatField(_("total score before"), null=True)
    total_after = models.FloatField(_("total score after"), null=True)
    grade_before = models.CharField(_("grade before"), max_length=40, blank=True)
    grade_after = models.CharField(_("grade after"), max_length=40, blank=True)
    rank_before = models.PositiveIntegerField(_("rank before"), null=True)
    rank_after = models.PositiveIntegerField(_("rank after"), null=True)

    class Meta:
        verbose_name = _("review change")
        verbose_name_plural = _("review changes")
        ordering = ["objection", "id"]

    def __str__(self) -> str:
        return f"{self.enterprise}: {self.grade_before} → {self.grade_after}"


class Bank(models.Model):
    """A lending bank of 积分贷 (创新积分 loans)."""

    code = models.CharField(pgettext_lazy("evaluation field", "code"), max_length=30, unique=True)
    name = models.CharField(_("bank name"), max_length=100)

    class Meta:
        verbose_name = _("partner bank")
        verbose_name_plural = _("partner banks")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class BankMember(models.Model):
    """A user who works for a bank: sees the score cards of the firms that authorised it."""

    bank = models.ForeignKey(
        Bank, verbose_name=_("bank"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("evaluation field", "user"),
        on_delete=models.CASCADE,
        related_name="bank_membership",
    )

    class Meta:
        verbose_name = _("bank user")
        verbose_name_plural = _("bank users")

    def __str__(self) -> str:
        return f"{self.user} · {self.bank}"


class BankConsent(models.Model):
    """An enterprise's authorisation (授权) for one bank; withdrawn consents are kept."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="bank_consents",
    )
    bank = models.ForeignKey(
        Bank, verbose_name=_("bank"), on_delete=models.CASCADE, related_name="consents"
    )
    given_at = models.DateTimeField(_("consented at"), auto_now_add=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("given by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    updated = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("bank consent")
        verbose_name_plural = _("bank consents")
        ordering = ["-given_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "bank"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_consent_per_bank",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} → {self.bank}"


class Park(models.Model):
    """A park (园区) of a zone: a cohort of its own for the 亩均 evaluation (criteria.md §6.4)."""

    code = models.CharField(_("park code"), max_length=30, unique=True)
    name = models.CharField(_("park name"), max_length=100)
    zone = models.ForeignKey(
        "regions.Region",
        verbose_name=_("parent park/high-tech zone"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("park")
        verbose_name_plural = _("parks")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class ParkFirm(models.Model):
    """Which park a firm sits in (one park per firm; moving is re-assigning)."""

    enterprise = models.OneToOneField(
        "enterprises.Enterprise",
        on_delete=models.CASCADE,
        related_name="park_membership",
        verbose_name=_("enterprise"),
    )
    park = models.ForeignKey(
        Park, verbose_name=_("park of the firm"), on_delete=models.PROTECT, related_name="firms"
    )
    updated = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("park firm")
        verbose_name_plural = _("park firms")

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.park}"
