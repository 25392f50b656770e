"""Filters of the scoring-run list and of a run's results."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.core.filtersets import StyledFilterSet
from jiazhou_web.enterprises.choices import Programme
from jiazhou_web.scoring.choices import UnitStatus
from jiazhou_web.scoring.models import ScoringRun, UnitResult


class ScoringRunFilterSet(StyledFilterSet):
    programme = django_filters.ChoiceFilter(
        choices=Programme.choices, label=pgettext_lazy("scoring", "Programme")
    )
    scheme_code = django_filters.CharFilter(lookup_expr="icontains", label=_("Scheme"))
    eval_year = django_filters.NumberFilter(label=_("Evaluation year"))

    class Meta:
        model = ScoringRun
        fields = ["programme", "scheme_code", "eval_year"]


class UnitResultFilterSet(StyledFilterSet):
    q = django_filters.CharFilter(
        field_name="enterprise__name", lookup_expr="icontains", label=_("Enterprise")
    )
    status = django_filters.ChoiceFilter(choices=UnitStatus.choices, label=_("Result"))

    class Meta:
        model = UnitResult
        fields = ["q", "status"]
