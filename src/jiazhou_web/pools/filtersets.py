"""Filters of the near-eligible list and the pool membership list."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.core.filtersets import StyledFilterSet
from jiazhou_web.enterprises.choices import Programme, SizeClass
from jiazhou_web.enterprises.filtersets import industry_choices
from jiazhou_web.pools.choices import MembershipStatus
from jiazhou_web.pools.models import PoolMembership
from jiazhou_web.regions.models import Region
from jiazhou_web.scoring.models import UnitResult


def _counties(request: object) -> QuerySet[Region]:
    return Region.objects.counties().order_by("code")


def _zones(request: object) -> QuerySet[Region]:
    return Region.objects.zones().order_by("code")


class EnterpriseFilters(StyledFilterSet):
    """Region, zone, industry and size of the enterprise behind each row."""

    q = django_filters.CharFilter(
        field_name="enterprise__name", lookup_expr="icontains", label=_("Enterprise")
    )
    region = django_filters.ModelChoiceFilter(
        field_name="enterprise__region", queryset=_counties, label=_("District/county")
    )
    zone = django_filters.ModelChoiceFilter(
        field_name="enterprise__zone", queryset=_zones, label=_("Functional zone")
    )
    industry = django_filters.ChoiceFilter(
        choices=industry_choices, method="in_industry", label=_("Industry")
    )
    size = django_filters.ChoiceFilter(
        field_name="enterprise__size_class", choices=SizeClass.choices, label=_("Size class")
    )

    def in_industry(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        """The industry and every class below it (codes carry their 门类 letter as prefix)."""
        return queryset.filter(enterprise__industry__code__startswith=value)


class NearEligibleFilterSet(EnterpriseFilters):
    programme = django_filters.ChoiceFilter(
        choices=[(p, label) for p, label in Programme.choices if p != Programme.NEW_TRACK],
        method="keep",
        label=pgettext_lazy("pools", "Programme"),
        empty_label=None,
    )

    all = django_filters.ChoiceFilter(
        choices=[("1", _("All failing enterprises"))],
        method="keep",
        label=_("List"),
        empty_label=_("Shortlist (near the line)"),
    )

    def keep(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset  # the view selects the programme's results before filtering

    class Meta:
        model = UnitResult
        fields = ["programme", "all", "q", "region", "zone", "industry", "size"]


class MembershipFilterSet(EnterpriseFilters):
    programme = django_filters.ChoiceFilter(
        choices=Programme.choices, label=pgettext_lazy("pools", "Programme")
    )
    status = django_filters.ChoiceFilter(choices=MembershipStatus.choices, label=_("Status"))
    current = django_filters.BooleanFilter(
        field_name="ended_on", lookup_expr="isnull", label=_("Current only")
    )
    expiring_within = django_filters.NumberFilter(
        method="filter_expiring", label=_("Certificate expires within (days)"), min_value=0
    )

    class Meta:
        model = PoolMembership
        fields = [
            "programme",
            "status",
            "current",
            "expiring_within",
            "q",
            "region",
            "zone",
            "industry",
            "size",
        ]

    def filter_expiring(self, queryset: Any, name: str, value: Any) -> Any:
        """Certificates whose validity ends between today and today + ``value`` days."""
        return queryset.filter(valid_to__range=expiring_window(int(value)))


def expiring_window(days: int) -> tuple[Any, Any]:
    """(today, today + ``days``) in Asia/Shanghai: the certificates a renewal must start for."""
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    return today, today + dt.timedelta(days=days)
