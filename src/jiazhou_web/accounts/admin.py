"""The Django admin shows users, role assignments and departments read-only: every change goes
through the audited actions of the roles page (系统 → 用户与角色, ``accounts.views``)."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from jiazhou_web.accounts.models import Department, RoleAssignment, User


class ReadOnlyAdmin:
    """No add, change or delete in the admin (view permission only)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RoleAssignmentInline(ReadOnlyAdmin, admin.TabularInline[RoleAssignment, User]):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    fields = ("role", "scope_kind", "region", "department", "enterprise", "valid_from", "valid_to")
    readonly_fields = fields


@admin.register(User)
class UserAdmin(ReadOnlyAdmin, BaseUserAdmin[User]):
    inlines = [RoleAssignmentInline]
    list_display = ["username", "display_name", "department", "is_active", "locked_until"]
    actions = None


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnlyAdmin, admin.ModelAdmin[RoleAssignment]):
    list_display = ["user", "role", "scope_kind", "region", "department", "valid_from", "valid_to"]
    list_filter = ["role", "scope_kind"]
    list_select_related = ["user", "region", "department"]


@admin.register(Department)
class DepartmentAdmin(ReadOnlyAdmin, admin.ModelAdmin[Department]):
    list_display = ["code", "name", "kind", "region"]
