"""政策兑现 and 科技创新券 records. Money is ``Decimal`` (元, two places); rules live in
``jiazhou.policies`` (the library files), and every clause version an application was evaluated
under is kept (``ClauseVersion``), so editing a clause never changes a running application."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.scopes import ScopedModel
from jiazhou_web.subsidies.choices import (
    AppState,
    BatchState,
    LineState,
    ObjectionState,
    OrderState,
    ProviderState,
    Track,
    VoucherState,
)

ENTERPRISE_SCOPE = {
    "region": ("enterprise__region__code", "enterprise__zone__code"),
    "enterprise": ("enterprise_id",),
}
ZERO = Decimal("0.00")


if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise
else:
    StrOrPromise = str


def money(verbose: StrOrPromise, **kw: Any) -> Any:
    return models.DecimalField(
        verbose, max_digits=14, decimal_places=2, validators=[MinValueValidator(ZERO)], **kw
    )


class PolicyDoc(models.Model):
    """A policy document version from ``src/jiazhou/policies/library`` (reference data)."""

    code = models.CharField(_("Policy code"), max_length=80)
    version = models.CharField(_("Version"), max_length=40)
    title_zh = models.CharField(_("Policy title"), max_length=200)
    document = models.CharField(_("Document number"), max_length=200)
    issuer = models.CharField(_("Issued by"), max_length=200)
    status = models.CharField(_("Status"), max_length=20)
    tag = models.CharField(_("Basis reliability"), max_length=2)
    effective_from = models.DateField(_("In force from"))
    effective_to = models.DateField(_("In force until"), null=True, blank=True)
    notes = models.TextField(_("Explanation"), blank=True)
    source_hash = models.CharField(_("File digest"), max_length=64)
    synced = models.DateTimeField(_("Synchronised at"), auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = _("Policy")
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="policy_version")]

    def __str__(self) -> str:
        return self.title_zh


class ClauseVersion(models.Model):
    """One clause (惠企事项) of one policy version, frozen: applications point here."""

    policy = models.ForeignKey(
        PolicyDoc, on_delete=models.PROTECT, related_name="clauses", verbose_name=_("Policy")
    )
    code = models.CharField(_("Clause code"), max_length=80)
    key = models.CharField(_("Clause version key"), max_length=200, unique=True)
    ref = models.CharField(_("Clause"), max_length=200)
    title_zh = models.CharField(_("Item title"), max_length=300)
    klass = models.CharField(_("Category"), max_length=10)
    delivery = models.CharField(_("Payment mode"), max_length=10)
    tag = models.CharField(_("Basis reliability"), max_length=2)
    cite = models.CharField(_("Legal basis"), max_length=400)
    priced = models.BooleanField(_("Amount known"), default=True)
    amount_zh = models.CharField(_("Amount rule"), max_length=400)
    budget = money(_("Annual budget (yuan)"), null=True, blank=True)
    publicity_days = models.PositiveSmallIntegerField(_("Publicity working days"), default=7)
    deadline_wd = models.PositiveSmallIntegerField(
        _("Payment time limit (working days)"), default=60
    )
    evidence = models.JSONField(_("Documents still required"), default=list)
    reviewers = models.JSONField(_("Joint review departments"), default=list)

    class Meta:
        verbose_name = verbose_name_plural = _("Policy clause")
        ordering = ["policy__code", "code"]

    def __str__(self) -> str:
        return f"{self.ref} {self.title_zh}"


class Application(ScopedModel):
    """One firm × clause × year: a 免申即享 offer or a 快申快享 application, to payment."""

    clause = models.ForeignKey(
        ClauseVersion,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("Policy clause"),
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        related_name="subsidy_applications",
        verbose_name=_("enterprise"),
    )
    year = models.PositiveSmallIntegerField(_("Payment year"))
    track = models.CharField(_("Payment mode"), max_length=10, choices=Track.choices)
    state = models.CharField(_("Status"), max_length=20, choices=AppState.choices)
    base_declared = money(_("Declared basis (yuan)"), null=True, blank=True)
    computed = money(_("Computed amount (yuan)"), null=True, blank=True)
    approved_amount = money(_("Approved amount (yuan)"), null=True, blank=True)
    paid_amount = money(_("Paid (yuan)"), null=True, blank=True)
    explanation = models.JSONField(_("Condition check"), default=dict)
    bank_account = models.CharField(_("Receiving account"), max_length=40, blank=True)
    bank_name = models.CharField(_("Bank of account"), max_length=100, blank=True)
    declaration = models.BooleanField(_("Commitment declared"), default=False)
    message = models.TextField(_("Desk comments"), blank=True)
    accepted_at = models.DateTimeField(_("Received at"), null=True, blank=True)
    pauses = models.JSONField(
        _("Paused for supplements"), default=list
    )  # [[start, end|null], …] ISO instants
    publicity_start = models.DateField(_("Publicity starts"), null=True, blank=True)
    publicity_end = models.DateField(_("Publicity ends on"), null=True, blank=True)
    paid_at = models.DateTimeField(_("Paid at"), null=True, blank=True)
    created = models.DateTimeField(_("Created at"), auto_now_add=True)
    updated = models.DateTimeField(_("Updated at"), auto_now=True)

    scope_paths = ENTERPRISE_SCOPE

    class Meta:
        verbose_name = verbose_name_plural = _("Payment application")
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "clause", "year"], name="one_application_per_firm_clause_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.clause.title_zh} · {self.year}"


class Opinion(models.Model):
    """A reviewer's recorded opinion at one stage (受理, 县区, 市级, 联审, 异议)."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="opinions",
        verbose_name=_("Payment application"),
    )
    stage = models.CharField(_("Step"), max_length=20)
    department = models.CharField(_("Department"), max_length=100, blank=True)
    decision = models.CharField(_("Conclusion"), max_length=20)
    comment = models.TextField(_("Comments"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name=_("actor")
    )
    at = models.DateTimeField(_("Time"), auto_now_add=True)

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "stage", "department"], name="one_opinion_per_stage_dept"
            )
        ]

    def __str__(self) -> str:
        return f"{self.stage} {self.decision}"


