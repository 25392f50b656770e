"""Annual evaluation runs (年度综合评价): a run, a result per firm, objections and the changes a
re-computation made. The scores come from the scheme engine (``jiazhou.schemes``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.scopes import ScopedModel
from jiazhou_web.evaluations.choices import CohortKind, ObjectionState, RunState

ENTERPRISE_SCOPE = {
    "region": ("enterprise__region__code", "enterprise__zone__code"),
    "enterprise": ("enterprise_id",),
}


class EvaluationRun(ScopedModel):
    """One scheme version applied to one cohort (zone or county) for one evaluation year."""

    scheme_code = models.CharField(_("评价方案"), max_length=60)
    scheme_version = models.CharField(_("方案版本"), max_length=40)
    scheme_title = models.CharField(_("方案名称"), max_length=200)
    scheme_document = models.CharField(_("依据文件"), max_length=300, blank=True)
    eval_year = models.PositiveSmallIntegerField(_("评价年度"))
    cohort_kind = models.CharField(_("评价范围"), max_length=10, choices=CohortKind.choices)
    cohort_code = models.CharField(_("范围代码"), max_length=20)
    cohort_label = models.CharField(_("评价范围名称"), max_length=100)
    # a park cohort keeps the zone's code in cohort_code (the data scope) and names the park here
    park = models.ForeignKey(
        "evaluations.Park",
        verbose_name=_("园区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="runs",
    )
    state = models.CharField(
        _("状态"), max_length=12, choices=RunState.choices, default=RunState.DRAFT
    )
    data_hash = models.CharField(_("输入数据哈希"), max_length=64)
    criteria = models.JSONField(_("指标"), default=list)
    completeness = models.JSONField(_("数据完整性"), default=dict)
    unit_count = models.PositiveIntegerField(_("参评企业数"), default=0)
    recomputed = models.PositiveSmallIntegerField(_("复核重算次数"), default=0)
    created = models.DateTimeField(_("运行时间"), auto_now_add=True)
    updated = models.DateTimeField(_("更新时间"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("运行人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    publicity_start = models.DateField(_("公示开始"), null=True, blank=True)
    publicity_end = models.DateField(_("公示截止"), null=True, blank=True)
    publicity_days = models.PositiveSmallIntegerField(_("公示期（工作日）"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    scope_paths = {"region": ("cohort_code",)}

    class Meta:
        verbose_name = _("评价运行")
        verbose_name_plural = _("评价运行")
        ordering = ["-eval_year", "-created", "-id"]

    def __str__(self) -> str:
        return _("%(year)s %(scheme)s (%(cohort)s)") % {
            "year": self.eval_year,
            "scheme": self.scheme_title,
            "cohort": self.cohort_label,
        }

    def get_absolute_url(self) -> str:
        return reverse("evaluations:run_detail", args=[self.pk])

    @property
    def graded(self) -> bool:
        """Whether the scheme gives classes (亩均) or only points and ranks (积分制)."""
        return any(c.get("classes") for c in self.criteria if c.get("kind") == "outcome")

    def item_meta(self) -> list[dict[str, Any]]:
        return [c for c in self.criteria if c.get("kind") == "item"]


class EvaluationResult(ScopedModel):
    """One firm's points, rank, class and per-indicator explanation in a run."""

    run = models.ForeignKey(EvaluationRun, on_delete=models.CASCADE, related_name="results")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="evaluation_results"
    )
    total = models.FloatField(_("总分"), null=True, blank=True)
    total_min = models.FloatField(_("总分（下限）"), null=True, blank=True)
    total_max = models.FloatField(_("总分（上限）"), null=True, blank=True)
    grade = models.CharField(_("类别"), max_length=40, blank=True)
    rank = models.PositiveIntegerField(_("组内排名"), null=True, blank=True)
    rank_stage = models.PositiveIntegerField(_("阶段内排名"), null=True, blank=True)
    cohort_size = models.PositiveIntegerField(_("组内参评数"), null=True, blank=True)
    cohort = models.CharField(_("评价组别"), max_length=40, blank=True)
    stage = models.CharField(_("发展阶段"), max_length=20, blank=True)
    exempt = models.BooleanField(_("参评不分类"), default=False)
    items = models.JSONField(_("指标明细"), default=list)

    scope_paths = ENTERPRISE_SCOPE

    class Meta:
        verbose_name = _("评价结果")
        verbose_name_plural = _("评价结果")
        ordering = ["cohort", "rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "enterprise"], name="one_evaluation_per_firm")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.run}"

    def get_absolute_url(self) -> str:
        return reverse("evaluations:score_card", args=[self.pk])


class Objection(ScopedModel):
    """异议: a firm (or its county) contests a result during 公示; the zone decides."""

    run = models.ForeignKey(EvaluationRun, on_delete=models.CASCADE, related_name="objections")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="evaluation_objections"
    )
    reason = models.TextField(_("异议理由"))
    evidence = models.TextField(_("证明材料说明"), blank=True)
    field = models.CharField(_("更正字段"), max_length=60, blank=True)
    fiscal_year = models.PositiveSmallIntegerField(_("更正年度"), null=True, blank=True)
    corrected_value = models.DecimalField(
        _("更正数值"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    state = models.CharField(
        _("状态"), max_length=10, choices=ObjectionState.choices, default=ObjectionState.FILED
    )
    decision = models.TextField(_("复核意见"), blank=True)
    filed_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提出人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("复核时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("复核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated = models.DateTimeField(_("更新时间"), auto_now=True)

    scope_paths = ENTERPRISE_SCOPE

    class Meta:
        verbose_name = _("异议")
        verbose_name_plural = _("异议")
        ordering = ["-filed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_state_display()}"


class ResultChange(models.Model):
    """What a re-computation after an upheld objection changed for one firm."""

    objection = models.ForeignKey(Objection, on_delete=models.CASCADE, related_name="changes")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="+"
    )
    total_before = models.FloatField(_("原总分"), null=True)
    total_after = models.FloatField(_("新总分"), null=True)
    grade_before = models.CharField(_("原类别"), max_length=40, blank=True)
    grade_after = models.CharField(_("新类别"), max_length=40, blank=True)
    rank_before = models.PositiveIntegerField(_("原排名"), null=True)
    rank_after = models.PositiveIntegerField(_("新排名"), null=True)

    class Meta:
        verbose_name = _("复核变动")
        verbose_name_plural = _("复核变动")
        ordering = ["objection", "id"]

    def __str__(self) -> str:
        return f"{self.enterprise}: {self.grade_before} → {self.grade_after}"


class Bank(models.Model):
    """A lending bank of 积分贷 (创新积分 loans)."""

    code = models.CharField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("银行名称"), max_length=100)

    class Meta:
        verbose_name = _("合作银行")
        verbose_name_plural = _("合作银行")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class BankMember(models.Model):
    """A user who works for a bank: sees the score cards of the firms that authorised it."""

    bank = models.ForeignKey(
        Bank, verbose_name=_("银行"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="bank_membership",
    )

    class Meta:
        verbose_name = _("银行用户")
        verbose_name_plural = _("银行用户")

    def __str__(self) -> str:
        return f"{self.user} · {self.bank}"


class BankConsent(models.Model):
    """An enterprise's authorisation (授权) for one bank; withdrawn consents are kept."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("企业"),
        on_delete=models.CASCADE,
        related_name="bank_consents",
    )
    bank = models.ForeignKey(
        Bank, verbose_name=_("银行"), on_delete=models.CASCADE, related_name="consents"
    )
    given_at = models.DateTimeField(_("授权时间"), auto_now_add=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("银行授权")
        verbose_name_plural = _("银行授权")
        ordering = ["-given_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "bank"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_consent_per_bank",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} → {self.bank}"


class Park(models.Model):
    """A park (园区) of a zone: a cohort of its own for the 亩均 evaluation (criteria.md §6.4)."""

    code = models.CharField(_("园区代码"), max_length=30, unique=True)
    name = models.CharField(_("园区名称"), max_length=100)
    zone = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所属园区/高新区"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("园区")
        verbose_name_plural = _("园区")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class ParkFirm(models.Model):
    """Which park a firm sits in (one park per firm; moving is re-assigning)."""

    enterprise = models.OneToOneField(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="park_membership"
    )
    park = models.ForeignKey(
        Park, verbose_name=_("所在园区"), on_delete=models.PROTECT, related_name="firms"
    )
    updated = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("园区企业")
        verbose_name_plural = _("园区企业")

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.park}"
