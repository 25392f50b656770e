from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from jiazhou_web.accounts import actions as account_actions
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
    actions = ["unlock"]

    @admin.action(description=_("Unlock the selected accounts (audited)"))
    def unlock(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            account_actions.unlock_user(user, actor=request.user)
        self.message_user(
            request, f"已解锁 {queryset.count()} 个账号 / unlocked {queryset.count()}"
        )


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin[Department]):
    list_display = ["code", "name", "kind", "region"]