class Objection(models.Model):
    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="objections",
        verbose_name=_("Payment application"),
    )
    text = models.TextField(_("Objection"))
    filer_name = models.CharField(_("Named"), max_length=50)
    state = models.CharField(
        _("Status"), max_length=20, choices=ObjectionState.choices, default=ObjectionState.FILED
    )
    decision = models.TextField(_("Re-check comments"), blank=True)
    filed_at = models.DateTimeField(_("Raised at"), auto_now_add=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["filed_at", "id"]

    def __str__(self) -> str:
        return f"{self.filer_name}：{self.text[:20]}"


class PaymentBatch(models.Model):
    """A 财政 payment batch: its total always equals the sum of its lines (action + check)."""

    number = models.CharField(_("Batch number"), max_length=40, unique=True)
    state = models.CharField(_("Status"), max_length=20, choices=BatchState.choices)
    total = money(_("Total (yuan)"), default=ZERO)
    line_count = models.PositiveIntegerField(_("Payments"), default=0)
    finance_voucher = models.CharField(_("Treasury voucher number"), max_length=60, blank=True)
    created = models.DateTimeField(_("Prepared at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    paid_at = models.DateTimeField(_("Paid at"), null=True, blank=True)
    updated = models.DateTimeField(_("Updated at"), auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = _("Payment batch")
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(total__gte=0), name="batch_total_not_negative"),
            models.CheckConstraint(
                condition=Q(line_count=0, total=0) | Q(line_count__gt=0),
                name="batch_empty_has_zero_total",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class PaymentLine(models.Model):
    batch = models.ForeignKey(
        PaymentBatch,
        on_delete=models.PROTECT,
        related_name="lines",
        verbose_name=_("Payment batch"),
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="payment_lines",
        verbose_name=_("Payment application"),
    )
    amount = money(_("Amount (yuan)"))
    city_share = money(_("City share (yuan)"), null=True, blank=True)
    county_share = money(_("County share (yuan)"), null=True, blank=True)
    state = models.CharField(_("Status"), max_length=20, choices=LineState.choices)
    note = models.CharField(_("Explanation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("payment line")
        verbose_name_plural = _("payment lines")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_line_positive"),
            # an application is paid once: one live line (a returned line may be re-batched)
            models.UniqueConstraint(
                fields=["application"],
                condition=~Q(state="returned"),
                name="one_live_payment_line",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch} · {self.amount}"


class Clawback(models.Model):
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="clawbacks",
        verbose_name=_("Payment application"),
    )
    amount = money(_("Recovered (yuan)"))
    reason = models.CharField(_("Cause"), max_length=300)
    created = models.DateTimeField(_("Time"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name=_("created by")
    )

    class Meta:
        verbose_name = _("clawback")
        verbose_name_plural = _("clawbacks")
        ordering = ["-created"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="clawback_positive")]

    def __str__(self) -> str:
        return f"{self.application} · {self.amount}"


# --- 科技创新券 -------------------------------------------------------------------------------


class VoucherBatch(models.Model):
    code = models.CharField(_("Batch number"), max_length=40, unique=True)
    title = models.CharField(_("Name"), max_length=200)
    budget = money(_("Budget (yuan)"))
    face_value = money(_("Face value per voucher (yuan)"))
    share = models.DecimalField(_("Voucher share of cost"), max_digits=5, decimal_places=4)
    per_order_cap = money(_("Most per order (yuan)"), null=True, blank=True)
    firm_year_cap = money(_("Most per enterprise per year (yuan)"), null=True, blank=True)
    valid_from = models.DateField(_("Valid from"))
    valid_to = models.DateField(_("Valid until"))
    services = models.JSONField(_("Services allowed"), default=list)
    provider_redeemed = models.BooleanField(
        _("Paid to the provider (otherwise refunded to the enterprise)"), default=True
    )
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("Created at"))

    class Meta:
        verbose_name = verbose_name_plural = _("Voucher batch")
        ordering = ["-valid_from", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(share__gt=0, share__lte=1), name="voucher_share_in_0_1"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__gte=models.F("valid_from")), name="voucher_validity"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Provider(models.Model):
    name = models.CharField(_("Provider name"), max_length=200)
    uscc = models.CharField(_("Unified social credit code"), max_length=18, unique=True)
    state = models.CharField(_("Status"), max_length=20, choices=ProviderState.choices)
    scopes = models.JSONField(_("Registered services"), default=list)
    price_list = models.JSONField(_("Registered prices (yuan)"), default=dict)
    legal_rep = models.CharField(_("Legal representative"), max_length=50, blank=True)
    shareholders = models.JSONField(_("Shareholders"), default=list)
    phone = models.CharField(_("Contact phone"), max_length=30, blank=True)
    address = models.CharField(_("Address"), max_length=200, blank=True)
    registered_from = models.DateField(_("Registered on (provider)"), null=True, blank=True)
    registered_to = models.DateField(_("Suspended or ended on"), null=True, blank=True)
    updated = models.DateTimeField(auto_now=True, verbose_name=_("Updated at"))

    class Meta:
        verbose_name = verbose_name_plural = _("Service provider")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProviderMember(models.Model):
    """A service_provider user works for one provider and reaches only its orders."""

    provider = models.ForeignKey(
        Provider,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("Service provider"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="provider_membership",
        verbose_name=_("user"),
    )

    class Meta:
        verbose_name = _("provider member")
        verbose_name_plural = _("provider members")

    def __str__(self) -> str:
        return f"{self.user} · {self.provider}"


class Voucher(ScopedModel):
    batch = models.ForeignKey(
        VoucherBatch,
        on_delete=models.PROTECT,
        related_name="vouchers",
        verbose_name=_("Voucher batch"),
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        related_name="vouchers",
        verbose_name=_("enterprise"),
    )
    amount = money(_("Face value (yuan)"))
    balance = money(_("Balance (yuan)"))
    state = models.CharField(_("Status"), max_length=20, choices=VoucherState.choices)
    issued_on = models.DateField(_("Date issued"))
    expires_on = models.DateField(_("Expires on"))
    updated = models.DateTimeField(auto_now=True, verbose_name=_("Updated at"))

    scope_paths = ENTERPRISE_SCOPE

    class Meta:
        verbose_name = verbose_name_plural = _("Innovation voucher")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "enterprise"], name="one_voucher_per_batch"),
            models.CheckConstraint(
                condition=Q(balance__gte=0, balance__lte=models.F("amount")),
                name="voucher_balance_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.batch}"


class VoucherOrder(ScopedModel):
    voucher = models.ForeignKey(
        Voucher,
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("Innovation voucher"),
    )
    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("Service provider"),
    )
    service = models.CharField(_("Service"), max_length=50)
    amount = money(_("Contract amount (yuan)"))
    state = models.CharField(_("Status"), max_length=20, choices=OrderState.choices)
    ordered_on = models.DateField(_("Ordered on"))
    contract_date = models.DateField(_("Contract date"), null=True, blank=True)
    invoice_no = models.CharField(_("Invoice number"), max_length=40, blank=True)
    invoice_date = models.DateField(_("Invoice date"), null=True, blank=True)
    deliverable_hash = models.CharField(_("Deliverable digest"), max_length=64, blank=True)
    pay_amount = money(_("Paid by voucher (yuan)"), null=True, blank=True)
    flags = models.JSONField(_("Risk flags"), default=list)
    decision = models.TextField(_("Reviewer's comments"), blank=True)
    idempotency_key = models.CharField(_("Idempotency key"), max_length=64, unique=True)
    updated = models.DateTimeField(auto_now=True, verbose_name=_("Updated at"))

    scope_paths = {
        "region": ("voucher__enterprise__region__code", "voucher__enterprise__zone__code"),
        "enterprise": ("voucher__enterprise_id",),
    }

    class Meta:
        verbose_name = verbose_name_plural = _("Voucher order")
        ordering = ["-ordered_on", "-id"]

    def __str__(self) -> str:
        return f"创新券订单{self.pk} · {self.service}"
