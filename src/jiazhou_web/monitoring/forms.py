"""Forms of the reporting pages: open a batch, enter a value, explain a warning, return."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiazhou.humanize import period_zh
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


def open_periods(today: dt.date) -> list[tuple[Any, list[tuple[str, str]]]]:
    """The reporting periods open on ``today``, grouped by frequency, newest first.

    年度: this year and last; 年内累计: January to each month of this year (and last year's);
    时点存量: the end of each of the last 15 months. Labels are Chinese (2026年1—9月).
    """
    years = [today.year, today.year - 1]
    months = [
        (y, m) for y in years for m in range(12, 0, -1) if (y, m) <= (today.year, today.month)
    ]
    annual = [(str(y), f"{y}年") for y in years]
    to_date = [
        (f"{y}-01..{y}-{m:02d}", period_zh(f"{y}-01..{y}-{m:02d}")) for y, m in months if m > 1
    ]
    stock = [(f"asof:{y}-{m:02d}", period_zh(f"asof:{y}-{m:02d}")) for y, m in months[:15]]
    return [
        (_("Year"), annual),
        (_("Months to date (cumulative)"), to_date),
        (_("Month end (stock)"), stock),
    ]


class SubmissionForm(_Styled):
    unit = forms.ChoiceField(label="填报单位", choices=())
    period = forms.ChoiceField(
        label=_("Period"),
        choices=(),  # the open periods, set in __init__
        help_text=_("Open reporting periods: a year, months to date, or a month end (stock)."),
    )

    def __init__(self, *args: Any, units: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {u.key: u for u in units}
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ChoiceField)
        unit_field.choices = [(u.key, u.label) for u in units]
        period_field = self.fields["period"]
        assert isinstance(period_field, forms.ChoiceField)
        period_field.choices = open_periods(timezone.localdate())

    def clean_unit(self) -> Any:
        return self.units[self.cleaned_data["unit"]]

    def clean_period(self) -> str:
        period = str(self.cleaned_data["period"]).strip()
        errors = check_period(period)
        if errors:
            raise forms.ValidationError([str(e) for e in errors])
        return period


class IndicatorChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Indicators chosen by their Chinese name (with the unit), never by code."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.unit}）" if obj.unit else str(obj.name)


class ObservationForm(_Styled):
    indicator = IndicatorChoiceField(
        queryset=Indicator.objects.exclude(kind="status").order_by("position", "code"),
        label=_("Indicator"),
        to_field_name="code",
        error_messages={
            "invalid_choice": "所选指标不在本批次的填报范围内 / not an indicator of this batch"
        },
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

    def __init__(self, *args: Any, indicators: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if indicators is not None:  # the batch's own indicators only (permissions)
            field = self.fields["indicator"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = indicators

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
