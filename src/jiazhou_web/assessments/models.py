"""County assessment rounds and reports; the 高新区 self-assessment's national averages and
expert scores. Scores come from the pure engine ``jiazhou.assessments``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from jiazhou_web.assessments.choices import ReportState, RoundState
from jiazhou_web.core.models import TimeStampedModel
from jiazhou_web.core.scopes import ScopedModel


class AssessmentRound(TimeStampedModel):
    """One year's county assessment under one scheme version (city-wide)."""

    scheme_code = models.CharField(_("Assessment scheme"), max_length=60)
    scheme_version = models.CharField(_("Scheme version"), max_length=20)
    year = models.PositiveSmallIntegerField(_("Assessment year"))
    state = models.CharField(
        _("Status"), max_length=12, choices=RoundState.choices, default=RoundState.COLLECTING
    )
    weights = models.JSONField(_("Class weights"), default=dict)  # class code → indicator → weight
    publicity_start = models.DateField(_("Publicity starts"), null=True, blank=True)
    publicity_end = models.DateField(_("Publicity ends"), null=True, blank=True)
    published_at = models.DateTimeField(_("Published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("County assessment")
        verbose_name_plural = _("County assessment")
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme_code", "year"], name="assessment_round_once")
        ]

    def __str__(self) -> str:
        return gettext("%(year)s county (city, district) innovation assessment") % {
            "year": self.year
        }

    def get_absolute_url(self) -> str:
        return reverse("assessments:round_detail", args=[self.pk])


class CountyReport(ScopedModel, TimeStampedModel):
    """One county's (or the zone's) part of a round: values read from approved monitoring
    observations, its self-report (evidence per item), the city's review and the score."""

    round = models.ForeignKey(
        AssessmentRound,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("County assessment"),
    )
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    class_code = models.CharField(pgettext_lazy("assessments", "Class"), max_length=30)
    class_name = models.CharField(_("Class name"), max_length=60)
    values = models.JSONField(_("Indicator values"), default=dict)  # indicator → "1.23" | None
    sources = models.JSONField(_("Data sources"), default=dict)  # indicator → text
    evidence = models.JSONField(_("Evidence notes"), default=dict)  # indicator → text
    state = models.CharField(
        _("Status"), max_length=12, choices=ReportState.choices, default=ReportState.DRAFT
    )
    review_comment = models.TextField(_("Review comment"), blank=True)
    items = models.JSONField(_("Score breakdown"), default=list)
    total = models.DecimalField(
        pgettext_lazy("assessments", "Total score"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
    )
    rank = models.PositiveSmallIntegerField(_("City rank"), null=True, blank=True)
    class_rank = models.PositiveSmallIntegerField(_("Rank in class"), null=True, blank=True)
    submitted_at = models.DateTimeField(
        pgettext_lazy("assessments", "Submitted at"), null=True, blank=True
    )
    reviewed_at = models.DateTimeField(_("Reviewed at"), null=True, blank=True)

    scope_paths = {"region": ("region__code",)}

    class Meta:
        verbose_name = _("County self-assessment")
        verbose_name_plural = _("County self-assessment")
        ordering = ["round", "region__code"]
        constraints = [
            models.UniqueConstraint(fields=["round", "region"], name="assessment_report_once")
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.region.name}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:report_detail", args=[self.pk])


class EvidenceFile(ScopedModel):
    """A file a county attaches to one item of its self-report (佐证材料)."""

    report = models.ForeignKey(
        CountyReport,
        verbose_name=_("Self-assessment"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    indicator_code = models.CharField(pgettext_lazy("assessments", "Indicator"), max_length=60)
    file = models.FileField(_("Evidence file"), upload_to="assessments/evidence/%Y/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created = models.DateTimeField(_("Uploaded at"), auto_now_add=True)

    scope_paths = {"region": ("report__region__code",)}

    class Meta:
        verbose_name = _("Evidence file")
        verbose_name_plural = _("Evidence file")
        ordering = ["report", "indicator_code", "id"]

    def __str__(self) -> str:
        return str(self.file.name or "").rsplit("/", 1)[-1]

    def get_absolute_url(self) -> str:
        return reverse("assessments:evidence_file", args=[self.pk])


class ZoneBenchmark(TimeStampedModel):
    """A published national average of one 106号 sub-indicator (火炬 yearbook), with its source."""

    scheme_code = models.CharField(_("Evaluation scheme"), max_length=60)
    sub_code = models.CharField(_("Indicator number"), max_length=10)
    average = models.DecimalField(_("National average"), max_digits=20, decimal_places=4)
    year = models.PositiveSmallIntegerField(_("Data year"))
    source = models.CharField(_("Source"), max_length=200)
    synthetic = models.BooleanField(_("Illustrative data"), default=False)

    class Meta:
        verbose_name = _("National average")
        verbose_name_plural = _("National average")
        constraints = [
            models.UniqueConstraint(fields=["scheme_code", "sub_code"], name="zone_benchmark_once")
        ]

    def __str__(self) -> str:
        return gettext("%(code)s national average") % {"code": self.sub_code}


class ZoneManualScore(TimeStampedModel):
    """An expert's 0–1 score of a qualitative item (``manual_review``)."""

    scheme_code = models.CharField(_("Evaluation scheme"), max_length=60)
    item_code = models.CharField(_("Qualitative item"), max_length=10)
    score = models.DecimalField(_("Expert score (0–1)"), max_digits=4, decimal_places=2)
    note = models.CharField(_("Scoring note"), max_length=300)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("scored by"),
    )

    class Meta:
        verbose_name = _("Qualitative item score")
        verbose_name_plural = _("Qualitative item score")
        constraints = [
            models.UniqueConstraint(fields=["scheme_code", "item_code"], name="zone_manual_once")
        ]

    def __str__(self) -> str:
        return gettext("%(code)s expert score") % {"code": self.item_code}
