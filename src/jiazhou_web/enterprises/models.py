"""一企一档: the enterprise master record, its annual figures, IP assets and certificates.

Annual figures are one row per enterprise, fiscal year and canonical field of
``jiazhou/fields.toml`` (criteria.md §8), each with its source and as-of date. Money is in 元.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.core.models import TimeStampedModel
from jiazhou_web.core.scopes import ScopedModel, ScopedQuerySet
from jiazhou_web.enterprises.choices import (
    FigureSource,
    IncidentKind,
    IPClass,
    IPKind,
    LifecycleStage,
    Programme,
    SizeClass,
    TechField,
)


class Industry(models.Model):
    """GB/T 4754-2017 国民经济行业分类: 门类 (letter), 大类, 中类, 小类."""

    code = models.CharField(_("code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.PositiveSmallIntegerField(_("level"))
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent industry"),
    )

    class Meta:
        verbose_name = _("industry")
        verbose_name_plural = _("industries")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Enterprise(ScopedModel, TimeStampedModel):
    # Null only for real enterprises named in the seeds, whose code the seeds do not state.
    uscc = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, null=True, blank=True
    )
    name = models.CharField(_("name"), max_length=200)
    registration_date = models.DateField(_("registration date"), null=True, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("district/county"),
        on_delete=models.PROTECT,
        related_name="enterprises",
    )
    zone = models.ForeignKey(
        "regions.Region",
        verbose_name=_("functional zone"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="zone_enterprises",
        limit_choices_to={"kind": "zone"},
    )
    industry = models.ForeignKey(
        Industry, verbose_name=_("industry"), on_delete=models.PROTECT, related_name="enterprises"
    )
    tech_field = models.CharField(
        _("technology field"), max_length=30, choices=TechField.choices, blank=True
    )
    size_class = models.CharField(
        _("size class"), max_length=10, choices=SizeClass.choices, blank=True
    )
    lifecycle_stage = models.CharField(
        _("lifecycle stage"), max_length=10, choices=LifecycleStage.choices, blank=True
    )
    strategic_emerging = models.BooleanField(_("strategic emerging industry"), default=False)
    key_chain_role = models.CharField(_("key industry-chain role"), max_length=30, blank=True)
    resident_enterprise_cn = models.BooleanField(_("resident enterprise in China"), default=True)
    tax_collection_method = models.CharField(_("tax collection method"), max_length=20, blank=True)
    listed_status = models.CharField(_("listing status"), max_length=20, blank=True)
    above_scale_industrial = models.BooleanField(
        _("above-scale industrial enterprise"), default=False
    )
    segment_start_date = models.DateField(_("market segment entered on"), null=True, blank=True)
    synthetic = models.BooleanField(_("synthetic (demo) record"), default=False)
    source_note = models.TextField(
        _("source of the public facts"),
        blank=True,
        help_text=_("For real enterprises: the seed file and quote each stated fact comes from."),
    )

    scope_paths = {"region": ("region__code", "zone__code"), "enterprise": ("id",)}

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprises:enterprise_detail", args=[self.pk])


class EnterpriseFigure(ScopedModel):
    """One value of one canonical annual field for one fiscal year, with provenance."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="figures", verbose_name=_("enterprise")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    field = models.CharField(_("field"), max_length=40)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True, blank=True)
    text_value = models.CharField(_("text value"), max_length=60, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=FigureSource.choices)
    as_of = models.DateField(_("as of"))

    scope_paths = {
        "region": ("enterprise__region__code", "enterprise__zone__code"),
        "enterprise": ("enterprise_id",),
    }

    class Meta:
        verbose_name = _("annual figure")
        verbose_name_plural = _("annual figures")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "fiscal_year", "field"], name="one_figure_per_field_year"
            ),
        ]
        indexes = [models.Index(fields=["fiscal_year", "field"])]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.fiscal_year} {self.field}"


class IPAsset(ScopedModel):
    """A patent, software copyright or other IP right held by the enterprise."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="ip_assets", verbose_name=_("enterprise")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=IPKind.choices)
    ip_class = models.CharField(_("HNTE class"), max_length=2, choices=IPClass.choices)
    number = models.CharField(_("number"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    granted_on = models.DateField(_("granted on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    self_developed = models.BooleanField(_("self-developed"), default=True)

    scope_paths = {
        "region": ("enterprise__region__code", "enterprise__zone__code"),
        "enterprise": ("enterprise_id",),
    }

    class Meta:
        verbose_name = _("IP asset")
        verbose_name_plural = _("IP assets")
        constraints = [models.UniqueConstraint(fields=["kind", "number"], name="unique_ip_number")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class CertificateQuerySet(ScopedQuerySet):
    def valid_on(self, day: object = None) -> CertificateQuerySet:
        on = day or timezone.localdate()
        return self.filter(
            Q(valid_from__lte=on),
            Q(valid_to__isnull=True) | Q(valid_to__gte=on),
            revoked_on__isnull=True,
        )


class Certificate(ScopedModel, TimeStampedModel):
    """A recognition (高企证书, 科小入库编号, 专精特新 ...) with its validity dates."""

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("enterprise"),
    )
    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices)
    number = models.CharField(_("certificate number"), max_length=60)
    issuer = models.CharField(_("issuer"), max_length=100, blank=True)
    valid_from = models.DateField(pgettext_lazy("enterprises", "valid from"))
    valid_to = models.DateField(pgettext_lazy("enterprises", "valid to"), null=True, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    synthetic = models.BooleanField(_("synthetic (demo) record"), default=False)

    objects = CertificateQuerySet.as_manager()  # type: ignore[misc]
    scope_paths = {
        "region": ("enterprise__region__code", "enterprise__zone__code"),
        "enterprise": ("enterprise_id",),
    }

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="unique_certificate_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_programme_display()} {self.number}"


class Incident(ScopedModel, TimeStampedModel):
    """A dated compliance event (重大安全/重大质量事故, 严重环境违法, 科研严重失信 …).

    The schemes judge incidents in windows counted from the application date (32号 第十一条(八):
    the 365 days before; 115号 第六条(四): last year and the application year), so each event
    keeps its date, not a yearly yes/no flag.
    """

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="incidents", verbose_name=_("enterprise")
    )
    occurred_on = models.DateField(_("occurred on"))
    kind = models.CharField(_("kind"), max_length=30, choices=IncidentKind.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=FigureSource.choices)

    scope_paths = {
        "region": ("enterprise__region__code", "enterprise__zone__code"),
        "enterprise": ("enterprise_id",),
    }

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-occurred_on", "id"]
        indexes = [models.Index(fields=["enterprise", "occurred_on"])]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.occurred_on} {self.get_kind_display()}"
