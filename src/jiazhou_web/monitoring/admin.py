"""Read-mostly admin: reference data and targets; reported values change only through actions."""

from typing import Any

from django.contrib import admin

from jiazhou_web.monitoring import actions
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
    autocomplete_fields = ["indicator", "share_of"]
    fieldsets = [
        (None, {"fields": ["code", "indicator", "region", "target_year", "synthetic"]}),
        (
            "目标值 / target value",
            {"fields": ["comparator", "comparator_text", "value", "unit", "annual_flow"]},
        ),
        ("基期与进度期 / base and period", {"fields": ["base_year", "base_value", "base_date"]}),
        (
            "按水平值推算占比 / share derived from levels",
            {
                "description": "占全市比重等占比目标：填写上级地区与水平值指标，"
                "占比 = 本地区水平值 ÷ 上级地区水平值 × 100%。",
                "fields": ["parent_region", "share_of"],
            },
        ),
        ("出处 / source", {"fields": ["source_file", "source_quote", "notes"]}),
    ]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def save_model(self, request: Any, obj: Target, form: Any, change: bool) -> None:
        """Adds go through the action, so each new target has its audit row."""
        actions.save_new_target(obj, actor=request.user)


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin[Submission]):
    list_display = ["region", "period", "status", "synthetic"]
    list_filter = ["status"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin[SourceDocument]):
    list_display = ["file_name", "title", "document_number", "issued_on"]
