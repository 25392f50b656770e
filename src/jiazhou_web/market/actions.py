"""Every write of the 科技服务大市场: one transaction, one audit row, state changes conditional
(``audit.transition``/``claim``): the loser of a race gets a clear message."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jiazhou.techmarket import (
    Deduction,
    TechAmountError,
    equity_conflict,
    registration_clock,
    transaction_amount,
)
from jiazhou.techmarket import Shareholding as EngineHolding
from jiazhou_web.core import audit
from jiazhou_web.core.access import require
from jiazhou_web.core.numbering import next_number
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.market.calendar import calendar
from jiazhou_web.market.choices import (
    ApplicationState,
    CatalogueState,
    ContractState,
    ListingState,
    MarketEvent,
    RefusalReason,
    RevocationGround,
)
from jiazhou_web.market.models import (
    Achievement,
    Application,
    Demand,
    Listing,
    Payment,
    Registry,
    Shareholding,
    TechContract,
)


def _own_firm(actor: Any, enterprise: Enterprise) -> None:
    if enterprise.pk not in user_scope(actor).enterprise_ids:
        raise PermissionDenied("只能以本企业名义操作 / you can act only for your own enterprise")


def _positive(value: Decimal | None, label: str, *, allow_zero: bool = False) -> None:
    if value is None:
        return
    if value < 0 or (value == 0 and not allow_zero):
        raise ValidationError(f"「{label}」须大于0 / {label} must be positive")
    if value > Decimal("10000000"):
        raise ValidationError(f"「{label}」超过1000亿元，请核对单位（万元）/ {label} too large")


# -- catalogues ---------------------------------------------------------------------------
@transaction.atomic
def submit_achievement(*, actor: Any, holder: Enterprise, **fields: Any) -> Achievement:
    require(actor, "market.publish")
    _own_firm(actor, holder)
    _positive(fields.get("price_low"), "报价下限")
    _positive(fields.get("price_high"), "报价上限")
    low, high = fields.get("price_low"), fields.get("price_high")
    if low is not None and high is not None and high < low:
        raise ValidationError("报价上限不能低于下限 / the upper price is below the lower one")
    trl = fields.get("trl")
    if trl is None or not 1 <= int(trl) <= 9:
        raise ValidationError("技术成熟度须为1–9级 / technology readiness must be 1–9")
    achievement = Achievement.objects.create(
        holder=holder,
        holder_name=holder.name,
        region_code=holder.region.code,
        **fields,
    )
    audit.record(
        MarketEvent.ACHIEVEMENT_SUBMITTED,
        actor=actor,
        target=achievement,
        after={"title": achievement.title, "holder": holder.pk},
    )
    return achievement


@transaction.atomic
def submit_demand(*, actor: Any, enterprise: Enterprise, **fields: Any) -> Demand:
    require(actor, "market.publish")
    _own_firm(actor, enterprise)
    _positive(fields.get("budget"), "预算")
    demand = Demand.objects.create(enterprise=enterprise, **fields)
    audit.record(
        MarketEvent.DEMAND_SUBMITTED,
        actor=actor,
        target=demand,
        after={"title": demand.title, "enterprise": enterprise.pk},
    )
    return demand


@transaction.atomic
def review_entry(entry: Achievement | Demand, *, publish: bool, comment: str, actor: Any) -> Any:
    """Publish or reject a submitted 成果/需求 (once: a second reviewer gets a clear message)."""
    require(actor, "market.review")
    if entry.state != CatalogueState.SUBMITTED:
        raise ValidationError(
            f"该条目当前为「{entry.get_state_display()}」，不能审核 / not awaiting review"
        )
    if not publish and not comment.strip():
        raise ValidationError("不通过时须填写审核意见 / give a reason when rejecting")
    return audit.transition(
        entry,
        MarketEvent.CATALOGUE_REVIEWED,
        actor=actor,
        field="state",
        to=CatalogueState.PUBLISHED if publish else CatalogueState.REJECTED,
        changes={"review_comment": comment.strip()[:200]},
    )


# -- 揭榜挂帅 ------------------------------------------------------------------------------
@transaction.atomic
def create_listing(
    demand: Demand,
    *,
    listing_class: str,
    budget: Decimal,
    apply_deadline: dt.date,
    chain_segment: str = "",
    actor: Any,
) -> Listing:
    require(actor, "market.review")
    _positive(budget, "榜单金额")
    if demand.state != CatalogueState.PUBLISHED:
        raise ValidationError(
            "只有已发布的需求才能征集为榜单 / only a published need can be listed"
        )
    listing = audit.create_unique(
        Listing,
        "该需求已征集为榜单 / this need is already a listing",
        demand=demand,
        listing_class=listing_class,
        budget=budget,
        apply_deadline=apply_deadline,
        chain_segment=chain_segment,
    )
    audit.record(
        MarketEvent.LISTING_CREATED, actor=actor, target=listing, after={"demand": demand.pk}
    )
    return listing


NEXT_STAGE = {
    ListingState.NEED_DRAFT: ListingState.NEED_VALIDATED,
    ListingState.NEED_VALIDATED: ListingState.LISTED,
    ListingState.CONTRACTED: ListingState.ACCEPTED,
}


@transaction.atomic
def advance_listing(listing: Listing, *, actor: Any) -> Any:
    """需求征集 → 专家论证 → 发榜; 签约 → 验收 (awarding and contracting have their own steps)."""
    require(actor, "market.review")
    to = NEXT_STAGE.get(ListingState(listing.state))
    if to is None:
        raise ValidationError(
            f"榜单处于「{listing.get_state_display()}」，不能直接推进 / no next stage from here"
        )
    return audit.transition(
        listing, MarketEvent.LISTING_ADVANCED, actor=actor, field="state", to=to
    )


@transaction.atomic
def apply_to_listing(listing: Listing, solver: Enterprise, plan: str, *, actor: Any) -> Application:
    """揭榜: eligibility checked at once (same unit / equity link from shareholder data)."""
    require(actor, "market.publish")
    _own_firm(actor, solver)
    if listing.state != ListingState.LISTED:
        raise ValidationError("该榜单当前不接受揭榜 / this listing is not open")
    if timezone.localdate() > listing.apply_deadline:
        raise ValidationError(
            f"揭榜已于{listing.apply_deadline:%Y年%-m月%-d日}截止，逾期不予受理 / the window closed"
        )
    if not plan.strip():
        raise ValidationError("请填写揭榜方案 / describe your plan")
    issuer = listing.demand.enterprise
    solver_code, issuer_code = solver.uscc or f"id:{solver.pk}", issuer.uscc or f"id:{issuer.pk}"
    usccs = {solver_code, issuer_code}
    holdings = [
        EngineHolding(h.holder_uscc, h.company_uscc, h.share)
        for h in Shareholding.objects.filter(company_uscc__in=usccs)
    ]
    reason = equity_conflict(solver_code, issuer_code, holdings)
    application = audit.create_unique(
        Application,
        "本企业已揭榜该榜单 / your firm already applied",
        listing=listing,
        solver=solver,
        plan=plan.strip(),
        state=ApplicationState.INELIGIBLE if reason else ApplicationState.SUBMITTED,
        ineligible_reason=reason or "",
    )
    audit.record(
        MarketEvent.APPLICATION_FILED,
        actor=actor,
        target=application,
        after={"state": application.state, "ineligible_reason": reason or ""},
    )
    return application


@transaction.atomic
def award(application: Application, *, actor: Any) -> Application:
    """The listing goes to ``application``; the others are not awarded."""
    require(actor, "market.review")
    listing = Listing.objects.select_for_update().get(pk=application.listing_id)
    if listing.state != ListingState.LISTED:
        raise ValidationError(
            f"榜单处于「{listing.get_state_display()}」，不能确定揭榜方 / listing not open"
        )
    if application.state != ApplicationState.SUBMITTED:
        raise ValidationError("只能从资格审查通过的申请中确定揭榜方 / application not eligible")
    listing.applications.exclude(pk=application.pk).filter(state=ApplicationState.SUBMITTED).update(
        state=ApplicationState.NOT_AWARDED
    )
    audit.claim(listing, {"state": ListingState.AWARDED}, unchanged=["state"])
    audit.transition(
        application,
        MarketEvent.APPLICATION_AWARDED,
        actor=actor,
        field="state",
        to=ApplicationState.AWARDED,
        extra={"listing": listing.pk},
    )
    return application


# -- 技术合同登记 -------------------------------------------------------------------------
@transaction.atomic
def submit_contract(
    *,
    actor: Any,
    seller: Enterprise,
    registry: Registry,
    total_amount: Decimal,
    non_technical: Decimal = Decimal(0),
    carrier_cost: Decimal = Decimal(0),
    listing: Listing | None = None,
    **fields: Any,
) -> TechContract:
    """The seller submits its contract to the registry where it sits (卖方登记, spec §3.2)."""
    require(actor, "market.contract.submit")
    _own_firm(actor, seller)
    _positive(total_amount, "合同成交额")
    _positive(non_technical, "非技术性费用", allow_zero=True)
    _positive(carrier_cost, "技术载体费用", allow_zero=True)
    if seller.region.code[:4] != registry.region_code[:4]:
        raise ValidationError(
            f"卖方所在地与登记机构「{registry.name}」不一致：技术合同由卖方在所在地一次登记 / "
            "register with the registry where the seller sits"
        )
    try:
        tech = transaction_amount(total_amount, [Deduction("equipment", non_technical)])
    except TechAmountError as exc:
        raise ValidationError(str(exc)) from None
    if carrier_cost > total_amount:
        raise ValidationError("技术载体费用不能超过合同成交额 / carrier cost above the total")
    buyer_region = fields.get("buyer_region_code", "")
    if not (len(buyer_region) == 6 and buyer_region.isdigit()):
        raise ValidationError("买方地区代码须为6位行政区划代码 / buyer region: 6-digit code")
    contract = TechContract.objects.create(
        seller=seller,
        registry=registry,
        total_amount=total_amount,
        non_technical=non_technical,
        carrier_cost=carrier_cost,
        tech_amount=tech,
        **fields,
    )
    if listing is not None:
        if listing.demand.enterprise.uscc != contract.buyer_uscc or listing.state != (
            ListingState.AWARDED
        ):
            raise ValidationError(
                "该合同与榜单的发榜方或阶段不符 / contract does not fit the listing"
            )
        audit.claim(
            listing, {"state": ListingState.CONTRACTED, "contract": contract}, unchanged=["state"]
        )
    audit.record(
        MarketEvent.CONTRACT_SUBMITTED,
        actor=actor,
        target=contract,
        after={"total_amount": total_amount, "tech_amount": tech, "registry": registry.name},
    )
    return contract


def _clock(contract: TechContract) -> Any:
    assert contract.accepted_on is not None
    supplements = [contract.supplement_received_on] if contract.supplement_received_on else []
    return registration_clock(
        contract.accepted_on,
        contract.tech_amount,
        calendar=calendar(),
        disputed=contract.disputed,
        supplements_received=supplements,
    )


@transaction.atomic
def accept_contract(contract: TechContract, *, actor: Any, on: dt.date | None = None) -> Any:
    """受理: the clock starts (15 working days; 30 for ≥ 500万 or disputed)."""
    require(actor, "market.contract.register", contract)
    if contract.state != ContractState.SUBMITTED:
        raise ValidationError(f"当前状态「{contract.get_state_display()}」不能受理 / not submitted")
    contract.accepted_on = on or timezone.localdate()
    due = _clock(contract).due
    return audit.transition(
        contract,
        MarketEvent.CONTRACT_ACCEPTED,
        actor=actor,
        field="state",
        to=ContractState.ACCEPTED,
        changes={"accepted_on": contract.accepted_on, "due_on": due},
        after={"due_on": due.isoformat()},
    )


@transaction.atomic
def return_for_supplement(contract: TechContract, note: str, *, actor: Any) -> Any:
    """补正: the registry asks for missing material; the clock restarts when it arrives."""
    require(actor, "market.contract.register", contract)
    if contract.state != ContractState.ACCEPTED:
        raise ValidationError("只有已受理的合同可以要求补正 / only an accepted contract")
    if not note.strip():
        raise ValidationError("请写明需要补正的材料 / say what is missing")
    return audit.transition(
        contract,
        MarketEvent.CONTRACT_RETURNED,
        actor=actor,
        field="state",
        to=ContractState.RETURNED,
        changes={"return_note": note.strip()[:200], "due_on": None},
    )


@transaction.atomic
def receive_supplement(contract: TechContract, *, actor: Any, on: dt.date | None = None) -> Any:
    """The missing material arrived: 受理日 becomes this day (spec §3.2)."""
    require(actor, "market.contract.register", contract)
    if contract.state != ContractState.RETURNED:
        raise ValidationError("该合同没有待补正的材料 / nothing awaited")
    contract.supplement_received_on = on or timezone.localdate()
    due = _clock(contract).due
    return audit.transition(
        contract,
        MarketEvent.CONTRACT_SUPPLEMENTED,
        actor=actor,
        field="state",
        to=ContractState.ACCEPTED,
        changes={"supplement_received_on": contract.supplement_received_on, "due_on": due},
        after={"due_on": due.isoformat()},
    )


@transaction.atomic
def register_contract(contract: TechContract, *, actor: Any, on: dt.date | None = None) -> Any:
    """登记: a 登记编号 from the registry's series, then the indicator is fed."""
    require(actor, "market.contract.register", contract)
    if contract.state != ContractState.ACCEPTED:
        raise ValidationError(
            f"当前状态「{contract.get_state_display()}」不能登记 / only an accepted contract"
        )
    day = on or timezone.localdate()
    number = next_number(f"market-{contract.registry.code}", day.year)
    registration_no = f"{contract.registry.region_code}{day.year}{number:06d}"
    row = audit.transition(
        contract,
        MarketEvent.CONTRACT_REGISTERED,
        actor=actor,
        field="state",
        to=ContractState.REGISTERED,
        changes={"registered_on": day, "registration_no": registration_no},
        after={"registration_no": registration_no},
    )
    from jiazhou_web.market.indicator import refresh_indicator

    refresh_indicator(day, actor=actor, audit_row=False)
    return row


