"""创新平台 registry: recognised platforms with level, host, field, dates, annual figures, and
the 三张清单 supervision items that track their creation."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.models import TimeStampedModel
from jiazhou_web.core.scopes import ScopedModel
from jiazhou_web.platforms.choices import Evaluation, Kind, Level, Status


class Platform(ScopedModel, TimeStampedModel):
    name = models.CharField(_("Platform name"), max_length=200)
    kind = models.CharField(_("Category"), max_length=24, choices=Kind.choices)
    level = models.CharField(_("Recognition level"), max_length=12, choices=Level.choices)
    host_enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("Host enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="platforms",
    )
    host_name = models.CharField(_("Host organisation"), max_length=200)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("County or district"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    field = models.CharField(_("Technology field"), max_length=60, blank=True)
    chain_segment = models.CharField(_("Chain segment"), max_length=100, blank=True)
    recognised_on = models.DateField(_("Recognised on"))
    recognised_by = models.CharField(_("Recognition document"), max_length=200, blank=True)
    evaluated_on = models.DateField(_("Last evaluated on"), null=True, blank=True)
    evaluation = models.CharField(
        _("Evaluation result"), max_length=12, choices=Evaluation.choices, blank=True
    )
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default="active")
    source = models.CharField(_("Source"), max_length=200)
    synthetic = models.BooleanField(_("Synthetic (demo) record"), default=False)
    items = models.ManyToManyField(
        "supervision.TaskItem",
        verbose_name=_("Supervision items"),
        blank=True,
        related_name="platform_records",
    )

    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {
        "region": ("region__code",),
        "enterprise": ("host_enterprise_id",),
    }
    # A recognised platform is public (认定名单 are published): every user who may open the
    # section sees it; its annual figures only those who may report or manage it.
    public_q: ClassVar[Q | None] = Q(status="active")

    class Meta:
        ordering = ("level", "kind", "name")
        verbose_name = _("Innovation platform")
        verbose_name_plural = _("Innovation platform")
        constraints = [
            models.UniqueConstraint(fields=["name", "level"], name="one_platform_per_name_level")
        ]

    def __str__(self) -> str:
        return self.name


class AnnualReport(TimeStampedModel):
    """A platform's yearly figures (年报)."""

    platform = models.ForeignKey(
        Platform,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("Innovation platform"),
    )
    year = models.PositiveSmallIntegerField(_("Reporting year"))
    rd_spending_yuan = models.DecimalField(
        _("R&D spending (yuan)"), max_digits=14, decimal_places=2
    )
    staff = models.PositiveIntegerField(_("R&D staff (persons)"))
    projects = models.PositiveIntegerField(_("Projects undertaken (count)"), default=0)
    patents = models.PositiveIntegerField(_("Invention patents granted (count)"), default=0)

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ("platform", "-year")
        constraints = [
            models.UniqueConstraint(fields=["platform", "year"], name="one_report_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.platform} {self.year}年"
