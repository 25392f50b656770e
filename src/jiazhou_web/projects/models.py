"""科技项目 records: calls (指南), applications through their lifecycle, the expert pool with
draws and scores, 任务书 milestones, and the national/provincial projects of local units."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from jiazhou_web.core.models import TimeStampedModel
from jiazhou_web.core.scopes import ScopedModel
from jiazhou_web.projects.choices import AcceptanceMode, CallState, Level, State


class Call(ScopedModel, TimeStampedModel):
    """项目指南: what may be applied for, by whom, until when."""

    code = models.CharField("指南编号", max_length=30, unique=True)
    title = models.CharField("指南名称", max_length=200)
    year = models.PositiveSmallIntegerField("年度")
    field = models.CharField("支持领域", max_length=60)
    budget_yuan = models.DecimalField("财政预算（元）", max_digits=14, decimal_places=2)
    max_per_project_yuan = models.DecimalField(
        "单项最高支持（元）", max_digits=14, decimal_places=2
    )
    opens = models.DateField("申报开始")
    closes = models.DateField("申报截止")
    eligible_programmes = models.JSONField(
        "申报条件（须持有其一的有效资质）", default=list, blank=True
    )
    experts_per_application = models.PositiveSmallIntegerField("每项评审专家数", default=5)
    state = models.CharField("状态", max_length=10, choices=CallState.choices, default="draft")

    # A published call is visible to every signed-in user (firms apply to it).
    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {}
    public_q: ClassVar[Q | None] = Q(state__in=[CallState.OPEN, CallState.CLOSED])

    class Meta:
        ordering = ("-year", "code")
        verbose_name = "项目指南"

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Application(ScopedModel, TimeStampedModel):
    """One project from application to archive."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    number = models.CharField("项目编号", max_length=40, unique=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name="申报单位",
        on_delete=models.PROTECT,
        related_name="project_applications",
    )
    title = models.CharField("项目名称", max_length=200)
    summary = models.TextField("项目简介", blank=True)
    requested_yuan = models.DecimalField("申请财政资金（元）", max_digits=14, decimal_places=2)
    co_applicants = models.JSONField("合作单位（统一社会信用代码）", default=list, blank=True)
    team = models.JSONField("项目组成员", default=list, blank=True)
    shareholders = models.JSONField("申报单位股东", default=list, blank=True)
    state = models.CharField("状态", max_length=24, choices=State.choices, default="drafting")
    state_note = models.TextField("审查/退回意见", blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    score = models.DecimalField("评审得分", max_digits=6, decimal_places=2, null=True)
    rank = models.PositiveIntegerField("排序", null=True)
    approved_yuan = models.DecimalField(
        "立项资金（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    publicity_ends = models.DateField("公示截止", null=True, blank=True)
    contract_start = models.DateField("任务书开始", null=True, blank=True)
    contract_end = models.DateField("任务书截止", null=True, blank=True)
    acceptance_mode = models.CharField(
        "验收方式", max_length=10, choices=AcceptanceMode.choices, blank=True
    )
    acceptance_applied_on = models.DateField("申请验收日", null=True, blank=True)
    items = models.ManyToManyField(
        "supervision.TaskItem", verbose_name="督办事项", blank=True, related_name="project_records"
    )

    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {
        "region": ("enterprise__region__code", "enterprise__zone__code"),
        "enterprise": ("enterprise_id",),
    }

    class Meta:
        ordering = ("call", "rank", "number")
        verbose_name = "项目申报"
        constraints = [
            models.UniqueConstraint(
                fields=["call", "enterprise", "title"], name="one_application_per_title"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Expert(TimeStampedModel):
    """专家库: one expert with the ties that decide 回避 (jiazhou.projects.conflicts)."""

    code = models.CharField("专家编号", max_length=20, unique=True)
    name = models.CharField("姓名", max_length=40)
    unit_name = models.CharField("工作单位", max_length=200)
    fields = models.JSONField("评审领域", default=list)
    affiliations = models.JSONField("任职单位（含近年）", default=list, blank=True)
    collaborators = models.JSONField("近年合作者", default=list, blank=True)
    relatives = models.JSONField("亲属", default=list, blank=True)
    holdings = models.JSONField("持股单位", default=list, blank=True)
    declared = models.JSONField("申明回避（单位或人员）", default=list, blank=True)
    active = models.BooleanField("在库", default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="平台账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert_profile",
    )

    class Meta:
        ordering = ("code",)
        verbose_name = "评审专家"

    def __str__(self) -> str:
        return f"{self.name}（{self.unit_name}）"


class Assignment(TimeStampedModel):
    """An expert drawn for an application, and the score given."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments"
    )
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="assignments")
    seed = models.BigIntegerField("抽取种子")
    score = models.DecimalField("评分", max_digits=5, decimal_places=2, null=True, blank=True)
    comment = models.TextField("评审意见", blank=True)
    declined = models.BooleanField("申明回避", default=False)
    scored_at = models.DateTimeField("评分时间", null=True, blank=True)

    class Meta:
        ordering = ("application", "expert__code")
        constraints = [
            models.UniqueConstraint(fields=["application", "expert"], name="one_draw_per_expert")
        ]

    def __str__(self) -> str:
        return f"{self.application.number} · {self.expert.name}"


class Exclusion(models.Model):
    """An expert of the field excluded from a draw, with the reasons (shown on the page)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="exclusions"
    )
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="exclusions")
    reasons = models.JSONField("回避原因", default=list)

    class Meta:
        ordering = ("application", "expert__code")

    def __str__(self) -> str:
        return f"{self.expert}：{'；'.join(self.reasons)}"


class Milestone(TimeStampedModel):
    """A 任务书 node with its due day; done when the unit reports it."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField("节点内容", max_length=200)
    due = models.DateField("计划完成")
    budget_yuan = models.DecimalField(
        "节点预算（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    done_on = models.DateField("实际完成", null=True, blank=True)

    class Meta:
        ordering = ("application", "due", "pk")

    def __str__(self) -> str:
        return f"{self.title}（{self.due:%Y-%m-%d}）"


class ExternalProject(ScopedModel, TimeStampedModel):
    """A national or provincial project won by a local unit (立项 elsewhere, recorded here)."""

    title = models.CharField("项目名称", max_length=200)
    unit_name = models.CharField("承担单位", max_length=200)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name="承担企业",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="external_projects",
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name="所在区县", on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField("级别", max_length=12, choices=Level.choices)
    programme = models.CharField("计划类别", max_length=100)
    funding_yuan = models.DecimalField("财政支持（元）", max_digits=14, decimal_places=2)
    approved_on = models.DateField("立项日期")
    four_batches = models.BooleanField("「四个一批」项目", default=False)
    source = models.CharField("来源", max_length=200)
    synthetic = models.BooleanField("模拟数据", default=False)

    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {
        "region": ("region__code",),
        "enterprise": ("enterprise_id",),
    }

    class Meta:
        ordering = ("-approved_on", "title")
        verbose_name = "国省科技项目"

    def __str__(self) -> str:
        return self.title

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "level": self.level, "funding": str(self.funding_yuan)}