@transaction.atomic
def refuse_contract(contract: TechContract, reason: str, *, actor: Any) -> Any:
    require(actor, "market.contract.register", contract)
    if reason not in RefusalReason.values:
        raise ValidationError("请选择不予登记的理由 / choose a refusal reason")
    if contract.state not in (ContractState.ACCEPTED, ContractState.SUBMITTED):
        raise ValidationError(f"当前状态「{contract.get_state_display()}」不能作出不予登记决定")
    return audit.transition(
        contract,
        MarketEvent.CONTRACT_REFUSED,
        actor=actor,
        field="state",
        to=ContractState.REFUSED,
        changes={"refusal_reason": reason, "due_on": None},
    )


@transaction.atomic
def revoke_contract(contract: TechContract, ground: str, *, actor: Any) -> Any:
    """撤销 a registration on one of the grounds; the indicator drops the contract."""
    require(actor, "market.contract.register", contract)
    if ground not in RevocationGround.values:
        raise ValidationError("请选择撤销理由 / choose a revocation ground")
    if contract.state != ContractState.REGISTERED:
        raise ValidationError("只有已登记的合同可以撤销 / only a registered contract")
    row = audit.transition(
        contract,
        MarketEvent.CONTRACT_REVOKED,
        actor=actor,
        field="state",
        to=ContractState.REVOKED,
        changes={"revocation_ground": ground},
    )
    from jiazhou_web.market.indicator import refresh_indicator

    assert contract.registered_on is not None
    refresh_indicator(contract.registered_on, actor=actor, audit_row=False)
    return row


