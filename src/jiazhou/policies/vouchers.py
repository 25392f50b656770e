"""科技创新券: the pay rule (next-capabilities §2.3) and the fraud checks of §2.4.

``pay = min(share × eligible_cost, per_order_cap, firm_remaining_year, voucher_remaining)``,
floored to 分. Out-of-date use (invoice or contract after the voucher's expiry, or before its
issue) is a *rule* and refuses the redemption (§2.5 test 3); everything in :func:`fraud_flags` is
a *flag* with evidence for a reviewer — never an automatic rejection (§2.4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class VoucherRule:
    """A batch's money rule. ``share``: the part of the eligible cost the voucher pays."""

    share: Decimal
    per_order_cap: Decimal | None = None
    firm_year_cap: Decimal | None = None
    price_tolerance: Decimal = Decimal("1.5")  # [U] our proposal: > 150% of the price list
    split_window_days: int = 31  # [U] "same pair, same month" (§2.4)


def pay(
    rule: VoucherRule,
    eligible_cost: Decimal,
    firm_used_year: Decimal = Decimal(0),
    voucher_remaining: Decimal | None = None,
) -> Decimal:
    """What the voucher pays for one order (§2.3), ``Decimal`` 元 floored to 分."""
    if eligible_cost < 0:
        raise ValueError("费用不能为负 / cost must be >= 0")
    limits = [(rule.share * eligible_cost).quantize(CENT, ROUND_FLOOR)]
    if rule.per_order_cap is not None:
        limits.append(rule.per_order_cap)
    if rule.firm_year_cap is not None:
        limits.append(max(Decimal(0), rule.firm_year_cap - firm_used_year))
    if voucher_remaining is not None:
        limits.append(max(Decimal(0), voucher_remaining))
    return min(limits)


def date_refusal(issued: dt.date, expires: dt.date, *dates: dt.date | None) -> str | None:
    """``"expired"``/``"before_issue"`` when a contract or invoice date is outside the voucher's
    validity (§2.4, §2.5 test 3), else ``None``."""
    for d in dates:
        if d is None:
            continue
        if d > expires:
            return "expired"
        if d < issued:
            return "before_issue"
    return None


REFUSAL_ZH = {
    "expired": "发票或合同日期晚于创新券有效期",
    "before_issue": "发票或合同日期早于创新券发放日",
}


@dataclass(frozen=True)
class Party:
    """Who stands behind a firm or provider (市场监管 data): 法定代表人, 股东, phone, address."""

    legal_rep: str = ""
    shareholders: tuple[str, ...] = ()
    phone: str = ""
    address: str = ""


@dataclass(frozen=True)
class Order:
    firm: str
    provider: str
    service: str
    amount: Decimal
    ordered_on: dt.date
    service_date: dt.date | None = None
    deliverable_hash: str = ""
    key: str = ""


@dataclass(frozen=True)
class Flag:
    code: str
    evidence_zh: str


FLAG_ZH = {
    "related_party": "企业与服务机构存在关联关系",
    "unregistered_provider": "服务机构未备案或已暂停",
    "out_of_scope": "服务不在机构备案范围内",
    "split_order": "疑似拆分订单规避上限",
    "price_above_list": "价格明显高于机构备案价目",
    "duplicate_deliverable": "同一成果报告重复兑付",
}


def _norm(s: str) -> str:
    return "".join(s.split()).lower()


def related_party(firm: Party, provider: Party) -> list[str]:
    """Shared 法定代表人 / 股东 / phone / address (normalised), as evidence lines."""
    found = []
    if firm.legal_rep and _norm(firm.legal_rep) == _norm(provider.legal_rep):
        found.append(f"法定代表人相同：{firm.legal_rep}")
    common = {_norm(x) for x in firm.shareholders} & {_norm(x) for x in provider.shareholders}
    if common:
        found.append(f"共同股东：{'、'.join(sorted(common))}")
    if firm.phone and _norm(firm.phone) == _norm(provider.phone):
        found.append(f"联系电话相同：{firm.phone}")
    if firm.address and _norm(firm.address) == _norm(provider.address):
        found.append(f"地址相同：{firm.address}")
    return found


@dataclass
class ProviderFacts:
    registered: bool = True
    scopes: frozenset[str] = frozenset()
    registered_from: dt.date | None = None
    registered_to: dt.date | None = None
    price_list: dict[str, Decimal] = field(default_factory=dict)


def fraud_flags(
    order: Order,
    rule: VoucherRule,
    firm: Party,
    provider: Party,
    facts: ProviderFacts,
    others: Iterable[Order] = (),
) -> list[Flag]:
    """Every §2.4 check on ``order`` against the pair's other orders; flags carry evidence."""
    flags: list[Flag] = []
    rel = related_party(firm, provider)
    if rel:
        flags.append(Flag("related_party", "；".join(rel)))
    on = order.service_date or order.ordered_on
    active = facts.registered and (
        (facts.registered_from is None or facts.registered_from <= on)
        and (facts.registered_to is None or on <= facts.registered_to)
    )
    if not active:
        flags.append(Flag("unregistered_provider", f"服务日期 {on.isoformat()} 机构不在备案期内"))
    if facts.scopes and order.service not in facts.scopes:
        flags.append(
            Flag(
                "out_of_scope",
                f"服务「{order.service}」不在备案范围（{'、'.join(sorted(facts.scopes))}）",
            )
        )
    listed = facts.price_list.get(order.service)
    if listed is not None and order.amount > listed * rule.price_tolerance:
        flags.append(
            Flag(
                "price_above_list",
                f"订单 {order.amount} 元，备案价 {listed} 元（超过 {rule.price_tolerance} 倍）",
            )
        )
    others = [o for o in others if o.key != order.key or not order.key]
    if rule.per_order_cap is not None:
        window = [
            o
            for o in others
            if o.firm == order.firm
            and o.provider == order.provider
            and abs((o.ordered_on - order.ordered_on).days) <= rule.split_window_days
        ]
        together = order.amount + sum((o.amount for o in window), Decimal(0))
        if (
            window
            and together > rule.per_order_cap
            and all(o.amount <= rule.per_order_cap for o in (order, *window))
        ):
            flags.append(
                Flag(
                    "split_order",
                    f"同一企业与机构 {rule.split_window_days} 日内 {len(window) + 1} 笔，合计 {together} 元，"
                    f"单笔上限 {rule.per_order_cap} 元",
                )
            )
    if order.deliverable_hash:
        dup = [o for o in others if o.deliverable_hash == order.deliverable_hash]
        if dup:
            flags.append(
                Flag(
                    "duplicate_deliverable",
                    f"成果文件摘要 {order.deliverable_hash[:12]}… 已用于 {len(dup)} 笔兑付",
                )
            )
    return flags


def flags_summary(flags: Sequence[Flag]) -> str:
    return "；".join(f"{FLAG_ZH[f.code]}（{f.evidence_zh}）" for f in flags)
