"""科技服务大市场: 成果 and 需求 catalogues, 揭榜挂帅, technology-contract registration.

Amounts are 万元 (Decimal). Region codes are 行政区划代码 strings (counterparties may sit outside
the region table, e.g. 成都 510104).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

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

    code = models.SlugField("代码", max_length=30, unique=True)
    name = models.CharField("名称", max_length=100)
    region_code = models.CharField("所在地区代码", max_length=6)

    class Meta:
        verbose_name = verbose_name_plural = "技术合同登记机构"

    def __str__(self) -> str:
        return self.name


class RegistrarMembership(models.Model):
    """A contract_registrar user works for one registry and sees only its contracts."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrar_membership"
    )
    registry = models.ForeignKey(Registry, on_delete=models.CASCADE, related_name="registrars")

    class Meta:
        verbose_name = verbose_name_plural = "登记员"

    def __str__(self) -> str:
        return f"{self.user} · {self.registry}"


class Broker(models.Model):
    """A 技术经纪人/经理人 of the registry."""

    name = models.CharField("姓名", max_length=50)
    certificate_no = models.CharField("证书编号", max_length=40, unique=True)
    organisation = models.CharField("所在机构", max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "技术经纪人"

    def __str__(self) -> str:
        return self.name


class BrokerMembership(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="broker_membership"
    )
    broker = models.ForeignKey(Broker, on_delete=models.CASCADE, related_name="users")

    def __str__(self) -> str:
        return f"{self.user} · {self.broker}"


class Achievement(ScopedModel, TimeStampedModel):
    """成果 (supply); public once published, its holder's own otherwise."""

    title = models.CharField("成果名称", max_length=200)
    abstract = models.TextField("成果简介")
    field = models.CharField("技术领域", max_length=20, choices=TechField.choices)
    trl = models.PositiveSmallIntegerField("技术成熟度（1–9级）")
    ip_type = models.CharField("知识产权类型", max_length=20, choices=IPType.choices)
    ip_number = models.CharField("知识产权编号", max_length=40, blank=True)
    price_low = models.DecimalField(
        "报价下限（万元）", null=True, blank=True, max_digits=14, decimal_places=4
    )
    price_high = models.DecimalField(
        "报价上限（万元）", null=True, blank=True, max_digits=14, decimal_places=4
    )
    transfer_mode = models.CharField("转化方式", max_length=20, choices=TransferMode.choices)
    holder = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name="持有企业",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="achievements",
    )
    holder_name = models.CharField("持有单位", max_length=200)
    holder_kind = models.CharField("持有单位类型", max_length=20, choices=HolderKind.choices)
    region_code = models.CharField("持有单位地区代码", max_length=6)
    contact = models.CharField("联系人及电话", max_length=100)
    state = models.CharField(
        "状态", max_length=20, choices=CatalogueState.choices, default=CatalogueState.SUBMITTED
    )
    review_comment = models.CharField("审核意见", max_length=200, blank=True)

    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {
        "enterprise": ("holder",),
        "region": ("holder__region__code",),
    }
    public_q = Q(state=CatalogueState.PUBLISHED)

    class Meta:
        verbose_name = verbose_name_plural = "科技成果"
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.title


class Demand(ScopedModel, TimeStampedModel):
    """需求 posted by a firm."""

    title = models.CharField("需求名称", max_length=200)
    problem = models.TextField("技术难题描述")
    field = models.CharField("技术领域", max_length=20, choices=TechField.choices)
    budget = models.DecimalField(
        "预算（万元）", null=True, blank=True, max_digits=14, decimal_places=4
    )
    min_trl = models.PositiveSmallIntegerField("最低技术成熟度", null=True, blank=True)
    deadline = models.DateField("期望解决时间", null=True, blank=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name="发布企业",
        on_delete=models.PROTECT,
        related_name="tech_demands",
    )
    state = models.CharField(
        "状态", max_length=20, choices=CatalogueState.choices, default=CatalogueState.SUBMITTED
    )
    review_comment = models.CharField("审核意见", max_length=200, blank=True)

    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {
        "enterprise": ("enterprise",),
        "region": ("enterprise__region__code",),
    }
    public_q = Q(state=CatalogueState.PUBLISHED)

    class Meta:
        verbose_name = verbose_name_plural = "技术需求"
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.title


class Shareholding(models.Model):
    """Shareholder data (市场监管): ``holder_uscc`` holds ``share`` (0–1) of ``company_uscc``."""

    holder_uscc = models.CharField("股东统一社会信用代码", max_length=18)
    company_uscc = models.CharField("企业统一社会信用代码", max_length=18)
    share = models.DecimalField("持股比例", max_digits=7, decimal_places=6)

    class Meta:
        verbose_name = verbose_name_plural = "股东信息"
        constraints = [
            models.UniqueConstraint(fields=["holder_uscc", "company_uscc"], name="one_holding")
        ]

    def __str__(self) -> str:
        return f"{self.holder_uscc} → {self.company_uscc} {self.share}"


