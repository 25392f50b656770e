from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from jiazhou_web.accounts.models import Department, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline[RoleAssignment, User]):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    raw_id_fields = ["enterprise"]


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    inlines = [RoleAssignmentInline]
    list_display = ["username", "display_name", "department", "is_active", "locked_until"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin[Department]):
    list_display = ["code", "name", "kind", "region"]
