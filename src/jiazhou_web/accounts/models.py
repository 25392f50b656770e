"""Users, departments (责任单位) and role assignments with data scopes."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiazhou_web.accounts.choices import DepartmentKind, Role
from jiazhou_web.core.choices import ScopeKind
from jiazhou_web.core.models import TimeStampedModel


class Department(TimeStampedModel):
    """A government unit: 市科技局, 市经信局, 高新区管委会, a county bureau, ..."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=DepartmentKind.choices)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="departments",
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in. Login failures lock the account for a while."""

    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    failed_logins = models.PositiveSmallIntegerField(_("consecutive failed logins"), default=0)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def active(self, on: Any = None) -> RoleAssignmentQuerySet:
        """Assignments in force on ``on`` (default today)."""
        day = on or timezone.localdate()
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class RoleAssignment(TimeStampedModel):
    """A role held by a user over one data scope (全市 / 区县 / 高新区 / 责任单位 / 企业 / 公众)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    scope_kind = models.CharField(_("scope"), max_length=20, choices=ScopeKind.choices)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region or zone"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                name="role_scope_has_its_target",
                condition=(
                    Q(scope_kind__in=[ScopeKind.CITY, ScopeKind.PUBLIC])
                    | Q(scope_kind__in=[ScopeKind.REGION, ScopeKind.ZONE], region__isnull=False)
                    | Q(scope_kind=ScopeKind.DEPARTMENT, department__isnull=False)
                    | Q(scope_kind=ScopeKind.ENTERPRISE, enterprise__isnull=False)
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} · {self.scope_label}"

    @property
    def scope_label(self) -> str:
        target = self.region or self.department or self.enterprise
        return str(target) if target else str(self.get_scope_kind_display())


class LoginThrottle(models.Model):
    """Failed logins counted per key: an account, a client address, or the pair of both.

    Keys exist for unknown usernames too, so a locked name answers the same whether or not the
    account exists. A count starts again once its lock (or its counting window) has expired.
    """

    key = models.CharField(_("key"), max_length=250, unique=True)
    failures = models.PositiveIntegerField(_("failures"), default=0)
    first_failure_at = models.DateTimeField(_("first failure"))
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("login throttle")
        verbose_name_plural = _("login throttles")

    def __str__(self) -> str:
        return self.key
