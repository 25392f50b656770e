"""创新平台 registry: recognised platforms with level, host, field, dates, annual figures, and
the 三张清单 supervision items that track their creation."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q

from jiazhou_web.core.models import TimeStampedModel
from jiazhou_web.core.scopes import ScopedModel
from jiazhou_web.platforms.choices import Evaluation, Kind, Level, Status


class Platform(ScopedModel, TimeStampedModel):
    name = models.CharField("平台名称", max_length=200)
    kind = models.CharField("类别", max_length=24, choices=Kind.choices)
    level = models.CharField("级别", max_length=12, choices=Level.choices)
    host_enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name="依托企业",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="platforms",
    )
    host_name = models.CharField("依托单位", max_length=200)
    region = models.ForeignKey(
        "regions.Region", verbose_name="所在区县", on_delete=models.PROTECT, related_name="+"
    )
    field = models.CharField("技术领域", max_length=60, blank=True)
    chain_segment = models.CharField("产业链环节", max_length=100, blank=True)
    recognised_on = models.DateField("认定日期")
    recognised_by = models.CharField("认定文件", max_length=200, blank=True)
    evaluated_on = models.DateField("最近评估", null=True, blank=True)
    evaluation = models.CharField("评估结果", max_length=12, choices=Evaluation.choices, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default="active")
    source = models.CharField("来源", max_length=200)
    synthetic = models.BooleanField("模拟数据", default=False)
    items = models.ManyToManyField(
        "supervision.TaskItem", verbose_name="督办事项", blank=True, related_name="platform_records"
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
        verbose_name = "创新平台"
        constraints = [
            models.UniqueConstraint(fields=["name", "level"], name="one_platform_per_name_level")
        ]

    def __str__(self) -> str:
        return self.name


class AnnualReport(TimeStampedModel):
    """A platform's yearly figures (年报)."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField("年度")
    rd_spending_yuan = models.DecimalField("研发投入（元）", max_digits=14, decimal_places=2)
    staff = models.PositiveIntegerField("研发人员（人）")
    projects = models.PositiveIntegerField("承担项目（项）", default=0)
    patents = models.PositiveIntegerField("授权发明专利（件）", default=0)

    class Meta:
        ordering = ("platform", "-year")
        constraints = [
            models.UniqueConstraint(fields=["platform", "year"], name="one_report_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.platform} {self.year}年"
