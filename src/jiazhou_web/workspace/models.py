"""企业工作台: the firm's accounts, annual declarations, correction requests and documents.

Every row belongs to one enterprise and is scoped like the enterprise itself (its county or
zone officers reach it through ``region``; the firm's own users through ``enterprise``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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
        verbose_name=_("Enterprise"),
        on_delete=models.CASCADE,
        related_name="workspace_members",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("User"),
        on_delete=models.CASCADE,
        related_name="firm_memberships",
    )
    is_admin = models.BooleanField(_("Enterprise account administrator"), default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    removed_at = models.DateTimeField(_("Removed at"), null=True, blank=True)

    scope_paths = FIRM_SCOPE

    class Meta:
        verbose_name = _("Enterprise account")
        verbose_name_plural = _("Enterprise accounts")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "user"], name="one_membership_per_firm")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.user}"


class Declaration(ScopedModel, TimeStampedModel):
    """One fiscal year's 企业年报 as the firm declared it, reviewed by its county or the zone."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("Enterprise"),
        on_delete=models.CASCADE,
        related_name="declarations",
    )
    fiscal_year = models.PositiveSmallIntegerField(pgettext_lazy("workspace", "Year"))
    state = models.CharField(
        _("Status"),
        max_length=12,
        choices=DeclarationState.choices,
        default=DeclarationState.SUBMITTED,
    )
    # field code → value as text ("1234.5", "12", "1"/"0"): the form's cleaned values
    values = models.JSONField(_("Declared values"), default=dict)
    review_region = models.ForeignKey(
        "regions.Region",
        verbose_name=pgettext_lazy("workspace", "Reviewed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(pgettext_lazy("workspace", "Submitted"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("workspace", "Reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("Reviewed at"), null=True, blank=True)
    return_reason = models.TextField(_("Reason for returning"), blank=True)

    scope_paths = FIRM_SCOPE

    class Meta:
        verbose_name = _("Annual declaration")
        verbose_name_plural = _("Annual declarations")
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
        verbose_name=_("Enterprise"),
        on_delete=models.CASCADE,
        related_name="correction_requests",
    )
    fiscal_year = models.PositiveSmallIntegerField(pgettext_lazy("workspace", "Year"))
    field = models.CharField(_("Field"), max_length=40)
    held_value = models.CharField(_("Value held"), max_length=60, blank=True)
    held_source = models.CharField(_("Source of the value held"), max_length=20, blank=True)
    proposed_value = models.CharField(_("Correct to"), max_length=60)
    reason = models.TextField(_("Reason for the correction"))
    state = models.CharField(
        _("Status"), max_length=12, choices=CorrectionState.choices, default=CorrectionState.OPEN
    )
    review_region = models.ForeignKey(
        "regions.Region", verbose_name=_("Decided by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Applicant"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("workspace", "Reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("Decided at"), null=True, blank=True)
    decision_note = models.TextField(_("Decision note"), blank=True)

    scope_paths = FIRM_SCOPE

    class Meta:
        verbose_name = _("Data correction request")
        verbose_name_plural = _("Data correction requests")
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
        verbose_name=_("Enterprise"),
        on_delete=models.CASCADE,
        related_name="workspace_documents",
    )
    kind = models.CharField(_("Category"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("File title"), max_length=200)
    file = models.FileField(_("File"), upload_to="workspace/documents/%Y/%m/")
    original_name = models.CharField(_("Original file name"), max_length=200)
    content_type = models.CharField(_("File type"), max_length=100)
    size = models.PositiveIntegerField(_("Size (bytes)"))
    sha256 = models.CharField(_("SHA-256 digest"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_paths = FIRM_SCOPE

    class Meta:
        verbose_name = _("Enterprise file")
        verbose_name_plural = _("Enterprise files")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.title
