from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from jiazhou_web.core.models import AuditLog


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin[AuditLog]):
    list_display = ["event_time", "actor_name", "event_type", "object_repr"]
    list_filter = ["event_type"]
    search_fields = ["object_repr", "actor_name"]
    readonly_fields = [f.name for f in AuditLog._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    """Admin pages that only show: the records change through the app's pages and actions."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
