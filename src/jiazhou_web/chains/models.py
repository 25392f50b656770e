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
    code = models.SlugField(_("编码"), max_length=40, unique=True)
    name = models.CharField(_("产业链"), max_length=100)
    data_version = models.CharField(_("数据版本"), max_length=20)
    chain_leader = models.CharField(_("链长"), max_length=100, blank=True)
    lead_department = models.CharField(_("牵头部门"), max_length=100, blank=True)
    host_areas = models.JSONField(_("承载地"), default=list, blank=True)
    chain_masters = models.JSONField(_("链主企业"), default=list, blank=True)
    source = models.TextField(_("来源"), blank=True)

    class Meta:
        verbose_name = _("产业链")
        verbose_name_plural = _("产业链")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("chains:detail", args=[self.code])


class Segment(models.Model):
    chain = models.ForeignKey(
        Chain, verbose_name=_("产业链"), on_delete=models.CASCADE, related_name="segments"
    )
    code = models.SlugField(_("编码"), max_length=40)
    name = models.CharField(_("环节"), max_length=100)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.CharField(_("位置"), max_length=12, choices=Position.choices)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    industry_codes = models.JSONField(_("国民经济行业代码（GB/T 4754）"), default=list, blank=True)
    product_keywords = models.JSONField(_("产品关键词"), default=list, blank=True)
    tech_keywords = models.JSONField(_("技术关键词"), default=list, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("产业链环节")
        verbose_name_plural = _("产业链环节")
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
        Segment, verbose_name=_("环节"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("类别"), max_length=12, choices=AttachmentKind.choices)
    state = models.CharField(
        _("状态"), max_length=10, choices=AttachmentState.choices, default=AttachmentState.CONFIRMED
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="chain_attachments",
    )
    supervision_item = models.ForeignKey(
        "supervision.TaskItem",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="chain_attachments",
    )
    ref_app = models.CharField(_("关联记录类型"), max_length=40, blank=True)
    ref_id = models.CharField(_("关联记录编号"), max_length=40, blank=True)
    label = models.CharField(_("名称"), max_length=200)
    stage = models.CharField(_("阶段"), max_length=20, choices=Stage.choices, blank=True)
    level = models.CharField(
        _("平台级别"), max_length=12, choices=PlatformLevel.choices, blank=True
    )
    occurred_on = models.DateField(_("发生日期"), null=True, blank=True)
    is_open = models.BooleanField(_("未解决"), default=False)
    source = models.CharField(_("来源"), max_length=200)
    verified_at = models.DateField(_("核实日期"), null=True, blank=True)
    reason = models.CharField(_("推荐依据"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("挂链记录")
        verbose_name_plural = _("挂链记录")
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

    name = models.CharField(_("企业名称"), max_length=200, unique=True)
    location = models.CharField(_("所在地"), max_length=100, blank=True)
    industry_code = models.CharField(_("行业代码"), max_length=5)
    business_text = models.TextField(_("经营范围/主营产品"), blank=True)
    revenue_wan = models.DecimalField(
        _("营业收入（万元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    growth_pct = models.DecimalField(
        _("营收增速（%）"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    patents = models.PositiveIntegerField(_("有效专利数"), default=0)
    distance_km = models.DecimalField(
        _("距乐山（公里）"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    source = models.CharField(_("来源"), max_length=200)

    class Meta:
        verbose_name = _("招商目标企业")
        verbose_name_plural = _("招商目标企业")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RecruitList(models.Model):
    """A 招商 target list generated for a gap segment (a ranked snapshot, kept as made)."""

    segment = models.ForeignKey(
        Segment, verbose_name=_("环节"), on_delete=models.CASCADE, related_name="recruit_lists"
    )
    status_at_creation = models.CharField(
        _("生成时环节状态"), max_length=12, choices=SegmentStatusChoice.choices
    )
    rows = models.JSONField(_("清单"), default=list)
    created = models.DateTimeField(_("生成时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("招商目标清单")
        verbose_name_plural = _("招商目标清单")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"招商目标清单 · {self.segment}"

    def get_absolute_url(self) -> str:
        return reverse("chains:recruit_detail", args=[self.pk])


class NeedDraft(models.Model):
    """A 揭榜挂帅 need draft (spec §3.7 first state ``need_draft``) for a gap segment."""

    segment = models.ForeignKey(
        Segment, verbose_name=_("环节"), on_delete=models.CASCADE, related_name="need_drafts"
    )
    title = models.CharField(_("需求名称"), max_length=200)
    problem = models.TextField(_("技术难题"))
    keywords = models.JSONField(_("关键词"), default=list)
    state = models.CharField(
        _("状态"), max_length=12, choices=NeedState.choices, default=NeedState.DRAFT
    )
    created = models.DateTimeField(_("生成时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("揭榜需求草稿")
        verbose_name_plural = _("揭榜需求草稿")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.title
