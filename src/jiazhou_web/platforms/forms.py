"""Forms of 创新平台 pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.platforms.choices import Evaluation, Kind, Level
from jiazhou_web.regions.models import Region


class PlatformForm(forms.Form):
    name = forms.CharField(label=_("Platform name"), max_length=200)
    kind = forms.ChoiceField(label=pgettext_lazy("platform", "Kind"), choices=Kind.choices)
    level = forms.ChoiceField(label=pgettext_lazy("project", "Level"), choices=Level.choices)
    host_name = forms.CharField(label=_("Host organisation"), max_length=200)
    region = forms.ModelChoiceField(
        label=pgettext_lazy("platform", "District/county"),
        queryset=Region.objects.filter(kind__in=["district", "county", "city"]).order_by("code"),
    )
    field = forms.CharField(
        label=pgettext_lazy("platform", "Technology field"), max_length=60, required=False
    )
    chain_segment = forms.CharField(
        label=_("Industry-chain segment"), max_length=100, required=False
    )
    recognised_on = forms.DateField(
        label=_("Recognised on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    recognised_by = forms.CharField(
        label=_("Recognition document (number)"), max_length=200, required=False
    )
    source = forms.CharField(label=_("Source of information"), max_length=200)


class EvaluationForm(forms.Form):
    evaluated_on = forms.DateField(
        label=_("Assessed on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    result = forms.ChoiceField(label=_("Assessment result"), choices=Evaluation.choices)


class ReportForm(forms.Form):
    year = forms.IntegerField(
        label=pgettext_lazy("platform", "Year"), min_value=1990, max_value=2100
    )
    rd_spending_yuan = forms.DecimalField(
        label=_("R&D spending (yuan)"), min_value=0, max_digits=14, decimal_places=2
    )
    staff = forms.IntegerField(label=_("R&D staff (persons)"), min_value=0, max_value=1_000_000)
    projects = forms.IntegerField(
        label=_("Projects undertaken (items)"), min_value=0, max_value=100_000, initial=0
    )
    patents = forms.IntegerField(
        label=_("Invention patents granted (items)"), min_value=0, max_value=100_000, initial=0
    )
