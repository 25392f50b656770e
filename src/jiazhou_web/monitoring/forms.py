"""Forms of the reporting pages: open a batch, enter a value, explain a warning, return."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jiazhou_web.monitoring.choices import Qualifier
from jiazhou_web.monitoring.models import Indicator
from jiazhou_web.monitoring.validation import GROWTH_COLUMN, check_period, parse_number


class _Styled(forms.Form):
    """Bootstrap classes on every widget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault(
                "class", "form-select form-select-sm" if select else "form-control form-control-sm"
            )


class SubmissionForm(_Styled):
    region: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,  # set per user in __init__
        label=_("Region"),
    )
    period = forms.CharField(
        label=_("Period"),
        max_length=40,
        help_text=_("2025 (year), 2026-01..2026-09 (months to date) or asof:2026-09 (stock)"),
    )

    def __init__(self, *args: Any, regions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region_field = self.fields["region"]
        assert isinstance(region_field, forms.ModelChoiceField)
        from jiazhou_web.regions.models import Region

        region_field.queryset = Region.objects.filter(pk__in=[r.pk for r in regions])

    def clean_period(self) -> str:
        period = str(self.cleaned_data["period"]).strip()
        errors = check_period(period)
        if errors:
            raise forms.ValidationError([str(e) for e in errors])
        return period


class ObservationForm(_Styled):
    indicator = forms.ModelChoiceField(
        queryset=Indicator.objects.exclude(kind="status").order_by("code"),
        label=_("Indicator"),
        to_field_name="code",
    )
    value = forms.CharField(label=_("Value"), max_length=30)
    unit = forms.CharField(label=_("Unit"), max_length=20, required=False)
    qualifier = forms.ChoiceField(label=_("Qualifier"), choices=Qualifier.choices, required=False)
    yoy_growth_pct = forms.CharField(label=_("Year-on-year growth %"), required=False)
    explanation = forms.CharField(
        label=_("Explanation (needed for warnings)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_value(self) -> Any:
        number, errors = parse_number(self.cleaned_data["value"], "数值")
        if errors:
            raise forms.ValidationError([str(e) for e in errors])
        return number

    def clean_yoy_growth_pct(self) -> Any:
        raw = self.cleaned_data.get("yoy_growth_pct")
        if not raw:
            return None
        number, errors = parse_number(raw, "同比增长%", column=GROWTH_COLUMN)
        if errors:
            raise forms.ValidationError([str(e) for e in errors])
        return number


class ExplanationForm(_Styled):
    explanation = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class ReturnForm(_Styled):
    comment = forms.CharField(
        label=_("Return comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
