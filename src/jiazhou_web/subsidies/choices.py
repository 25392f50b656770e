"""States and audit events of 政策兑现 and 科技创新券 (next-capabilities §1.2, §2.2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.core.audit import register_events


class Track(models.TextChoices):
    OFFER = "offer", _("No-application benefit")
    APPLY = "apply", _("Quick application")


class AppState(models.TextChoices):
    """§1.2 states (both tracks); 补正 pauses the working-day clock."""

    NOTIFIED = "notified", _("Offered, awaiting confirmation")
    DECLINED = "declined", _("Declined by the enterprise")
    EXPIRED = "expired", _("Lapsed unconfirmed")
    SUBMITTED = "submitted", _("Applied, awaiting acceptance")
    RETURNED = "returned", _("Returned for supplements")
    REJECTED = "rejected", pgettext_lazy("subsidy", "Not accepted")
    ACCEPTED = "accepted", _("Accepted (awaiting county review)")
    COUNTY_REVIEWED = "county_reviewed", _("County reviewed (awaiting city review)")
    CITY_REVIEWED = "city_reviewed", _("City reviewed (awaiting joint review)")
    JOINT_REVIEWED = "joint_reviewed", _("Joint review passed (awaiting publicity)")
    PUBLICISED = "publicised", pgettext_lazy("subsidy", "In publicity")
    OBJECTED = "objected", _("Objection under review")
    APPROVED = "approved", _("Approved, awaiting payment")
    IN_BATCH = "in_batch", _("In a payment batch")
    PAID = "paid", pgettext_lazy("subsidy", "Paid")
    CLAWED_BACK = "clawed_back", _("Clawed back")
    WITHDRAWN = "withdrawn", pgettext_lazy("subsidy", "Withdrawn")


OPEN_STATES = (
    AppState.NOTIFIED,
    AppState.SUBMITTED,
    AppState.RETURNED,
    AppState.ACCEPTED,
    AppState.COUNTY_REVIEWED,
    AppState.CITY_REVIEWED,
    AppState.JOINT_REVIEWED,
    AppState.PUBLICISED,
    AppState.OBJECTED,
    AppState.APPROVED,
    AppState.IN_BATCH,
)

# 免申即享: an offer not confirmed within this many working days lapses ([U] our proposal; the
# firm can still apply by 快申快享 or be offered again next round).
OFFER_REPLY_WD = 20

# review stage → (state before, state after, label)
REVIEW_STAGES = {
    "county": (AppState.ACCEPTED, AppState.COUNTY_REVIEWED, "县区审核"),
    "city": (AppState.COUNTY_REVIEWED, AppState.CITY_REVIEWED, "市级审核"),
    "joint": (AppState.CITY_REVIEWED, AppState.JOINT_REVIEWED, "部门联审"),
}


class BatchState(models.TextChoices):
    DRAFT = "draft", _("Being drawn up")
    SUBMITTED = "submitted", _("Submitted to finance")
    PAID = "paid", pgettext_lazy("subsidy", "Paid")


class LineState(models.TextChoices):
    PENDING = "pending", _("Awaiting payment")
    PAID = "paid", pgettext_lazy("subsidy", "Paid")
    RETURNED = "returned", _("Returned (account problem)")


class ObjectionState(models.TextChoices):
    FILED = "filed", pgettext_lazy("subsidy", "Awaiting review")
    UPHELD = "upheld", _("Objection upheld (not paid)")
    DISMISSED = "dismissed", _("Objection dismissed")


class ProviderState(models.TextChoices):
    APPLIED = "applied", _("Registration applied for")
    REGISTERED = "registered", pgettext_lazy("subsidy", "Registered")
    SUSPENDED = "suspended", pgettext_lazy("subsidy", "Suspended")


class VoucherState(models.TextChoices):
    ISSUED = "issued", pgettext_lazy("subsidy", "Issued")
    PARTLY_USED = "partly_used", _("Partly used")
    USED = "used", _("Used up")
    EXPIRED = "expired", pgettext_lazy("subsidy", "Expired")


class OrderState(models.TextChoices):
    DRAFT = "draft", _("Awaiting the provider's confirmation")
    CONFIRMED = "confirmed", _("Confirmed by the provider")
    REDEMPTION = "redemption", _("Redemption submitted")
    APPROVED = "approved", _("Redemption approved")
    REJECTED = "rejected", _("Redemption refused")
    PAID = "paid", _("Redeemed")


@register_events
class SubsidyEvent(models.TextChoices):
    LIBRARY_SYNCED = "subsidies.library_synced", _("Policy library synchronised")
    OFFERS_MADE = "subsidies.offers_made", _("No-application list drawn up and offered")
    OFFER_CONFIRMED = (
        "subsidies.offer_confirmed",
        _("Enterprise confirmed a no-application benefit"),
    )
    OFFER_DECLINED = "subsidies.offer_declined", _("Enterprise declined a no-application benefit")
    OFFERS_EXPIRED = "subsidies.offers_expired", _("No-application offers lapsed unconfirmed")
    APPLIED = "subsidies.applied", _("Enterprise applied (quick application)")
    RETURNED = "subsidies.returned", _("Returned by the window for supplements")
    RESUBMITTED = "subsidies.resubmitted", _("Enterprise resubmitted after supplements")
    ACCEPTED = "subsidies.accepted", pgettext_lazy("subsidy event", "Accepted")
    REJECTED = "subsidies.rejected", pgettext_lazy("subsidy", "Not accepted")
    REVIEWED = "subsidies.reviewed", _("Review opinion")
    PUBLICITY_STARTED = "subsidies.publicity_started", pgettext_lazy("subsidy", "Publicity started")
    OBJECTION_FILED = "subsidies.objection_filed", _("Objection in publicity")
    OBJECTION_DECIDED = "subsidies.objection_decided", _("Objection reviewed")
    APPROVED = "subsidies.approved", _("Payment approved")
    BATCH_CREATED = "subsidies.batch_created", _("Payment batch drawn up")
    BATCH_SUBMITTED = "subsidies.batch_submitted", _("Payment batch submitted to finance")
    BATCH_PAID = "subsidies.batch_paid", _("Payment batch paid")
    LINE_RETURNED = "subsidies.line_returned", _("Payment line returned")
    CLAWED_BACK = "subsidies.clawed_back", _("Funds clawed back")
    VOUCHER_BATCH_CREATED = "vouchers.batch_created", _("Voucher batch created")
    PROVIDER_REGISTERED = "vouchers.provider_registered", _("Service provider registered")
    PROVIDER_SUSPENDED = "vouchers.provider_suspended", _("Service provider suspended")
    VOUCHER_ISSUED = "vouchers.issued", _("Vouchers issued")
    ORDER_CREATED = "vouchers.order_created", _("Enterprise placed an order")
    ORDER_CONFIRMED = "vouchers.order_confirmed", _("Provider confirmed an order")
    REDEMPTION_SUBMITTED = (
        "vouchers.redemption_submitted",
        pgettext_lazy("subsidy event", "Redemption submitted"),
    )
    REDEMPTION_DECIDED = "vouchers.redemption_decided", _("Redemption decided")
