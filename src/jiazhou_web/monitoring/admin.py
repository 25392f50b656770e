"""Read-mostly admin: reference data and targets; reported values change only through actions."""

from django.contrib import admin

from jiazhou_web.monitoring.models import Indicator, SourceDocument, Submission, Target


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin[Indicator]):
    list_display = ["code", "name", "unit", "kind", "frequency", "responsible_department"]
    search_fields = ["code", "name"]
    readonly_fields = ["responsible_department", "department_is_demo"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin[Target]):
    list_display = [
        "code",
        "indicator",
        "region",
        "target_year",
        "comparator",
        "value",
        "synthetic",
    ]
    list_filter = ["synthetic", "target_year"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin[Submission]):
    list_display = ["region", "period", "status", "synthetic"]
    list_filter = ["status"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin[SourceDocument]):
    list_display = ["file_name", "title", "document_number", "issued_on"]
