"""Indicators (指标), targets (目标), observations (观测值) and reporting batches (填报批次).

Indicators are reference data (a data migration loads ``data/indicators.csv``). Targets and the
figures published in the seed documents are loaded by the demo loader with their seed file and
quote. Officers report further values in batches (区县/高新区 → 市): only approved batches and the
published figures feed the dashboards; drafts never do.

Data scope: targets, observations and batches are scoped by region — a zone officer sees
LS-HTZ, a county officer its county, the city administrator everything. City-level (511100)
rows are therefore visible to city-wide roles only; the indicator catalogue is reference data
that every signed-in user may read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou import humanize
from jiazhou_web.core.models import TimeStampedModel
from jiazhou_web.core.scopes import ScopedModel, ScopedQuerySet
from jiazhou_web.monitoring.choices import (
    Direction,
    Frequency,
    IndicatorKind,
    PeriodBasis,
    Qualifier,
    SubmissionStatus,
)


class SourceDocument(models.Model):
    """A seed document that states targets or figures (文件/报道), with its 文号 and date."""

    file_name = models.CharField(_("seed file"), max_length=60, unique=True)
    title = models.CharField(pgettext_lazy("monitoring", "title"), max_length=200)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    date_basis = models.CharField(_("date basis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")
        ordering = ["file_name"]

    def __str__(self) -> str:
        return self.title


class Indicator(ScopedModel, TimeStampedModel):
    """One indicator of the catalogue with its 口径 (definition), unit and direction."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    position = models.PositiveIntegerField(_("catalogue position"), default=0)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=IndicatorKind.choices)
    scope = models.CharField(_("applies to"), max_length=40)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.ANNUAL
    )
    definition = models.TextField(_("definition (statistical scope)"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    responsible_department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    department_is_demo = models.BooleanField(_("department set by the demo"), default=False)

    public_q: ClassVar[Q | None] = Q(pk__isnull=False)  # reference catalogue: every user

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def scope_label(self) -> str:
        """全市 / 高新区 / 全市、高新区 (the seeds' scope codes in Chinese)."""
        labels = {"city": "全市", "high_tech_zone": "高新区"}
        return "、".join(
            labels.get(p.strip(), p.strip()) for p in self.scope.split(";") if p.strip()
        )

    @property
    def source_titles(self) -> list[str]:
        """The titles of the seed documents the catalogue entry cites."""
        from jiazhou_web.core.names import source_title

        return [source_title(f.strip()) for f in self.source.split(";") if f.strip()]

    def get_absolute_url(self) -> str:
        return reverse("monitoring:indicator_detail", args=[self.code])


def _follow(obj: Any, path: str) -> Any:
    """The value a ``QuerySet.values()`` name reads (``region__code``), from a model instance;
    None past an empty relation, as the database join gives."""
    for name in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


class Target(ScopedModel, TimeStampedModel):
    """A target for one indicator, region and year, as the source document words it."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="targets"
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=pgettext_lazy("monitoring", "region"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_year = models.PositiveSmallIntegerField(_("target year"))
    comparator = models.CharField(_("comparator"), max_length=30)
    comparator_text = models.CharField(_("wording"), max_length=60, blank=True)
    value = models.DecimalField(
        _("target value"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    base_year = models.PositiveSmallIntegerField(_("base year"), null=True, blank=True)
    base_value = models.DecimalField(
        _("base value"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    base_date = models.DateField(_("progress period starts"), null=True, blank=True)
    annual_flow = models.BooleanField(_("yearly flow"), default=False)
    parent_region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("share of region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    share_of = models.ForeignKey(
        Indicator,
        verbose_name=_("share of indicator"),
        help_text=_(
            "For a share target (e.g. the number of high-tech enterprises as a share of the "
            "city's): the level indicator whose values in the region and in the 'share of "
            "region' give the share."
        ),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source_file = models.CharField(_("seed file"), max_length=60, blank=True)
    source_quote = models.CharField(_("quote"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    synthetic = models.BooleanField(_("synthetic (demo) record"), default=False)

    scope_paths = {"region": ("region__code",)}

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator__code", "region__code", "target_year", "code"]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.region} · {self.target_year}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:indicator_detail", args=[self.indicator.code])

    def clean(self) -> None:
        """A derived share needs both halves: the parent region and the level indicator."""
        super().clean()
        if self.share_of_id is not None and self.parent_region_id is None:
            raise ValidationError(
                {
                    "parent_region": "占比目标须填写“占比所属上级地区” / a share target derived "
                    "from levels needs the region it is a share of"
                }
            )
        if self.share_of_id is not None and self.indicator.kind != "share":
            raise ValidationError(
                {
                    "share_of": "只有占比类指标的目标才能按水平值推算占比 / only a target on a "
                    "share indicator can derive its share from levels"
                }
            )
        if self.share_of_id is not None and self.share_of_id == self.indicator_id:
            raise ValidationError(
                {
                    "share_of": "占比所依指标应为水平值指标，不能是占比指标本身 / the share "
                    "must be derived from a level indicator, not from itself"
                }
            )

    #: The columns :meth:`engine_row` reads, as ``QuerySet.values()`` names them.
    ENGINE_FIELDS = (
        "code",
        "indicator__code",
        "indicator__kind",
        "region__code",
        "target_year",
        "comparator",
        "comparator_text",
        "value",
        "unit",
        "base_year",
        "base_value",
        "base_date",
        "annual_flow",
        "parent_region__code",
        "share_of__code",
    )

    @staticmethod
    def engine_row(v: Mapping[str, Any]) -> dict[str, Any]:
        """The ``targets.csv``-shaped row the target engine reads, from :attr:`ENGINE_FIELDS`
        values — so the home page can count lights without building target models."""
        return {
            "target_id": v["code"],
            "indicator": v["indicator__code"],
            "indicator_kind": v["indicator__kind"],
            "region": v["region__code"],
            "target_year": v["target_year"],
            "comparator": v["comparator"],
            "comparator_text": v["comparator_text"],
            "value": None if v["value"] is None else float(v["value"]),
            "unit": v["unit"],
            "base_year": v["base_year"],
            "base_value": None if v["base_value"] is None else float(v["base_value"]),
            "base_date": v["base_date"],
            "annual_flow": "1" if v["annual_flow"] else "",
            "parent_region": v["parent_region__code"] or "",
            "share_of": v["share_of__code"] or "",
        }

    def as_engine_row(self) -> dict[str, Any]:
        """:meth:`engine_row` of this target."""
        return self.engine_row({f: _follow(self, f) for f in self.ENGINE_FIELDS})


class ObservationQuerySet(ScopedQuerySet):
    def approved(self) -> ObservationQuerySet:
        """Values that feed dashboards: published figures and approved batches, never drafts."""
        return self.filter(
            Q(submission__isnull=True) | Q(submission__status=SubmissionStatus.APPROVED)
        )

    def shown(self, *, synthetic: bool) -> ObservationQuerySet:
        return self if synthetic else self.filter(synthetic=False)


class Submission(ScopedModel, TimeStampedModel):
    """填报批次: one region's (or one 责任单位's) values for one period, reviewed by the city.

    A county or the zone reports its own figures (``department`` empty); a responsible
    department (责任单位) reports the city figure of the indicators it owns (``department`` set,
    ``region`` the department's region, normally the city)."""

    region = models.ForeignKey(
        "regions.Region",
        verbose_name=pgettext_lazy("monitoring", "region"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("reporting department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    period = models.CharField(_("period"), max_length=40)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
    )
    return_comment = models.TextField(_("return comment"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    synthetic = models.BooleanField(_("synthetic (demo) record"), default=False)

    scope_paths = {"region": ("region__code",), "department": ("department_id",)}

    class Meta:
        verbose_name = _("reporting batch")
        verbose_name_plural = _("reporting batches")
        ordering = ["-period", "region__code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "period"],
                condition=Q(department__isnull=True),
                name="one_batch_per_region_period",
            ),
            models.UniqueConstraint(
                fields=["department", "period"],
                condition=Q(department__isnull=False),
                name="one_batch_per_department_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_label} {humanize.period_zh(self.period)}"

    @property
    def unit_label(self) -> str:
        """填报单位: the department's name, or the region's."""
        return str(self.department.name if self.department is not None else self.region)

    def get_absolute_url(self) -> str:
        return reverse("monitoring:report_detail", args=[self.pk])

    @property
    def editable(self) -> bool:
        return self.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


class Observation(ScopedModel, TimeStampedModel):
    """One value of one indicator for one region and period, with where it comes from."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="observations",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=pgettext_lazy("monitoring", "region"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    period = models.CharField(_("period"), max_length=40)
    period_basis = models.CharField(
        _("period basis"),
        max_length=10,
        choices=PeriodBasis.choices,
        default=PeriodBasis.STATED,
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    qualifier = models.CharField(
        _("qualifier"), max_length=12, choices=Qualifier.choices, blank=True, default=""
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    yoy_growth_pct = models.DecimalField(
        _("year-on-year growth %"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    other_growth_pct = models.DecimalField(
        _("other growth %"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    other_growth_basis = models.CharField(_("other growth basis"), max_length=60, blank=True)
    entity = models.CharField(_("enterprise"), max_length=100, blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    fact_code = models.CharField(_("fact id"), max_length=20, blank=True)
    source_file = models.CharField(_("seed file"), max_length=60, blank=True)
    source_quote = models.CharField(_("quote"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    submission = models.ForeignKey(
        Submission,
        verbose_name=_("reporting batch"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="observations",
    )
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    synthetic = models.BooleanField(_("synthetic (demo) record"), default=False)

    objects = ObservationQuerySet.as_manager()  # type: ignore[misc]
    scope_paths = {"region": ("region__code",)}

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["indicator__code", "region__code", "period", "id"]
        indexes = [
            # 填报校验: last year's values of a region and period (validation.previous_values)
            models.Index(
                fields=["region", "period", "indicator"], name="obs_region_period_indicator"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator"], name="one_value_per_batch_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.region} · {humanize.period_zh(self.period)}"

    @property
    def needs_explanation(self) -> bool:
        return bool(self.warnings) and not self.explanation.strip()

    @property
    def display_value(self) -> str:
        text = humanize.number(self.value)
        return f"{text}余" if self.qualifier == Qualifier.MORE_THAN else text

    #: The columns :meth:`engine_row` reads, as ``QuerySet.values()`` names them.
    ENGINE_FIELDS = (
        "pk",
        "fact_code",
        "indicator__code",
        "region__code",
        "period",
        "period_basis",
        "value",
        "qualifier",
        "unit",
        "other_growth_pct",
        "other_growth_basis",
        "reported_on",
    )

    @staticmethod
    def engine_row(v: Mapping[str, Any]) -> dict[str, Any]:
        """The ``observations.csv``-shaped row the target engine reads, from
        :attr:`ENGINE_FIELDS` values — so a dashboard can evaluate without building models."""
        return {
            "obs_id": v["fact_code"] or f"obs-{v['pk']}",
            "indicator": v["indicator__code"],
            "region": v["region__code"],
            "period": v["period"],
            "period_basis": v["period_basis"],
            "value": float(v["value"]),
            "qualifier": v["qualifier"],
            "unit": v["unit"],
            "other_growth_pct": v["other_growth_pct"],
            "other_growth_basis": v["other_growth_basis"],
            "reported_on": v["reported_on"],
        }

    def as_engine_row(self) -> dict[str, Any]:
        """:meth:`engine_row` of this observation."""
        return self.engine_row({f: _follow(self, f) for f in self.ENGINE_FIELDS})
