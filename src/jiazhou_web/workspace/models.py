"""企业工作台: the firm's accounts, annual declarations, correction requests and documents.

Every row belongs to one enterprise and is scoped like the enterprise itself (its county or
zone officers reach it through ``region``; the firm's own users through ``enterprise``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from jiazhou_web.core.models import TimeStampedModel
from jiazhou_web.core.scopes import ScopedModel
from jiazhou_web.workspace.choices import CorrectionState, DeclarationState, DocumentKind

FIRM_SCOPE = {
    "region": ("enterprise__region__code", "enterprise__zone__code"),
    "enterprise": ("enterprise_id",),
}


class FirmMember(ScopedModel, TimeStampedModel):
    """A user of the firm's workspace; ``is_admin`` marks the firm's account administrator."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name="企业",
        on_delete=models.CASCADE,
        related_name="workspace_members",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="firm_memberships",
    )
    is_admin = models.BooleanField("企业账号管理员", default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="邀请人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    removed_at = models.DateTimeField("移除时间", null=True, blank=True)

    scope_paths = FIRM_SCOPE

    class Meta:
        verbose_name = "企业账号"
        verbose_name_plural = "企业账号"
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "user"], name="one_membership_per_firm")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.user}"


class Declaration(ScopedModel, TimeStampedModel):
    """One fiscal year's 企业年报 as the firm declared it, reviewed by its county or the zone."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name="企业",
        on_delete=models.CASCADE,
        related_name="declarations",
    )
    fiscal_year = models.PositiveSmallIntegerField("年度")
    state = models.CharField(
        "状态", max_length=12, choices=DeclarationState.choices, default=DeclarationState.SUBMITTED
    )
    # field code → value as text ("1234.5", "12", "1"/"0"): the form's cleaned values
    values = models.JSONField("申报数据", default=dict)
    review_region = models.ForeignKey(
        "regions.Region", verbose_name="审核单位", on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField("提交时间")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    return_reason = models.TextField("退回理由", blank=True)

    scope_paths = FIRM_SCOPE

    class Meta:
        verbose_name = "年报申报"
        verbose_name_plural = "年报申报"
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "fiscal_year"],
                condition=Q(state="submitted"),
                name="one_open_declaration_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.fiscal_year}年度年报"


class CorrectionRequest(ScopedModel, TimeStampedModel):
    """The firm asks to correct one value the platform holds from another source."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name="企业",
        on_delete=models.CASCADE,
        related_name="correction_requests",
    )
    fiscal_year = models.PositiveSmallIntegerField("年度")
    field = models.CharField("字段", max_length=40)
    held_value = models.CharField("现有值", max_length=60, blank=True)
    held_source = models.CharField("现有来源", max_length=20, blank=True)
    proposed_value = models.CharField("申请更正为", max_length=60)
    reason = models.TextField("更正理由")
    state = models.CharField(
        "状态", max_length=12, choices=CorrectionState.choices, default=CorrectionState.OPEN
    )
    review_region = models.ForeignKey(
        "regions.Region", verbose_name="裁定单位", on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("裁定时间", null=True, blank=True)
    decision_note = models.TextField("裁定意见", blank=True)

    scope_paths = FIRM_SCOPE

    class Meta:
        verbose_name = "数据更正申请"
        verbose_name_plural = "数据更正申请"
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "fiscal_year", "field"],
                condition=Q(state="open"),
                name="one_open_correction_per_value",
            )
        ]

    def __str__(self) -> str:
        from jiazhou_web.enterprises.figures import annual_field_map

        spec = annual_field_map().get(self.field)
        return f"{self.enterprise} {self.fiscal_year}年度「{spec.name_zh if spec else self.field}」更正申请"


class FirmDocument(ScopedModel, TimeStampedModel):
    """A file the firm uploaded (stored under MEDIA_ROOT, which the web server never serves)."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name="企业",
        on_delete=models.CASCADE,
        related_name="workspace_documents",
    )
    kind = models.CharField("类别", max_length=20, choices=DocumentKind.choices)
    title = models.CharField("文件名称", max_length=200)
    file = models.FileField("文件", upload_to="workspace/documents/%Y/%m/")
    original_name = models.CharField("原文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_paths = FIRM_SCOPE

    class Meta:
        verbose_name = "企业文件"
        verbose_name_plural = "企业文件"
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.title
