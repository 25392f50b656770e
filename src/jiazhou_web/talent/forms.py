"""Forms of 人才 pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.talent.choices import CardClass, Service


class CardForm(forms.Form):
    card_class = forms.ChoiceField(label=_("Card class"), choices=CardClass.choices)
    issued_on = forms.DateField(
        label=pgettext_lazy("talent card", "Issued on"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class ServiceForm(forms.Form):
    service = forms.ChoiceField(label=pgettext_lazy("talent", "Service"), choices=Service.choices)
    used_on = forms.DateField(
        label=_("Service date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    provider = forms.CharField(label=pgettext_lazy("talent", "Service provider"), max_length=100)
    amount_yuan = forms.DecimalField(
        label=_("Amount (yuan, optional)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        required=False,
    )
