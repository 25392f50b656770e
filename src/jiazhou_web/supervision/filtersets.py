"""Filters of the item and notice lists (the light filter reads computed lights)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.accounts.models import Department
from jiazhou_web.core.filtersets import StyledFilterSet
from jiazhou_web.supervision.choices import Light, NoticeKind, NoticeStatus, Stage
from jiazhou_web.supervision.lights import lights_for
from jiazhou_web.supervision.models import Notice, TaskItem, TaskList
from jiazhou_web.supervision.working_calendar import current_calendar


class ItemFilterSet(StyledFilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    task_list = django_filters.ModelChoiceFilter(
        queryset=TaskList.objects.all(), label=pgettext_lazy("supervision", "List")
    )
    stage = django_filters.ChoiceFilter(choices=Stage.choices, label=_("Stage"))
    light = django_filters.ChoiceFilter(
        choices=Light.choices, method="filter_light", label=_("Light")
    )
    lead_unit = django_filters.ModelChoiceFilter(
        queryset=Department.objects.all(), label=_("Lead unit")
    )
    indicator = django_filters.CharFilter(method="filter_indicator", label=_("Indicator code"))

    class Meta:
        model = TaskItem
        fields = ["q", "task_list", "stage", "light", "lead_unit", "indicator"]

    def filter_q(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return qs.filter(Q(title__icontains=value) | Q(code__icontains=value))

    def filter_indicator(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return qs.filter(indicator_links__code=value.strip()).distinct()

    def filter_light(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        items = list(qs)
        readings = lights_for(items, timezone.now(), current_calendar())
        return qs.filter(pk__in=[pk for pk, r in readings.items() if r.light == value])


class NoticeFilterSet(StyledFilterSet):
    kind = django_filters.ChoiceFilter(choices=NoticeKind.choices, label=_("Colour"))
    status = django_filters.ChoiceFilter(choices=NoticeStatus.choices, label=_("Status"))
    unit = django_filters.ModelChoiceFilter(
        field_name="item__lead_unit", queryset=Department.objects.all(), label=_("Lead unit")
    )
    since = django_filters.DateFilter(
        field_name="issued_on", lookup_expr="gte", label=_("Issued from")
    )

    class Meta:
        model = Notice
        fields = ["kind", "status", "unit", "since"]
