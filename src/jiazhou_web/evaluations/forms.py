"""Forms of the evaluation pages (choices come from the scheme library and the regions)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.evaluations.compute import evaluation_schemes
from jiazhou_web.evaluations.models import Park
from jiazhou_web.regions.models import Region

ZONE_CODE = "LS-HTZ"


def scheme_choices() -> list[tuple[str, str]]:
    return [(s.code, f"{s.title_zh}（{s.version}）") for s in evaluation_schemes()]


def cohort_choices() -> list[tuple[str, str]]:
    """The zone first, then the districts and counties (region level 3)."""
    out = [(f"zone:{ZONE_CODE}", "乐山高新区（全区企业）")]
    counties = Region.objects.filter(parent__code="511100").order_by("code")
    out += [(f"county:{r.code}", f"{r.name}（区县）") for r in counties]
    out += [(f"park:{p.code}", f"{p.name}（园区）") for p in Park.objects.order_by("code")]
    return out


class RunForm(forms.Form):
    scheme = forms.ChoiceField(label=_("Evaluation scheme"), choices=scheme_choices)
    eval_year = forms.IntegerField(label=_("Evaluation year"), min_value=2016, max_value=2100)
    cohort = forms.ChoiceField(label=pgettext_lazy("evaluation", "Cohort"), choices=cohort_choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["eval_year"].initial = timezone.localdate().year

    def cohort_parts(self) -> tuple[str, str]:
        kind, code = self.cleaned_data["cohort"].split(":", 1)
        return kind, code


class PublicityForm(forms.Form):
    days = forms.IntegerField(label="公示期（工作日）", min_value=1, max_value=30, initial=5)


class ObjectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the objection"), widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.CharField(
        label=_("Evidence (description)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    field = forms.CharField(label=_("Field to correct (optional)"), required=False)
    fiscal_year = forms.IntegerField(label=_("Year to correct"), required=False, min_value=2000)
    corrected_value = forms.DecimalField(label=_("Corrected value"), required=False, max_digits=20)


class DecisionForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label="复核结论",
        choices=[("1", "异议成立，更正数据并重算"), ("0", "异议不成立")],
        coerce=lambda v: v == "1",
    )
    decision = forms.CharField(label="复核意见", widget=forms.Textarea(attrs={"rows": 2}))
