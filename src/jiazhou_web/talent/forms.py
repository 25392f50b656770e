"""Forms of 人才 pages."""

from __future__ import annotations

from django import forms

from jiazhou_web.talent.choices import CardClass, Service


class CardForm(forms.Form):
    card_class = forms.ChoiceField(label="卡类", choices=CardClass.choices)
    issued_on = forms.DateField(label="发卡日期", widget=forms.DateInput(attrs={"type": "date"}))


class ServiceForm(forms.Form):
    service = forms.ChoiceField(label="服务事项", choices=Service.choices)
    used_on = forms.DateField(label="服务日期", widget=forms.DateInput(attrs={"type": "date"}))
    provider = forms.CharField(label="服务单位", max_length=100)
    amount_yuan = forms.DecimalField(
        label="金额（元，可空）", min_value=0, max_digits=12, decimal_places=2, required=False
    )
