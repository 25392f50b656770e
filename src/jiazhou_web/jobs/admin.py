from django.contrib import admin

from jiazhou_web.core.admin import ReadOnlyAdmin
from jiazhou_web.jobs.models import Job


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ("id", "label", "kind", "status", "progress", "started_by", "created_at")
    list_filter = ("kind", "status")
