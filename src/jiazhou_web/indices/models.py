"""The composite innovation index (综合科技创新水平指数): definitions, stored runs and their
uncertainty analyses.

A definition names a framework preset of ``jiazhou.index`` (its version is the hash of the preset
file) and the target the city is measured against (e.g. T017: >60 % by 2025). A run is one year
computed from approved monitoring observations; it is identified by definition, year, framework
version and the hash of its input table, so recomputing unchanged inputs reuses the stored run.

Data scope: every government role sees every region's values (a comparison product:
``index.view`` in ``core.access``); querysets still go through ``for_user`` so other users see nothing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou.index.presets import PRESETS
from jiazhou_web.core.access import can
from jiazhou_web.core.models import TimeStampedModel
from jiazhou_web.core.scopes import ScopedModel, ScopedQuerySet
from jiazhou_web.indices.choices import SobolOutput


class IndexQuerySet(ScopedQuerySet):
    def for_user(self, user: Any) -> IndexQuerySet:
        """All rows for a government role, none otherwise (the index compares all regions)."""
        return self.all() if can(user, "index.view") else self.none()


class IndexModel(ScopedModel):
    objects = IndexQuerySet.as_manager()  # type: ignore[misc]  # the narrower for_user above

    class Meta:
        abstract = True


class IndexDefinition(IndexModel, TimeStampedModel):
    """Which framework is computed and which target the focus region is measured against."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=120)
    preset = models.CharField(
        _("framework preset"), max_length=40, choices=[(k, v) for k, v in PRESETS.items()]
    )
    framework_version = models.CharField(_("framework version"), max_length=20)
    focus_region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("focus region"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    target_wording = models.CharField(_("target wording"), max_length=60, blank=True)
    target_source = models.CharField(_("target source"), max_length=200, blank=True)
    reported_value = models.DecimalField(
        _("published value"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    reported_source = models.CharField(_("published value source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("index definition")
        verbose_name_plural = _("index definitions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title


class IndexRun(IndexModel):
    """One year of the index computed from approved observations."""

    definition = models.ForeignKey(
        IndexDefinition, verbose_name=_("index"), on_delete=models.CASCADE, related_name="runs"
    )
    year = models.PositiveSmallIntegerField(pgettext_lazy("indices", "year"))
    framework_version = models.CharField(_("framework version"), max_length=20)
    data_hash = models.CharField(pgettext_lazy("indices", "input data hash"), max_length=64)
    synthetic = models.BooleanField(_("built from synthetic (demo) values"), default=False)
    tree = models.JSONField(_("indicator tree"), default=list)
    missing = models.JSONField(_("missing indicators by region"), default=dict)
    regions_without_data = models.JSONField(_("regions without data"), default=list)
    observations = models.PositiveIntegerField(_("observations used"), default=0)
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("computed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("index run")
        verbose_name_plural = _("index runs")
        ordering = ["-year", "-computed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["definition", "year", "framework_version", "data_hash"],
                name="one_index_run_per_year_version_data",
            )
        ]

    def __str__(self) -> str:
        return f"{self.definition} · {self.year}"


class IndexScore(IndexModel):
    """Score and rank of one region at one node of the tree (indicator, block or index)."""

    run = models.ForeignKey(
        IndexRun, on_delete=models.CASCADE, related_name="scores", verbose_name=_("index run")
    )
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    node = models.CharField(_("node"), max_length=60)
    level = models.PositiveSmallIntegerField(_("level"))
    score = models.FloatField(_("score"), null=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True)

    class Meta:
        verbose_name = _("index score")
        verbose_name_plural = _("index scores")
        ordering = ["run", "level", "node", "region__code"]
        constraints = [
            models.UniqueConstraint(fields=["run", "region", "node"], name="one_score_per_node")
        ]


class GapContribution(IndexModel):
    """What one indicator adds to a region's index if it reached its 标准值 (gap to target)."""

    run = models.ForeignKey(
        IndexRun,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("index run"),
    )
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    indicator = models.CharField(_("indicator"), max_length=60)
    indicator_name = models.CharField(_("indicator name"), max_length=120)
    parent = models.CharField(_("block"), max_length=60)
    effective_weight = models.FloatField(_("effective weight"))
    value = models.FloatField(_("value"), null=True)
    reference = models.FloatField(_("standard value"), null=True)
    headroom = models.FloatField(_("headroom"), null=True)
    score = models.FloatField(_("score"), null=True)
    gain = models.FloatField(_("points gained"), null=True)
    cumulative = models.FloatField(_("index if lifted together"), null=True)
    reaches_target = models.BooleanField(_("reaches the target"), default=False)

    class Meta:
        verbose_name = _("gap contribution")
        verbose_name_plural = _("gap contributions")
        ordering = ["run", "region__code", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "region", "indicator"], name="one_contribution_per_indicator"
            )
        ]


class UncertaintyResult(IndexModel):
    """A Monte Carlo/Saltelli uncertainty analysis of one run (weights and aggregation)."""

    run = models.ForeignKey(
        IndexRun,
        on_delete=models.CASCADE,
        related_name="uncertainties",
        verbose_name=_("index run"),
    )
    n = models.PositiveIntegerField(_("base sample size"))
    seed = models.PositiveIntegerField(_("seed"))
    replications = models.PositiveIntegerField(_("replications"))
    factors = models.JSONField(_("uncertain choices"), default=list)
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("computed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("uncertainty analysis")
        verbose_name_plural = _("uncertainty analyses")
        ordering = ["-computed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "n", "seed"], name="one_analysis_per_design")
        ]

    def __str__(self) -> str:
        return f"{self.run} · N={self.n}"


class RankBand(IndexModel):
    """A region's rank across the replications: median and the 5th–95th percentile band."""

    analysis = models.ForeignKey(
        UncertaintyResult,
        on_delete=models.CASCADE,
        related_name="bands",
        verbose_name=_("uncertainty analysis"),
    )
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    nominal_score = models.FloatField(_("nominal score"), null=True)
    nominal_rank = models.FloatField(_("nominal rank"), null=True)
    median_rank = models.FloatField(_("median rank"), null=True)
    rank_lo = models.FloatField(_("rank, 5th percentile"), null=True)
    rank_hi = models.FloatField(_("rank, 95th percentile"), null=True)
    score_lo = models.FloatField(_("score, 5th percentile"), null=True)
    score_hi = models.FloatField(_("score, 95th percentile"), null=True)

    class Meta:
        verbose_name = _("rank band")
        verbose_name_plural = _("rank bands")
        ordering = ["analysis", "nominal_rank", "region__code"]


class SobolIndex(IndexModel):
    """First-order (S) and total (ST) Sobol index of one uncertain choice for one output."""

    analysis = models.ForeignKey(
        UncertaintyResult,
        on_delete=models.CASCADE,
        related_name="sobol",
        verbose_name=_("uncertainty analysis"),
    )
    output = models.CharField(_("output"), max_length=24, choices=SobolOutput.choices)
    region = models.ForeignKey(
        "regions.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
    )
    factor = models.CharField(_("uncertain choice"), max_length=80)
    first_order = models.FloatField(_("first-order index S"), null=True)
    total = models.FloatField(_("total index ST"), null=True)
    first_order_lo = models.FloatField(null=True, verbose_name=_("first-order index, lower bound"))
    first_order_hi = models.FloatField(null=True, verbose_name=_("first-order index, upper bound"))
    total_lo = models.FloatField(null=True, verbose_name=_("total-effect index, lower bound"))
    total_hi = models.FloatField(null=True, verbose_name=_("total-effect index, upper bound"))

    class Meta:
        verbose_name = _("Sobol index")
        verbose_name_plural = _("Sobol indices")
        ordering = ["analysis", "output", "region__code", "factor"]
