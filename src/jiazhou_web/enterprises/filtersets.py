"""Filters of the enterprise register (list page, export)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.filtersets import StyledFilterSet
from jiazhou_web.enterprises.choices import Programme, SizeClass, TechField
from jiazhou_web.enterprises.models import Certificate, Enterprise, Industry
from jiazhou_web.regions.models import Region

YES_NO = (("yes", _("Yes")), ("no", _("No")))


def industry_choices() -> list[tuple[str, str]]:
    """门类 and 大类 of GB/T 4754-2017, for filtering by code prefix."""
    return [
        (code, f"{code} {name}" if level == 1 else f"　{code} {name}")
        for code, name, level in Industry.objects.filter(level__lte=2).values_list(
            "code", "name", "level"
        )
    ]


class EnterpriseFilterSet(StyledFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or USCC"))
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.counties(), label=_("District/county")
    )
    in_zone = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_in_zone", label=_("In the high-tech zone")
    )
    industry = django_filters.ChoiceFilter(
        choices=industry_choices, method="filter_industry", label=_("Industry")
    )
    tech_field = django_filters.ChoiceFilter(choices=TechField.choices, label=_("Technology field"))
    size_class = django_filters.ChoiceFilter(choices=SizeClass.choices, label=_("Size class"))
    programme = django_filters.ChoiceFilter(
        choices=Programme.choices, method="filter_programme", label=_("Holds a valid")
    )
    synthetic = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_synthetic", label=_("Synthetic data")
    )

    class Meta:
        model = Enterprise
        fields = ["q", "region", "in_zone", "industry", "tech_field", "size_class", "programme"]

    def search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(uscc__icontains=value.upper()))

    def filter_in_zone(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(zone__isnull=value != "yes")

    def filter_industry(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(industry__code__startswith=value)

    def filter_programme(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        holders = Certificate.objects.valid_on().filter(programme=value).values("enterprise_id")
        return queryset.filter(pk__in=holders)

    def filter_synthetic(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(synthetic=value == "yes")
