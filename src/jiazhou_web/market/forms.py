from __future__ import annotations

from django import forms

from jiazhou_web.market.choices import RefusalReason, RevocationGround
from jiazhou_web.market.models import Achievement, Demand, Listing, TechContract


class AchievementForm(forms.ModelForm[Achievement]):
    class Meta:
        model = Achievement
        fields = [
            "title", "abstract", "field", "trl", "ip_type", "ip_number",
            "price_low", "price_high", "transfer_mode", "holder_kind", "contact",
        ]  # fmt: skip


class DemandForm(forms.ModelForm[Demand]):
    class Meta:
        model = Demand
        fields = ["title", "problem", "field", "budget", "min_trl", "deadline"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}


class ListingForm(forms.ModelForm[Listing]):
    class Meta:
        model = Listing
        fields = ["listing_class", "budget", "apply_deadline", "chain_segment"]
        widgets = {"apply_deadline": forms.DateInput(attrs={"type": "date"})}


class ContractForm(forms.ModelForm[TechContract]):
    class Meta:
        model = TechContract
        fields = [
            "registry", "title", "contract_type", "field", "ip_type", "buyer_name",
            "buyer_uscc", "buyer_region_code", "broker", "total_amount", "non_technical",
            "carrier_cost", "signed_on", "disputed",
        ]  # fmt: skip
        widgets = {"signed_on": forms.DateInput(attrs={"type": "date"})}


class ApplyForm(forms.Form):
    plan = forms.CharField(label="揭榜方案", widget=forms.Textarea(attrs={"rows": 3}))


class StepForm(forms.Form):
    note = forms.CharField(label="补正要求", required=False, max_length=200)
    reason = forms.ChoiceField(label="不予登记理由", choices=RefusalReason.choices, required=False)
    ground = forms.ChoiceField(label="撤销理由", choices=RevocationGround.choices, required=False)
    on = forms.DateField(
        label="日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label="到账日期", widget=forms.DateInput(attrs={"type": "date"}))
    amount = forms.DecimalField(label="到账金额（万元）", max_digits=14, decimal_places=4)
    invoice_no = forms.CharField(label="发票号", max_length=40, required=False)
