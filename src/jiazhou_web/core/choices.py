"""Choice sets shared by every app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScopeKind(models.TextChoices):
    """数据范围: what part of the data a role assignment reaches."""

    CITY = "city", _("City-wide")
    REGION = "region", _("Region (county/district subtree)")
    ZONE = "zone", _("Functional zone")
    DEPARTMENT = "department", _("Department")
    ENTERPRISE = "enterprise", _("Own enterprise")
    PUBLIC = "public", _("Public")


class CoreEvent(models.TextChoices):
    """Audit events written by core and accounts actions."""

    LOGIN = "auth.login", _("Logged in")
    LOGIN_FAILED = "auth.login_failed", _("Login failed")
    LOGOUT = "auth.logout", _("Logged out")
    ACCOUNT_LOCKED = "auth.locked", _("Account locked")
    ACCOUNT_UNLOCKED = "auth.unlocked", _("Account unlocked")
    PASSWORD_CHANGED = "auth.password_changed", _("Password changed")
    USER_CREATED = "user.created", _("User created")
    ROLE_ASSIGNED = "user.role_assigned", _("Role assigned")
    DEPARTMENT_CREATED = "department.created", _("Department created")
    IMPORT_REJECTED = "import.rejected", _("Import rejected")
