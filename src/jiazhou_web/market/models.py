"""科技服务大市场: 成果 and 需求 catalogues, 揭榜挂帅, technology-contract registration.

Amounts are 万元 (Decimal). Region codes are 行政区划代码 strings (counterparties may sit outside
the region table, e.g. 成都 510104).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.models import TimeStampedModel
from jiazhou_web.core.scopes import ScopedModel
from jiazhou_web.market.choices import (
    ApplicationState,
    CatalogueState,
    ContractState,
    ContractType,
    HolderKind,
    IPType,
    ListingClass,
    ListingState,
    RefusalReason,
    RevocationGround,
    TechField,
    TransferMode,
)


class Registry(models.Model):
    """A 技术合同登记机构 (登记点)."""

    code = models.SlugField(_("Code"), max_length=30, unique=True)
    name = models.CharField(_("Name"), max_length=100)
    region_code = models.CharField(_("Region code"), max_length=6)

    class Meta:
        verbose_name = verbose_name_plural = _("Technology contract registration office")

    def __str__(self) -> str:
        return self.name


class RegistrarMembership(models.Model):
    """A contract_registrar user works for one registry and sees only its contracts."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="registrar_membership",
        verbose_name=_("user"),
    )
    registry = models.ForeignKey(
        Registry,
        on_delete=models.CASCADE,
        related_name="registrars",
        verbose_name=_("Technology contract registration office"),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("Registrars")

    def __str__(self) -> str:
        return f"{self.user} · {self.registry}"


class Broker(models.Model):
    """A 技术经纪人/经理人 of the registry."""

    name = models.CharField(_("Full name"), max_length=50)
    certificate_no = models.CharField(_("Certificate number"), max_length=40, unique=True)
    organisation = models.CharField(_("Organisation"), max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("Broker")

    def __str__(self) -> str:
        return self.name


class BrokerMembership(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="broker_membership",
        verbose_name=_("user"),
    )
    broker = models.ForeignKey(
        Broker, on_delete=models.CASCADE, related_name="users", verbose_name=_("Broker")
    )

    class Meta:
        verbose_name = _("broker membership")
        verbose_name_plural = _("broker memberships")

    def __str__(self) -> str:
        return f"{self.user} · {self.broker}"


class Achievement(ScopedModel, TimeStampedModel):
    """成果 (supply); public once published, its holder's own otherwise."""

    title = models.CharField(_("Achievement title"), max_length=200)
    abstract = models.TextField(_("Abstract"))
    field = models.CharField(_("Technology field"), max_length=20, choices=TechField.choices)
    trl = models.PositiveSmallIntegerField(_("Technology readiness level (1–9)"))
    ip_type = models.CharField(_("IP type"), max_length=20, choices=IPType.choices)
    ip_number = models.CharField(_("IP number"), max_length=40, blank=True)
    price_low = models.DecimalField(
        _("Lowest price (10k yuan)"), null=True, blank=True, max_digits=14, decimal_places=4
    )
    price_high = models.DecimalField(
        _("Highest price (10k yuan)"), null=True, blank=True, max_digits=14, decimal_places=4
    )
    transfer_mode = models.CharField(
        _("Transfer modes"), max_length=20, choices=TransferMode.choices
    )
    holder = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("Holding enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="achievements",
    )
    holder_name = models.CharField(_("Holder"), max_length=200)
    holder_kind = models.CharField(_("Holder type"), max_length=20, choices=HolderKind.choices)
    region_code = models.CharField(_("Holder's region code"), max_length=6)
    contact = models.CharField(_("Contact and phone"), max_length=100)
    state = models.CharField(
        _("Status"), max_length=20, choices=CatalogueState.choices, default=CatalogueState.SUBMITTED
    )
    review_comment = models.CharField(_("Reviewer's comments"), max_length=200, blank=True)

    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {
        "enterprise": ("holder",),
        "region": ("holder__region__code",),
    }
    public_q = Q(state=CatalogueState.PUBLISHED)

    class Meta:
        verbose_name = verbose_name_plural = _("Technology achievement")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.title


class Demand(ScopedModel, TimeStampedModel):
    """需求 posted by a firm."""

    title = models.CharField(_("Demand title"), max_length=200)
    problem = models.TextField(_("Technical problem"))
    field = models.CharField(_("Technology field"), max_length=20, choices=TechField.choices)
    budget = models.DecimalField(
        _("Budget (10k yuan)"), null=True, blank=True, max_digits=14, decimal_places=4
    )
    min_trl = models.PositiveSmallIntegerField(_("Lowest readiness level"), null=True, blank=True)
    deadline = models.DateField(_("Wanted by"), null=True, blank=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("Publishing enterprise"),
        on_delete=models.PROTECT,
        related_name="tech_demands",
    )
    state = models.CharField(
        _("Status"), max_length=20, choices=CatalogueState.choices, default=CatalogueState.SUBMITTED
    )
    review_comment = models.CharField(_("Reviewer's comments"), max_length=200, blank=True)

    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {
        "enterprise": ("enterprise",),
        "region": ("enterprise__region__code",),
    }
    public_q = Q(state=CatalogueState.PUBLISHED)

    class Meta:
        verbose_name = verbose_name_plural = _("Technology demand")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.title


class Shareholding(models.Model):
    """Shareholder data (市场监管): ``holder_uscc`` holds ``share`` (0–1) of ``company_uscc``."""

    holder_uscc = models.CharField(_("Shareholder USCC"), max_length=18)
    company_uscc = models.CharField(_("Enterprise USCC"), max_length=18)
    share = models.DecimalField(_("Share held"), max_digits=7, decimal_places=6)

    class Meta:
        verbose_name = verbose_name_plural = _("Shareholder record")
        constraints = [
            models.UniqueConstraint(fields=["holder_uscc", "company_uscc"], name="one_holding")
        ]

    def __str__(self) -> str:
        return f"{self.holder_uscc} → {self.company_uscc} {self.share}"


class Listing(ScopedModel, TimeStampedModel):
    """One 揭榜挂帅 榜单, from a firm's need to acceptance."""

    demand = models.OneToOneField(
        Demand, verbose_name=_("Source demand"), on_delete=models.PROTECT, related_name="listing"
    )
    listing_class = models.CharField(_("Listing kind"), max_length=20, choices=ListingClass.choices)
    budget = models.DecimalField(_("Listing amount (10k yuan)"), max_digits=14, decimal_places=4)
    apply_deadline = models.DateField(_("Bids close on"))
    chain_segment = models.CharField(_("Chain segment"), max_length=60, blank=True)
    state = models.CharField(
        _("Listing stage"),
        max_length=20,
        choices=ListingState.choices,
        default=ListingState.NEED_DRAFT,
    )
    contract = models.ForeignKey(
        "market.TechContract",
        verbose_name=_("Technology contract"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {
        "enterprise": ("demand__enterprise",),
        "region": ("demand__enterprise__region__code",),
    }
    public_q = ~Q(state__in=[ListingState.NEED_DRAFT, ListingState.NEED_VALIDATED])

    class Meta:
        verbose_name = verbose_name_plural = _("Open competition listing")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.demand.title


class Application(ScopedModel, TimeStampedModel):
    listing = models.ForeignKey(
        Listing,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("Open competition listing"),
    )
    solver = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("Bidder"),
        on_delete=models.PROTECT,
        related_name="unveil_applications",
    )
    plan = models.TextField(_("Bid plan"))
    state = models.CharField(
        _("Status"),
        max_length=20,
        choices=ApplicationState.choices,
        default=ApplicationState.SUBMITTED,
    )
    ineligible_reason = models.CharField(
        _("Eligibility review comments"), max_length=200, blank=True
    )

    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {
        "enterprise": ("solver", "listing__demand__enterprise"),
        "region": ("solver__region__code",),
    }

    class Meta:
        verbose_name = verbose_name_plural = _("Bid")
        constraints = [
            models.UniqueConstraint(fields=["listing", "solver"], name="one_application_per_firm")
        ]


class TechContract(ScopedModel, TimeStampedModel):
    """A technology contract submitted for 认定登记 by its seller (spec §3.9 fields)."""

    registry = models.ForeignKey(
        Registry,
        verbose_name=_("Registration office"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    registration_no = models.CharField(_("Registration number"), max_length=30, blank=True)
    title = models.CharField(_("Contract title"), max_length=200)
    contract_type = models.CharField(
        _("Contract type"), max_length=20, choices=ContractType.choices
    )
    field = models.CharField(_("Technology field"), max_length=20, choices=TechField.choices)
    ip_type = models.CharField(_("IP type"), max_length=20, choices=IPType.choices)
    seller = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("Seller"),
        on_delete=models.PROTECT,
        related_name="tech_contracts_sold",
    )
    seller_kind = models.CharField(
        _("Seller type"), max_length=20, choices=HolderKind.choices, default=HolderKind.FIRM
    )
    buyer_name = models.CharField(_("Buyer"), max_length=200)
    buyer_uscc = models.CharField(_("Buyer USCC"), max_length=18, blank=True)
    buyer_region_code = models.CharField(_("Buyer's region code"), max_length=6)
    broker = models.ForeignKey(
        Broker,
        verbose_name=_("Intermediary (technology broker)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    total_amount = models.DecimalField(
        _("Contract amount (10k yuan)"), max_digits=14, decimal_places=4
    )
    non_technical = models.DecimalField(
        _("Non-technical costs (10k yuan)"), default=0, max_digits=14, decimal_places=4
    )
    carrier_cost = models.DecimalField(
        _("Technology carrier costs (not deducted, 10k yuan)"),
        default=0,
        max_digits=14,
        decimal_places=4,
    )
    tech_amount = models.DecimalField(
        _("Technology transaction amount (10k yuan)"), max_digits=14, decimal_places=4
    )
    signed_on = models.DateField(_("Signed on"))
    disputed = models.BooleanField(_("Disputed"), default=False)
    accepted_on = models.DateField(_("Accepted on"), null=True, blank=True)
    supplement_received_on = models.DateField(_("Supplements received on"), null=True, blank=True)
    due_on = models.DateField(_("Due by"), null=True, blank=True)
    registered_on = models.DateField(_("Registered on"), null=True, blank=True)
    state = models.CharField(
        _("Status"), max_length=20, choices=ContractState.choices, default=ContractState.SUBMITTED
    )
    return_note = models.CharField(_("Supplement request"), max_length=200, blank=True)
    refusal_reason = models.CharField(_("Reason for refusal"), max_length=30, blank=True)
    revocation_ground = models.CharField(_("Reason for revocation"), max_length=30, blank=True)

    def get_refusal_reason_display(self) -> str:
        """The refusal reason in the reader's language (the field keeps the code, no choices)."""
        return str(dict(RefusalReason.choices).get(self.refusal_reason, self.refusal_reason))

    def get_revocation_ground_display(self) -> str:
        """The revocation ground in the reader's language (the field keeps the code)."""
        return str(
            dict(RevocationGround.choices).get(self.revocation_ground, self.revocation_ground)
        )

    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {
        "enterprise": ("seller",),
        "region": ("seller__region__code",),
    }

    class Meta:
        verbose_name = verbose_name_plural = _("Technology contract")
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_no"],
                condition=~Q(registration_no=""),
                name="unique_registration_no",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def seller_region_code(self) -> str:
        return str(self.seller.region.code)


class Payment(models.Model):
    """Money actually received on a contract (kept apart from the contract amount)."""

    contract = models.ForeignKey(
        TechContract,
        on_delete=models.CASCADE,
        related_name="payments",
        verbose_name=_("Technology contract"),
    )
    paid_on = models.DateField(_("Received on (payment)"))
    amount = models.DecimalField(_("Amount received (10k yuan)"), max_digits=14, decimal_places=4)
    invoice_no = models.CharField(_("Invoice number"), max_length=40, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("Payment received")
        ordering = ["paid_on", "id"]

    def __str__(self) -> str:
        return f"{self.paid_on} {self.amount}万元"


class AbsorbedContract(models.Model):
    """A row of the 全国技术合同管理与服务系统 export: contracts registered anywhere, kept for the
    吸纳 flow (buyer in the city) that local registrations cannot show (spec §3.5)."""

    contract_no = models.CharField(_("National registration number"), max_length=30, unique=True)
    title = models.CharField(_("Contract title"), max_length=200)
    contract_type = models.CharField(
        _("Contract type"), max_length=20, choices=ContractType.choices
    )
    seller_name = models.CharField(_("Seller name"), max_length=200)
    seller_region_code = models.CharField(_("Seller's region code"), max_length=6)
    buyer_name = models.CharField(_("Buyer"), max_length=200)
    buyer_region_code = models.CharField(_("Buyer's region code"), max_length=6)
    total_amount = models.DecimalField(
        _("Contract amount (10k yuan)"), max_digits=14, decimal_places=4
    )
    registered_on = models.DateField(_("Registered on"))

    class Meta:
        verbose_name = verbose_name_plural = _("Contract from the national system (absorbed)")
        ordering = ["-registered_on", "id"]

    def __str__(self) -> str:
        return self.title
