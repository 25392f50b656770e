from django.contrib import admin

from jiazhou_web.regions.models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin[Region]):
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["kind"]
