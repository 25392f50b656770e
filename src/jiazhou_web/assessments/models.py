"""County assessment rounds and reports; the 高新区 self-assessment's national averages and
expert scores. Scores come from the pure engine ``jiazhou.assessments``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jiazhou_web.assessments.choices import ReportState, RoundState
from jiazhou_web.core.models import TimeStampedModel
from jiazhou_web.core.scopes import ScopedModel


class AssessmentRound(TimeStampedModel):
    """One year's county assessment under one scheme version (city-wide)."""

    scheme_code = models.CharField(_("考核方案"), max_length=60)
    scheme_version = models.CharField(_("方案版本"), max_length=20)
    year = models.PositiveSmallIntegerField(_("考核年度"))
    state = models.CharField(
        _("状态"), max_length=12, choices=RoundState.choices, default=RoundState.COLLECTING
    )
    weights = models.JSONField(_("分类权重"), default=dict)  # class code → indicator → weight
    publicity_start = models.DateField(_("公示开始"), null=True, blank=True)
    publicity_end = models.DateField(_("公示结束"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("县区考核")
        verbose_name_plural = _("县区考核")
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme_code", "year"], name="assessment_round_once")
        ]

    def __str__(self) -> str:
        return f"{self.year}年度县（市、区）科技创新考核"

    def get_absolute_url(self) -> str:
        return reverse("assessments:round_detail", args=[self.pk])


class CountyReport(ScopedModel, TimeStampedModel):
    """One county's (or the zone's) part of a round: values read from approved monitoring
    observations, its self-report (evidence per item), the city's review and the score."""

    round = models.ForeignKey(AssessmentRound, on_delete=models.CASCADE, related_name="reports")
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    class_code = models.CharField(_("类别"), max_length=30)
    class_name = models.CharField(_("类别名称"), max_length=60)
    values = models.JSONField(_("指标值"), default=dict)  # indicator → "1.23" | None
    sources = models.JSONField(_("数据来源"), default=dict)  # indicator → text
    evidence = models.JSONField(_("佐证说明"), default=dict)  # indicator → text
    state = models.CharField(
        _("状态"), max_length=12, choices=ReportState.choices, default=ReportState.DRAFT
    )
    review_comment = models.TextField(_("审核意见"), blank=True)
    items = models.JSONField(_("得分明细"), default=list)
    total = models.DecimalField(_("总分"), max_digits=8, decimal_places=2, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("全市排名"), null=True, blank=True)
    class_rank = models.PositiveSmallIntegerField(_("类内排名"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)

    scope_paths = {"region": ("region__code",)}

    class Meta:
        verbose_name = _("县区考核自评")
        verbose_name_plural = _("县区考核自评")
        ordering = ["round", "region__code"]
        constraints = [
            models.UniqueConstraint(fields=["round", "region"], name="assessment_report_once")
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.region.name}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:report_detail", args=[self.pk])


class ZoneBenchmark(TimeStampedModel):
    """A published national average of one 106号 sub-indicator (火炬 yearbook), with its source."""

    scheme_code = models.CharField(_("评价方案"), max_length=60)
    sub_code = models.CharField(_("指标编号"), max_length=10)
    average = models.DecimalField(_("全国平均值"), max_digits=20, decimal_places=4)
    year = models.PositiveSmallIntegerField(_("数据年度"))
    source = models.CharField(_("来源"), max_length=200)
    synthetic = models.BooleanField(_("示例数据"), default=False)

    class Meta:
        verbose_name = _("全国平均值")
        verbose_name_plural = _("全国平均值")
        constraints = [
            models.UniqueConstraint(fields=["scheme_code", "sub_code"], name="zone_benchmark_once")
        ]

    def __str__(self) -> str:
        return f"{self.sub_code} 全国平均值"


class ZoneManualScore(TimeStampedModel):
    """An expert's 0–1 score of a qualitative item (``manual_review``)."""

    scheme_code = models.CharField(_("评价方案"), max_length=60)
    item_code = models.CharField(_("定性项"), max_length=10)
    score = models.DecimalField(_("专家评分（0–1）"), max_digits=4, decimal_places=2)
    note = models.CharField(_("评定说明"), max_length=300)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("定性项评分")
        verbose_name_plural = _("定性项评分")
        constraints = [
            models.UniqueConstraint(fields=["scheme_code", "item_code"], name="zone_manual_once")
        ]

    def __str__(self) -> str:
        return f"{self.item_code} 专家评分"
