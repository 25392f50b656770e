"""The styled base of list filters, and the filters of the audit log list."""

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.widgets import speed_up


class StyledFilterSet(django_filters.FilterSet):
    """The base of every list's filters: Bootstrap's small controls, and the plain widgets
    swapped for their Python-rendered twins (``core.widgets``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            speed_up(field)
            select = hasattr(field, "choices")
            field.widget.attrs["class"] = (
                "form-select form-select-sm" if select else "form-control form-control-sm"
            )


class AuditLogFilterSet(StyledFilterSet):
    q = django_filters.CharFilter(
        field_name="object_repr", lookup_expr="icontains", label=_("Object")
    )
    actor_name = django_filters.CharFilter(lookup_expr="icontains", label=_("Actor"))
    event_type = django_filters.CharFilter(lookup_expr="startswith", label=_("Event type"))
    since = django_filters.DateFilter(
        field_name="event_time", lookup_expr="date__gte", label=_("From")
    )

    class Meta:
        model = AuditLog
        fields = ["q", "actor_name", "event_type", "since"]
