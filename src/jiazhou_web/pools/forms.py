"""Forms of the 一企一策 page: officer, plan actions, service log and the what-if figures."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou.fields import field_map
from jiazhou_web.accounts.models import User
from jiazhou_web.enterprises.choices import Programme
from jiazhou_web.pools.choices import ServiceKind


class OfficerForm(forms.Form):
    officer = forms.ModelChoiceField(
        label=_("Service officer"), queryset=User.objects.none(), required=False
    )
    goal = forms.ChoiceField(
        label=_("Goal"), choices=[("", "—"), *Programme.choices], required=False
    )

    def __init__(self, *args: Any, officers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if officers is not None:
            self.fields["officer"].queryset = officers  # type: ignore[attr-defined]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"


class PlanActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))
    programme = forms.ChoiceField(
        label=pgettext_lazy("pools", "Programme"),
        choices=[("", "—"), *Programme.choices],
        required=False,
    )


class ServiceLogForm(forms.Form):
    happened_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ServiceKind.choices)
    content = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 2}))
    needs = forms.CharField(
        label=_("Needs raised"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


MONEY_SCALE = 10_000  # money is entered in 万元 and stored in 元


class WhatIfForm(forms.Form):
    """One field per annual figure the schemes read for Y-1; money in 万元."""

    def __init__(
        self, *args: Any, codes: list[str], current: dict[str, Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        specs = field_map()
        for code in codes:
            spec = specs[code]
            value = current.get(code)
            if spec.unit == "bool":
                self.fields[code] = forms.TypedChoiceField(
                    label=spec.name_zh,
                    choices=[("", "—"), ("1", "是"), ("0", "否")],
                    required=False,
                    coerce=int,
                    empty_value=None,
                    initial="" if value is None else ("1" if value else "0"),
                )
            else:
                money = spec.unit == "yuan"
                shown = None if value is None else (value / MONEY_SCALE if money else value)
                self.fields[code] = forms.FloatField(
                    label=f"{spec.name_zh}（万元）" if money else spec.name_zh,
                    required=False,
                    initial=None if shown is None else round(shown, 4),
                    widget=forms.NumberInput(attrs={"step": "any"}),
                )
            self.fields[code].widget.attrs["class"] = "form-control form-control-sm"

    def changes(self, current: dict[str, Any]) -> dict[str, float]:
        """Values (in 元) that differ from the stored ones; blanks keep what is stored."""
        specs = field_map()
        out: dict[str, float] = {}
        for code, value in self.cleaned_data.items():
            if value is None:
                continue
            stored = value * MONEY_SCALE if specs[code].unit == "yuan" else float(value)
            old = current.get(code)
            if old is None or abs(float(old) - stored) > 1e-9:
                out[code] = stored
        return out
