"""Read-only admin views: index runs are written by actions only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from jiazhou_web.indices.models import IndexDefinition, IndexRun, UncertaintyResult


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(IndexDefinition)
class IndexDefinitionAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "preset", "framework_version", "target_value", "target_year"]


@admin.register(IndexRun)
class IndexRunAdmin(ReadOnlyAdmin):
    list_display = [
        "definition",
        "year",
        "framework_version",
        "data_hash",
        "synthetic",
        "computed_at",
    ]
    list_filter = ["definition", "year", "synthetic"]


@admin.register(UncertaintyResult)
class UncertaintyResultAdmin(ReadOnlyAdmin):
    list_display = ["run", "n", "seed", "replications", "computed_at"]