@transaction.atomic
def record_payment(
    contract: TechContract, *, paid_on: dt.date, amount: Decimal, invoice_no: str, actor: Any
) -> Payment:
    require(actor, "market.contract.submit", contract)
    _own_firm(actor, contract.seller)
    _positive(amount, "到账金额")
    if contract.state != ContractState.REGISTERED:
        raise ValidationError("只有已登记的合同可以记录到账 / only a registered contract")
    payment = Payment.objects.create(
        contract=contract, paid_on=paid_on, amount=amount, invoice_no=invoice_no
    )
    audit.record(
        MarketEvent.PAYMENT_RECORDED, actor=actor, target=payment, after={"amount": amount}
    )
    return payment


# -- set-up: registries, registrars, brokers, shareholder data (city administrators) ----------
def _setup_allowed(actor: Any) -> None:
    if actor is not None:  # None = the system (seeding, migrations)
        require(actor, "users.manage")


@transaction.atomic
def create_registry(*, code: str, name: str, region_code: str, actor: Any) -> Registry:
    _setup_allowed(actor)
    registry = audit.create_unique(
        Registry, f"登记机构代码「{code}」已存在 / registry exists", code=code, name=name,
        region_code=region_code,
    )  # fmt: skip
    audit.record(MarketEvent.REGISTRY_CREATED, actor=actor, target=registry, after={"name": name})
    return registry


