from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.market.choices import RefusalReason, RevocationGround
from jiazhou_web.market.models import Achievement, Demand, Listing, TechContract


class AchievementForm(forms.ModelForm[Achievement]):
    class Meta:
        model = Achievement
        fields = [
            "title", "abstract", "field", "trl", "ip_type", "ip_number",
            "price_low", "price_high", "transfer_mode", "holder_kind", "contact",
        ]  # fmt: skip
        # the models' verbose names are Chinese (the admin's); the form speaks the reader's language
        labels = {
            "title": _("Achievement title"),
            "abstract": pgettext_lazy("achievement", "Summary"),
            "field": pgettext_lazy("market", "Technology field"),
            "trl": _("Technology readiness level (1–9)"),
            "ip_type": _("Type of intellectual property"),
            "ip_number": _("IP registration number"),
            "price_low": _("Asking price from (10k yuan)"),
            "price_high": _("Asking price up to (10k yuan)"),
            "transfer_mode": _("Transfer mode"),
            "holder_kind": _("Kind of holder"),
            "contact": _("Contact person and phone"),
        }


class DemandForm(forms.ModelForm[Demand]):
    class Meta:
        model = Demand
        fields = ["title", "problem", "field", "budget", "min_trl", "deadline"]
        labels = {
            "title": _("Demand title"),
            "problem": _("Technical problem"),
            "field": pgettext_lazy("market", "Technology field"),
            "budget": _("Budget (10k yuan)"),
            "min_trl": _("Minimum technology readiness level"),
            "deadline": _("Wanted solved by"),
        }
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}


class ListingForm(forms.ModelForm[Listing]):
    class Meta:
        model = Listing
        fields = ["listing_class", "budget", "apply_deadline", "chain_segment"]
        labels = {
            "listing_class": _("Listing class"),
            "budget": _("Listing amount (10k yuan)"),
            "apply_deadline": _("Applications close on"),
            "chain_segment": _("Industry chain segment"),
        }
        widgets = {"apply_deadline": forms.DateInput(attrs={"type": "date"})}


class ContractForm(forms.ModelForm[TechContract]):
    class Meta:
        model = TechContract
        fields = [
            "registry", "title", "contract_type", "field", "ip_type", "buyer_name",
            "buyer_uscc", "buyer_region_code", "broker", "total_amount", "non_technical",
            "carrier_cost", "signed_on", "disputed",
        ]  # fmt: skip
        labels = {
            "registry": _("Registry"),
            "title": _("Contract title"),
            "contract_type": _("Contract type"),
            "field": pgettext_lazy("market", "Technology field"),
            "ip_type": _("Type of intellectual property"),
            "buyer_name": _("Buyer"),
            "buyer_uscc": _("Buyer's unified social credit code"),
            "buyer_region_code": _("Buyer's region code"),
            "broker": _("Intermediary (technology broker)"),
            "total_amount": _("Contract value (10k yuan)"),
            "non_technical": _("Non-technical costs (10k yuan)"),
            "carrier_cost": _("Technology carrier costs (not deducted, 10k yuan)"),
            "signed_on": _("Signed on"),
            "disputed": _("Disputed"),
        }
        widgets = {"signed_on": forms.DateInput(attrs={"type": "date"})}


class ApplyForm(forms.Form):
    plan = forms.CharField(label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 3}))


class StepForm(forms.Form):
    note = forms.CharField(label=_("Documents to supplement"), required=False, max_length=200)
    reason = forms.ChoiceField(
        label=_("Reason for refusing registration"), choices=RefusalReason.choices, required=False
    )
    ground = forms.ChoiceField(
        label=_("Ground for revocation"), choices=RevocationGround.choices, required=False
    )
    on = forms.DateField(
        label=pgettext_lazy("market", "Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class PaymentForm(forms.Form):
    paid_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    amount = forms.DecimalField(
        label=_("Amount received (10k yuan)"), max_digits=14, decimal_places=4
    )
    invoice_no = forms.CharField(label=_("Invoice number"), max_length=40, required=False)
