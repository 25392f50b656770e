"""培育库 memberships as dated facts, and 一企一策 plans with actions and a service log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.core.models import TimeStampedModel
from jiazhou_web.core.scopes import ScopedModel
from jiazhou_web.enterprises.choices import Programme
from jiazhou_web.pools.choices import MembershipStatus, ServiceKind

ENTERPRISE_SCOPE = {
    "region": ("enterprise__region__code", "enterprise__zone__code"),
    "enterprise": ("enterprise_id",),
}
PLAN_SCOPE = {
    "region": ("plan__enterprise__region__code", "plan__enterprise__zone__code"),
    "enterprise": ("plan__enterprise_id",),
}


class PoolMembership(ScopedModel):
    """From ``started_on`` to ``ended_on`` (open: current) the enterprise had this status."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.CASCADE,
        related_name="pool_memberships",
        verbose_name=_("enterprise"),
    )
    programme = models.CharField(
        pgettext_lazy("pools", "programme"), max_length=20, choices=Programme.choices
    )
    status = models.CharField(_("status"), max_length=10, choices=MembershipStatus.choices)
    started_on = models.DateField(_("since"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    certificate = models.ForeignKey(
        "enterprises.Certificate",
        verbose_name=_("certificate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    certificate_number = models.CharField(_("certificate number"), max_length=60, blank=True)
    valid_from = models.DateField(pgettext_lazy("pools", "valid from"), null=True, blank=True)
    valid_to = models.DateField(pgettext_lazy("pools", "valid to"), null=True, blank=True)
    result = models.ForeignKey(
        "scoring.UnitResult",
        verbose_name=_("scoring result"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    scope_paths = ENTERPRISE_SCOPE

    class Meta:
        verbose_name = _("pool membership")
        verbose_name_plural = _("pool memberships")
        ordering = ["enterprise", "programme", "-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "programme"],
                condition=Q(ended_on__isnull=True),
                name="one_open_membership_per_programme",
            )
        ]
        indexes = [models.Index(fields=["programme", "status", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_programme_display()} · {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("pools:enterprise_plan", args=[self.enterprise_id])


class EnterprisePlan(ScopedModel, TimeStampedModel):
    """一企一策: the cultivation plan of one enterprise and its 服务专员."""

    enterprise = models.OneToOneField(
        "enterprises.Enterprise",
        on_delete=models.CASCADE,
        related_name="plan",
        verbose_name=_("enterprise"),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("service officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_plans",
    )
    goal = models.CharField(_("goal"), max_length=20, choices=Programme.choices, blank=True)
    synthetic = models.BooleanField(
        pgettext_lazy("pools", "synthetic (demo) record"), default=False
    )

    scope_paths = ENTERPRISE_SCOPE

    class Meta:
        verbose_name = _("cultivation plan")
        verbose_name_plural = _("cultivation plans")
        ordering = ["enterprise"]

    def __str__(self) -> str:
        return f"一企一策 · {self.enterprise}"

    def get_absolute_url(self) -> str:
        return reverse("pools:enterprise_plan", args=[self.enterprise_id])


class PlanAction(ScopedModel):
    """A step of the plan with a due date (e.g. "完成研发费用专账归集")."""

    plan = models.ForeignKey(
        EnterprisePlan,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("cultivation plan"),
    )
    title = models.CharField(_("action"), max_length=200)
    programme = models.CharField(
        pgettext_lazy("pools", "programme"), max_length=20, choices=Programme.choices, blank=True
    )
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    synthetic = models.BooleanField(
        pgettext_lazy("pools", "synthetic (demo) record"), default=False
    )

    scope_paths = PLAN_SCOPE

    class Meta:
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")
        ordering = ["done_on", "due_on", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()


class ServiceLogEntry(ScopedModel):
    """一对一服务 log: a visit, call or meeting and the needs the enterprise raised."""

    plan = models.ForeignKey(
        EnterprisePlan,
        on_delete=models.CASCADE,
        related_name="service_log",
        verbose_name=_("cultivation plan"),
    )
    happened_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=ServiceKind.choices)
    content = models.TextField(_("what was done"))
    needs = models.TextField(_("needs raised"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    synthetic = models.BooleanField(
        pgettext_lazy("pools", "synthetic (demo) record"), default=False
    )

    scope_paths = PLAN_SCOPE

    class Meta:
        verbose_name = _("service log entry")
        verbose_name_plural = _("service log")
        ordering = ["-happened_on", "-id"]

    def __str__(self) -> str:
        return f"{self.happened_on} {self.get_kind_display()}"
