"""Read-only admin views: index runs are written by actions only."""

from django.contrib import admin

from jiazhou_web.core.admin import ReadOnlyAdmin
from jiazhou_web.indices.models import IndexDefinition, IndexRun, UncertaintyResult


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
