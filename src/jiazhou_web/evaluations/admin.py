from django.contrib import admin

from jiazhou_web.evaluations.models import Bank, BankMember


@admin.register(Bank)
class BankAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name")


@admin.register(BankMember)
class BankMemberAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "bank")
