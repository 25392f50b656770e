"""Forms of 科技项目 pages (validation of shape; the rules are in the actions)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.enterprises.choices import Programme


def _lines(text: str) -> list[str]:
    return [
        x.strip() for x in text.replace("，", "\n").replace(",", "\n").splitlines() if x.strip()
    ]


class CallForm(forms.Form):
    code = forms.CharField(label=pgettext_lazy("project form", "Call number"), max_length=30)
    title = forms.CharField(label=_("Call title"), max_length=200)
    year = forms.IntegerField(
        label=pgettext_lazy("project form", "Year"), min_value=2000, max_value=2100
    )
    field = forms.CharField(label=_("Field supported (as in the expert pool)"), max_length=60)
    budget_yuan = forms.DecimalField(
        label=_("Public budget (yuan)"), min_value=0, max_digits=14, decimal_places=2
    )
    max_per_project_yuan = forms.DecimalField(
        label=_("Most per project (yuan)"), min_value=0, max_digits=14, decimal_places=2
    )
    opens = forms.DateField(
        label=pgettext_lazy("project form", "Applications open"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    closes = forms.DateField(
        label=pgettext_lazy("project form", "Applications close"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    eligible_programmes = forms.MultipleChoiceField(
        label=_("Eligibility: a valid qualification among these (none chosen: open to all)"),
        choices=Programme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    experts_per_application = forms.IntegerField(
        label=_("Experts per application"), min_value=1, max_value=15, initial=5
    )


class ApplicationForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("project form", "Project title"), max_length=200)
    summary = forms.CharField(
        label=_("Project summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    requested_yuan = forms.DecimalField(
        label=_("Public funding requested (yuan)"), min_value=0, max_digits=14, decimal_places=2
    )
    co_applicants = forms.CharField(
        label=_("Partners' unified social credit codes (one a line)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    team = forms.CharField(
        label=_("Project team members (one a line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    shareholders = forms.CharField(
        label=_("Main shareholders of the applicant (one a line)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("co_applicants", "team", "shareholders"):
            data[name] = _lines(data.get(name) or "")
        return data


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Reasons / opinion"), widget=forms.Textarea(attrs={"rows": 2}))


class ApproveForm(forms.Form):
    amount_yuan = forms.DecimalField(
        label=_("Funding approved (yuan)"), min_value=0, max_digits=14, decimal_places=2
    )


class ContractForm(forms.Form):
    start = forms.DateField(
        label=_("Task agreement starts"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Task agreement ends"), widget=forms.DateInput(attrs={"type": "date"})
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("milestone form", "Milestone"), max_length=200)
    due = forms.DateField(
        label=pgettext_lazy("milestone", "Due"), widget=forms.DateInput(attrs={"type": "date"})
    )
    budget_yuan = forms.DecimalField(
        label=_("Milestone budget (yuan)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
    )


class ScoreForm(forms.Form):
    score = forms.DecimalField(
        label=_("Score (0–100)"), min_value=0, max_value=100, decimal_places=2
    )
    comment = forms.CharField(
        label=_("Review comments"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ExtensionForm(forms.Form):
    asked_on = forms.DateField(
        label=_("Extension asked on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    new_end = forms.DateField(
        label=_("New end date"), widget=forms.DateInput(attrs={"type": "date"})
    )
