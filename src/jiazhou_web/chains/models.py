"""Chains, their segments and what is attached to each segment (with source and verified date).

Chains are city-wide reference data (no data scope: the verb decides who sees them); enterprises
attached to a segment are shown only within the user's scope. Other apps' records (成果, 需求,
合同, 诉求 — built in parallel) are attached by generic reference (``ref_app``, ``ref_id``) and
a label, so this app imports none of them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.chains.choices import (
    AttachmentKind,
    AttachmentState,
    NeedState,
    PlatformLevel,
    Position,
    SegmentStatusChoice,
    Stage,
)
from jiazhou_web.core.models import TimeStampedModel


class Chain(TimeStampedModel):
    code = models.SlugField(pgettext_lazy("chains", "Code"), max_length=40, unique=True)
    name = models.CharField(_("Industrial chain"), max_length=100)
    data_version = models.CharField(_("Data version"), max_length=20)
    chain_leader = models.CharField(_("Chain leader"), max_length=100, blank=True)
    lead_department = models.CharField(_("Lead department"), max_length=100, blank=True)
    host_areas = models.JSONField(_("Host areas"), default=list, blank=True)
    chain_masters = models.JSONField(_("Chain master firms"), default=list, blank=True)
    source = models.TextField(_("Source"), blank=True)

    class Meta:
        verbose_name = _("Industrial chain")
        verbose_name_plural = _("Industrial chain")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("chains:detail", args=[self.code])


class Segment(models.Model):
    chain = models.ForeignKey(
        Chain, verbose_name=_("Industrial chain"), on_delete=models.CASCADE, related_name="segments"
    )
    code = models.SlugField(pgettext_lazy("chains", "Code"), max_length=40)
    name = models.CharField(_("Segment"), max_length=100)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("parent segment"),
    )
    position = models.CharField(_("Position"), max_length=12, choices=Position.choices)
    order = models.PositiveSmallIntegerField(pgettext_lazy("chains", "Order"), default=0)
    industry_codes = models.JSONField(_("Industry codes (GB/T 4754)"), default=list, blank=True)
    product_keywords = models.JSONField(_("Product keywords"), default=list, blank=True)
    tech_keywords = models.JSONField(_("Technology keywords"), default=list, blank=True)
    note = models.TextField(pgettext_lazy("chains", "Note"), blank=True)

    class Meta:
        verbose_name = _("Chain segment")
        verbose_name_plural = _("Chain segment")
        ordering = ["chain", "order"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "code"], name="chain_segment_code_once")
        ]

    def __str__(self) -> str:
        return f"{self.chain.name} · {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("chains:segment", args=[self.chain.code, self.code])


class Attachment(TimeStampedModel):
    segment = models.ForeignKey(
        Segment, verbose_name=_("Segment"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(
        pgettext_lazy("chains", "Kind"), max_length=12, choices=AttachmentKind.choices
    )
    state = models.CharField(
        _("Status"),
        max_length=10,
        choices=AttachmentState.choices,
        default=AttachmentState.CONFIRMED,
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="chain_attachments",
        verbose_name=_("enterprise"),
    )
    supervision_item = models.ForeignKey(
        "supervision.TaskItem",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="chain_attachments",
        verbose_name=_("supervised item"),
    )
    ref_app = models.CharField(_("Linked record type"), max_length=40, blank=True)
    ref_id = models.CharField(_("Linked record number"), max_length=40, blank=True)
    label = models.CharField(_("Name"), max_length=200)
    stage = models.CharField(
        pgettext_lazy("chains", "Stage"), max_length=20, choices=Stage.choices, blank=True
    )
    level = models.CharField(
        _("Platform level"), max_length=12, choices=PlatformLevel.choices, blank=True
    )
    occurred_on = models.DateField(_("Date occurred"), null=True, blank=True)
    is_open = models.BooleanField(_("Unresolved"), default=False)
    source = models.CharField(_("Source"), max_length=200)
    verified_at = models.DateField(_("Verified on"), null=True, blank=True)
    reason = models.CharField(_("Reason proposed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("Attachment record")
        verbose_name_plural = _("Attachment record")
        ordering = ["segment", "kind", "label", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["segment", "enterprise"],
                condition=Q(enterprise__isnull=False),
                name="chain_enterprise_once_per_segment",
            ),
            models.UniqueConstraint(
                fields=["segment", "kind", "ref_app", "ref_id"],
                condition=~Q(ref_id=""),
                name="chain_reference_once_per_segment",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Prospect(TimeStampedModel):
    """A firm outside the city from an imported list: a candidate for 招商."""

    name = models.CharField(_("Enterprise name"), max_length=200, unique=True)
    location = models.CharField(_("Location"), max_length=100, blank=True)
    industry_code = models.CharField(_("Industry code"), max_length=5)
    business_text = models.TextField(_("Business scope / main products"), blank=True)
    revenue_wan = models.DecimalField(
        _("Operating revenue (10k yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    growth_pct = models.DecimalField(
        _("Revenue growth (%)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    patents = models.PositiveIntegerField(_("Valid patents"), default=0)
    distance_km = models.DecimalField(
        _("Distance from Leshan (km)"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    source = models.CharField(_("Source"), max_length=200)

    class Meta:
        verbose_name = _("Recruitment target firm")
        verbose_name_plural = _("Recruitment target firm")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RecruitList(models.Model):
    """A 招商 target list generated for a gap segment (a ranked snapshot, kept as made)."""

    segment = models.ForeignKey(
        Segment, verbose_name=_("Segment"), on_delete=models.CASCADE, related_name="recruit_lists"
    )
    status_at_creation = models.CharField(
        _("Segment status when generated"), max_length=12, choices=SegmentStatusChoice.choices
    )
    rows = models.JSONField(pgettext_lazy("chains", "List"), default=list)
    created = models.DateTimeField(_("Generated at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("Recruitment target list")
        verbose_name_plural = _("Recruitment target list")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"招商目标清单 · {self.segment}"

    def get_absolute_url(self) -> str:
        return reverse("chains:recruit_detail", args=[self.pk])


class NeedDraft(models.Model):
    """A 揭榜挂帅 need draft (spec §3.7 first state ``need_draft``) for a gap segment."""

    segment = models.ForeignKey(
        Segment, verbose_name=_("Segment"), on_delete=models.CASCADE, related_name="need_drafts"
    )
    title = models.CharField(_("Need title"), max_length=200)
    problem = models.TextField(pgettext_lazy("chains", "Technical problem"))
    keywords = models.JSONField(_("Keywords"), default=list)
    state = models.CharField(
        _("Status"), max_length=12, choices=NeedState.choices, default=NeedState.DRAFT
    )
    created = models.DateTimeField(_("Generated at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("Open-call need draft")
        verbose_name_plural = _("Open-call need draft")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.title