@transaction.atomic
def add_registrar(user: Any, registry: Registry, *, actor: Any) -> Any:
    """Give ``user`` the contract_registrar role (scope: the registry's department) and tie it
    to ``registry``: from then on it reaches that registry's contracts only."""
    from jiazhou_web.market.models import RegistrarMembership

    _setup_allowed(actor)
    membership = audit.create_unique(
        RegistrarMembership, "该用户已是登记员 / already a registrar", user=user,
        registry=registry,
    )  # fmt: skip
    audit.record(
        MarketEvent.REGISTRAR_ADDED,
        actor=actor,
        target=membership,
        after={"registry": registry.name},
    )
    return membership


@transaction.atomic
def register_broker(
    *, name: str, certificate_no: str, organisation: str, user: Any = None, actor: Any
) -> Any:
    from jiazhou_web.market.models import Broker, BrokerMembership

    _setup_allowed(actor)
    broker = audit.create_unique(
        Broker, f"证书编号「{certificate_no}」已登记 / broker exists", name=name,
        certificate_no=certificate_no, organisation=organisation,
    )  # fmt: skip
    if user is not None:
        BrokerMembership.objects.create(user=user, broker=broker)
    audit.record(MarketEvent.BROKER_REGISTERED, actor=actor, target=broker, after={"name": name})
    return broker


