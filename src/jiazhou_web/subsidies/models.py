"""政策兑现 and 科技创新券 records. Money is ``Decimal`` (元, two places); rules live in
``jiazhou.policies`` (the library files), and every clause version an application was evaluated
under is kept (``ClauseVersion``), so editing a clause never changes a running application."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

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


def money(verbose: str, **kw: Any) -> Any:
    return models.DecimalField(
        verbose, max_digits=14, decimal_places=2, validators=[MinValueValidator(ZERO)], **kw
    )


class PolicyDoc(models.Model):
    """A policy document version from ``src/jiazhou/policies/library`` (reference data)."""

    code = models.CharField("政策代码", max_length=80)
    version = models.CharField("版本", max_length=40)
    title_zh = models.CharField("政策名称", max_length=200)
    document = models.CharField("文号", max_length=200)
    issuer = models.CharField("发文单位", max_length=200)
    status = models.CharField("状态", max_length=20)
    tag = models.CharField("依据可信度", max_length=2)
    effective_from = models.DateField("施行日期")
    effective_to = models.DateField("失效日期", null=True, blank=True)
    notes = models.TextField("说明", blank=True)
    source_hash = models.CharField("文件摘要", max_length=64)
    synced = models.DateTimeField("同步时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "政策"
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="policy_version")]

    def __str__(self) -> str:
        return self.title_zh


class ClauseVersion(models.Model):
    """One clause (惠企事项) of one policy version, frozen: applications point here."""

    policy = models.ForeignKey(PolicyDoc, on_delete=models.PROTECT, related_name="clauses")
    code = models.CharField("条款代码", max_length=80)
    key = models.CharField("条款版本键", max_length=200, unique=True)
    ref = models.CharField("条款", max_length=200)
    title_zh = models.CharField("事项名称", max_length=300)
    klass = models.CharField("类别", max_length=10)
    delivery = models.CharField("兑现方式", max_length=10)
    tag = models.CharField("依据可信度", max_length=2)
    cite = models.CharField("依据", max_length=400)
    priced = models.BooleanField("金额已知", default=True)
    amount_zh = models.CharField("金额规则", max_length=400)
    budget = money("年度预算（元）", null=True, blank=True)
    publicity_days = models.PositiveSmallIntegerField("公示工作日", default=7)
    deadline_wd = models.PositiveSmallIntegerField("兑现时限（工作日）", default=60)
    evidence = models.JSONField("仍需材料", default=list)
    reviewers = models.JSONField("联审部门", default=list)

    class Meta:
        verbose_name = verbose_name_plural = "政策条款"
        ordering = ["policy__code", "code"]

    def __str__(self) -> str:
        return f"{self.ref} {self.title_zh}"


class Application(ScopedModel):
    """One firm × clause × year: a 免申即享 offer or a 快申快享 application, to payment."""

    clause = models.ForeignKey(ClauseVersion, on_delete=models.PROTECT, related_name="applications")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="subsidy_applications"
    )
    year = models.PositiveSmallIntegerField("兑现年度")
    track = models.CharField("兑现方式", max_length=10, choices=Track.choices)
    state = models.CharField("状态", max_length=20, choices=AppState.choices)
    base_declared = money("申报基数（元）", null=True, blank=True)
    computed = money("测算金额（元）", null=True, blank=True)
    approved_amount = money("核定金额（元）", null=True, blank=True)
    paid_amount = money("已拨付（元）", null=True, blank=True)
    explanation = models.JSONField("条件核验", default=dict)
    bank_account = models.CharField("收款账号", max_length=40, blank=True)
    bank_name = models.CharField("开户行", max_length=100, blank=True)
    declaration = models.BooleanField("已作承诺声明", default=False)
    message = models.TextField("窗口意见", blank=True)
    accepted_at = models.DateTimeField("受理时间", null=True, blank=True)
    pauses = models.JSONField("补正暂停", default=list)  # [[start, end|null], …] ISO instants
    publicity_start = models.DateField("公示开始", null=True, blank=True)
    publicity_end = models.DateField("公示结束", null=True, blank=True)
    paid_at = models.DateTimeField("拨付时间", null=True, blank=True)
    created = models.DateTimeField("创建时间", auto_now_add=True)
    updated = models.DateTimeField("更新时间", auto_now=True)

    scope_paths = ENTERPRISE_SCOPE

    class Meta:
        verbose_name = verbose_name_plural = "兑现申请"
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

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="opinions")
    stage = models.CharField("环节", max_length=20)
    department = models.CharField("部门", max_length=100, blank=True)
    decision = models.CharField("结论", max_length=20)
    comment = models.TextField("意见", blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
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
        Application, on_delete=models.CASCADE, related_name="objections"
    )
    text = models.TextField("异议内容")
    filer_name = models.CharField("实名", max_length=50)
    state = models.CharField(
        "状态", max_length=20, choices=ObjectionState.choices, default=ObjectionState.FILED
    )
    decision = models.TextField("复核意见", blank=True)
    filed_at = models.DateTimeField("提出时间", auto_now_add=True)

    class Meta:
        ordering = ["filed_at", "id"]

    def __str__(self) -> str:
        return f"{self.filer_name}：{self.text[:20]}"


class PaymentBatch(models.Model):
    """A 财政 payment batch: its total always equals the sum of its lines (action + check)."""

    number = models.CharField("批次号", max_length=40, unique=True)
    state = models.CharField("状态", max_length=20, choices=BatchState.choices)
    total = money("合计（元）", default=ZERO)
    line_count = models.PositiveIntegerField("笔数", default=0)
    finance_voucher = models.CharField("财政凭证号", max_length=60, blank=True)
    created = models.DateTimeField("编制时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    paid_at = models.DateTimeField("拨付时间", null=True, blank=True)
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "拨付批次"
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
    batch = models.ForeignKey(PaymentBatch, on_delete=models.PROTECT, related_name="lines")
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="payment_lines"
    )
    amount = money("金额（元）")
    city_share = money("市级承担（元）", null=True, blank=True)
    county_share = money("县级承担（元）", null=True, blank=True)
    state = models.CharField("状态", max_length=20, choices=LineState.choices)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
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
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="clawbacks")
    amount = money("追回金额（元）")
    reason = models.CharField("原因", max_length=300)
    created = models.DateTimeField("时间", auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-created"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="clawback_positive")]

    def __str__(self) -> str:
        return f"{self.application} · {self.amount}"


# --- 科技创新券 -------------------------------------------------------------------------------


class VoucherBatch(models.Model):
    code = models.CharField("批次号", max_length=40, unique=True)
    title = models.CharField("名称", max_length=200)
    budget = money("预算（元）")
    face_value = money("每券面额（元）")
    share = models.DecimalField("券付比例", max_digits=5, decimal_places=4)
    per_order_cap = money("单笔上限（元）", null=True, blank=True)
    firm_year_cap = money("每企业每年上限（元）", null=True, blank=True)
    valid_from = models.DateField("有效期起")
    valid_to = models.DateField("有效期止")
    services = models.JSONField("可用服务", default=list)
    provider_redeemed = models.BooleanField("机构兑付（否则企业后补助）", default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "创新券批次"
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
    name = models.CharField("机构名称", max_length=200)
    uscc = models.CharField("统一社会信用代码", max_length=18, unique=True)
    state = models.CharField("状态", max_length=20, choices=ProviderState.choices)
    scopes = models.JSONField("备案服务范围", default=list)
    price_list = models.JSONField("备案价目（元）", default=dict)
    legal_rep = models.CharField("法定代表人", max_length=50, blank=True)
    shareholders = models.JSONField("股东", default=list)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    registered_from = models.DateField("备案日期", null=True, blank=True)
    registered_to = models.DateField("暂停/截止日期", null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "服务机构"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProviderMember(models.Model):
    """A service_provider user works for one provider and reaches only its orders."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="members")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_membership"
    )

    def __str__(self) -> str:
        return f"{self.user} · {self.provider}"


