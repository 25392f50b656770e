"""Filters of the scoring-run list and of a run's results."""

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from jiazhou_web.enterprises.choices import Programme
from jiazhou_web.scoring.choices import UnitStatus
from jiazhou_web.scoring.models import ScoringRun, UnitResult


class StyledFilterSet(django_filters.FilterSet):
    """Bootstrap classes on every filter widget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            select = hasattr(field, "choices")
            field.widget.attrs["class"] = (
                "form-select form-select-sm" if select else "form-control form-control-sm"
            )


class ScoringRunFilterSet(StyledFilterSet):
    programme = django_filters.ChoiceFilter(choices=Programme.choices, label=_("Programme"))
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