@transaction.atomic
def load_shareholdings(rows: list[tuple[str, str, Decimal]], *, actor: Any) -> int:
    """Shareholder data (市场监管 export): ``(holder_uscc, company_uscc, share 0–1)`` rows,
    replacing what was held for the same pairs."""
    _setup_allowed(actor)
    for i, (_holder, _company, share) in enumerate(rows, start=1):
        if not Decimal(0) <= share <= Decimal(1):
            raise ValidationError(f"第{i}行：持股比例须在0–1之间 / row {i}: share must be 0–1")
    for holder, company, share in rows:
        Shareholding.objects.update_or_create(
            holder_uscc=holder, company_uscc=company, defaults={"share": share}
        )
    audit.record(MarketEvent.SHAREHOLDINGS_LOADED, actor=actor, after={"rows": len(rows)})
    return len(rows)


@transaction.atomic
def import_absorbed(rows: list[dict[str, Any]], *, actor: Any) -> int:
    """Store the national export's rows (replacing rows with the same 登记编号); one audit row."""
    from jiazhou_web.market.models import AbsorbedContract

    require(actor, "market.review")
    for row in rows:
        AbsorbedContract.objects.update_or_create(
            contract_no=row["contract_no"],
            defaults={k: v for k, v in row.items() if k != "contract_no"},
        )
    audit.record(MarketEvent.ABSORBED_IMPORTED, actor=actor, after={"rows": len(rows)})
    return len(rows)