class Listing(ScopedModel, TimeStampedModel):
    """One 揭榜挂帅 榜单, from a firm's need to acceptance."""

    demand = models.OneToOneField(
        Demand, verbose_name="来源需求", on_delete=models.PROTECT, related_name="listing"
    )
    listing_class = models.CharField("榜单类别", max_length=20, choices=ListingClass.choices)
    budget = models.DecimalField("榜单金额（万元）", max_digits=14, decimal_places=4)
    apply_deadline = models.DateField("揭榜截止日期")
    chain_segment = models.CharField("产业链环节", max_length=60, blank=True)
    state = models.CharField(
        "阶段", max_length=20, choices=ListingState.choices, default=ListingState.NEED_DRAFT
    )
    contract = models.ForeignKey(
        "market.TechContract",
        verbose_name="技术合同",
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
        verbose_name = verbose_name_plural = "揭榜挂帅榜单"
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.demand.title


class Application(ScopedModel, TimeStampedModel):
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="applications")
    solver = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name="揭榜单位",
        on_delete=models.PROTECT,
        related_name="unveil_applications",
    )
    plan = models.TextField("揭榜方案")
    state = models.CharField(
        "状态", max_length=20, choices=ApplicationState.choices, default=ApplicationState.SUBMITTED
    )
    ineligible_reason = models.CharField("资格审查意见", max_length=200, blank=True)

    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {
        "enterprise": ("solver", "listing__demand__enterprise"),
        "region": ("solver__region__code",),
    }

    class Meta:
        verbose_name = verbose_name_plural = "揭榜申请"
        constraints = [
            models.UniqueConstraint(fields=["listing", "solver"], name="one_application_per_firm")
        ]


class TechContract(ScopedModel, TimeStampedModel):
    """A technology contract submitted for 认定登记 by its seller (spec §3.9 fields)."""

    registry = models.ForeignKey(
        Registry, verbose_name="登记机构", on_delete=models.PROTECT, related_name="contracts"
    )
    registration_no = models.CharField("登记编号", max_length=30, blank=True)
    title = models.CharField("合同名称", max_length=200)
    contract_type = models.CharField("合同类型", max_length=20, choices=ContractType.choices)
    field = models.CharField("技术领域", max_length=20, choices=TechField.choices)
    ip_type = models.CharField("知识产权类型", max_length=20, choices=IPType.choices)
    seller = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name="卖方",
        on_delete=models.PROTECT,
        related_name="tech_contracts_sold",
    )
    seller_kind = models.CharField(
        "卖方类型", max_length=20, choices=HolderKind.choices, default=HolderKind.FIRM
    )
    buyer_name = models.CharField("买方名称", max_length=200)
    buyer_uscc = models.CharField("买方统一社会信用代码", max_length=18, blank=True)
    buyer_region_code = models.CharField("买方地区代码", max_length=6)
    broker = models.ForeignKey(
        Broker,
        verbose_name="中介方（技术经纪人）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    total_amount = models.DecimalField("合同成交额（万元）", max_digits=14, decimal_places=4)
    non_technical = models.DecimalField(
        "非技术性费用（万元）", default=0, max_digits=14, decimal_places=4
    )
    carrier_cost = models.DecimalField(
        "技术载体费用（不扣除，万元）", default=0, max_digits=14, decimal_places=4
    )
    tech_amount = models.DecimalField("技术交易额（万元）", max_digits=14, decimal_places=4)
    signed_on = models.DateField("签订日期")
    disputed = models.BooleanField("有争议", default=False)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    supplement_received_on = models.DateField("补正材料到达日期", null=True, blank=True)
    due_on = models.DateField("办理期限", null=True, blank=True)
    registered_on = models.DateField("登记日期", null=True, blank=True)
    state = models.CharField(
        "状态", max_length=20, choices=ContractState.choices, default=ContractState.SUBMITTED
    )
    return_note = models.CharField("补正要求", max_length=200, blank=True)
    refusal_reason = models.CharField("不予登记理由", max_length=30, blank=True)
    revocation_ground = models.CharField("撤销理由", max_length=30, blank=True)

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
        verbose_name = verbose_name_plural = "技术合同"
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

    contract = models.ForeignKey(TechContract, on_delete=models.CASCADE, related_name="payments")
    paid_on = models.DateField("到账日期")
    amount = models.DecimalField("到账金额（万元）", max_digits=14, decimal_places=4)
    invoice_no = models.CharField("发票号", max_length=40, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "到账记录"
        ordering = ["paid_on", "id"]

    def __str__(self) -> str:
        return f"{self.paid_on} {self.amount}万元"


class AbsorbedContract(models.Model):
    """A row of the 全国技术合同管理与服务系统 export: contracts registered anywhere, kept for the
    吸纳 flow (buyer in the city) that local registrations cannot show (spec §3.5)."""

    contract_no = models.CharField("全国登记编号", max_length=30, unique=True)
    title = models.CharField("合同名称", max_length=200)
    contract_type = models.CharField("合同类型", max_length=20, choices=ContractType.choices)
    seller_name = models.CharField("卖方名称", max_length=200)
    seller_region_code = models.CharField("卖方地区代码", max_length=6)
    buyer_name = models.CharField("买方名称", max_length=200)
    buyer_region_code = models.CharField("买方地区代码", max_length=6)
    total_amount = models.DecimalField("合同成交额（万元）", max_digits=14, decimal_places=4)
    registered_on = models.DateField("登记日期")

    class Meta:
        verbose_name = verbose_name_plural = "全国系统技术合同（吸纳）"
        ordering = ["-registered_on", "id"]

    def __str__(self) -> str:
        return self.title