class Voucher(ScopedModel):
    batch = models.ForeignKey(VoucherBatch, on_delete=models.PROTECT, related_name="vouchers")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="vouchers"
    )
    amount = money("面额（元）")
    balance = money("余额（元）")
    state = models.CharField("状态", max_length=20, choices=VoucherState.choices)
    issued_on = models.DateField("发放日期")
    expires_on = models.DateField("到期日期")
    updated = models.DateTimeField(auto_now=True)

    scope_paths = ENTERPRISE_SCOPE

    class Meta:
        verbose_name = verbose_name_plural = "创新券"
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
    voucher = models.ForeignKey(Voucher, on_delete=models.PROTECT, related_name="orders")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="orders")
    service = models.CharField("服务", max_length=50)
    amount = money("合同金额（元）")
    state = models.CharField("状态", max_length=20, choices=OrderState.choices)
    ordered_on = models.DateField("下单日期")
    contract_date = models.DateField("合同日期", null=True, blank=True)
    invoice_no = models.CharField("发票号", max_length=40, blank=True)
    invoice_date = models.DateField("发票日期", null=True, blank=True)
    deliverable_hash = models.CharField("成果文件摘要", max_length=64, blank=True)
    pay_amount = money("券付金额（元）", null=True, blank=True)
    flags = models.JSONField("风险提示", default=list)
    decision = models.TextField("审核意见", blank=True)
    idempotency_key = models.CharField("幂等键", max_length=64, unique=True)
    updated = models.DateTimeField(auto_now=True)

    scope_paths = {
        "region": ("voucher__enterprise__region__code", "voucher__enterprise__zone__code"),
        "enterprise": ("voucher__enterprise_id",),
    }

    class Meta:
        verbose_name = verbose_name_plural = "创新券订单"
        ordering = ["-ordered_on", "-id"]

    def __str__(self) -> str:
        return f"创新券订单{self.pk} · {self.service}"
