"""Filters of the indicator catalogue and the reporting batches."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.filtersets import StyledFilterSet
from jiazhou_web.monitoring.choices import Frequency, IndicatorKind, SubmissionStatus
from jiazhou_web.monitoring.models import Indicator, Submission


class IndicatorFilterSet(StyledFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or code"))
    kind = django_filters.ChoiceFilter(choices=IndicatorKind.choices, label=_("Kind"))
    frequency = django_filters.ChoiceFilter(choices=Frequency.choices, label=_("Frequency"))
    responsible_department = django_filters.CharFilter(
        field_name="responsible_department__name",
        lookup_expr="icontains",
        label=_("Responsible department"),
    )

    class Meta:
        model = Indicator
        fields = ["q", "kind", "frequency", "responsible_department"]

    def search(self, queryset: QuerySet[Indicator], name: str, value: str) -> QuerySet[Indicator]:
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))


class SubmissionFilterSet(StyledFilterSet):
    period = django_filters.CharFilter(lookup_expr="icontains", label=_("Period"))
    status = django_filters.ChoiceFilter(choices=SubmissionStatus.choices, label=_("Status"))
    region = django_filters.CharFilter(
        field_name="region__name", lookup_expr="icontains", label=_("Region")
    )

    class Meta:
        model = Submission
        fields = ["period", "status", "region"]
