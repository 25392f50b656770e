"""Admin: the holiday table is edited here (through the actions); other models read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from jiazhou_web.core.admin import ReadOnlyAdmin
from jiazhou_web.supervision import actions
from jiazhou_web.supervision.models import Holiday, Notice, TaskItem, TaskList


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin[Holiday]):
    list_display = ["day", "kind", "name_zh", "year", "source"]
    list_filter = ["kind", "year"]
    search_fields = ["name", "name_zh"]
    fields = ["day", "kind", "name", "name_zh", "year", "source"]

    def save_model(self, request: HttpRequest, obj: Holiday, form: Any, change: bool) -> None:
        saved = actions.save_holiday(
            Holiday.objects.get(pk=obj.pk) if change else None,
            day=obj.day,
            kind=obj.kind,
            name=obj.name,
            name_zh=obj.name_zh,
            year=obj.year,
            source=obj.source,
            actor=request.user,
        )
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: Holiday) -> None:
        actions.delete_holiday(obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset.order_by("day"):
            actions.delete_holiday(obj, actor=request.user)


# Lists, items and notices change through the supervision pages (which call the actions).
@admin.register(TaskList)
class TaskListAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "kind", "year"]


@admin.register(TaskItem)
class TaskItemAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "task_list", "lead_unit", "stage", "deadline"]
    list_filter = ["task_list", "stage"]
    search_fields = ["code", "title"]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["number", "item", "kind", "level", "status", "issued_on", "respond_by"]
    list_filter = ["kind", "status"]
