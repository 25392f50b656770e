"""Boundaries of the 创新券 pay rule (spec next-capabilities §2.3), fraud checks (§2.4) and 公示.

Each case is computed by hand from the rule text; they pin the edges the mutation run (issue 23)
found unpinned: a zero cost, the per-order cap, a firm already past its yearly cap, the first
and last valid day, the 31-day "same month" window of split orders, orders exactly at the cap,
and the provider's registration on its first and last day.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jiazhou.policies.clock import publicity_end
from jiazhou.policies.vouchers import (
    Order,
    Party,
    ProviderFacts,
    VoucherRule,
    date_refusal,
    flags_summary,
    fraud_flags,
    pay,
    related_party,
)
from jiazhou.worktime import WorkingCalendar

CAPPED = VoucherRule(
    share=Decimal("0.5"), per_order_cap=Decimal("30000"), firm_year_cap=Decimal("100000")
)


def test_pay_is_the_least_of_share_cap_year_and_voucher() -> None:
    # §2.3: pay = min(share × cost, per-order cap, firm remaining, voucher remaining)
    assert pay(CAPPED, Decimal(0)) == Decimal(0)  # a zero cost is allowed and pays nothing
    assert pay(CAPPED, Decimal("50000")) == Decimal("25000.00")  # 50% × 5万, under every cap
    assert pay(CAPPED, Decimal("80000")) == Decimal("30000")  # 4万 → per-order cap 3万
    assert pay(CAPPED, Decimal("80000"), firm_used_year=Decimal("85000")) == Decimal("15000")
    # already past the yearly cap (e.g. a cap lowered mid-year): nothing, never negative
    assert pay(CAPPED, Decimal("80000"), firm_used_year=Decimal("120000")) == Decimal(0)
    assert pay(CAPPED, Decimal("80000"), voucher_remaining=Decimal("-5")) == Decimal(0)
    with pytest.raises(ValueError, match="负"):
        pay(CAPPED, Decimal("-0.01"))


def test_validity_includes_the_issue_day_and_skips_missing_dates() -> None:
    # §2.4 / §2.5 test 3: dated before issue or after expiry is refused; both ends are valid
    issued, expires = dt.date(2025, 3, 1), dt.date(2025, 12, 31)
    assert date_refusal(issued, expires, dt.date(2025, 3, 1)) is None
    assert date_refusal(issued, expires, dt.date(2025, 2, 28)) == "before_issue"
    # a contract without a date is skipped; the invoice after it is still checked
    assert date_refusal(issued, expires, None, dt.date(2026, 1, 1)) == "expired"
    assert date_refusal(issued, expires, dt.date(2025, 6, 1), dt.date(2025, 2, 1)) == (
        "before_issue"
    )


def _order(amount: str, on: dt.date, key: str, **kw: object) -> Order:
    return Order(
        firm="F",
        provider="P",
        service="检验检测",
        amount=Decimal(amount),
        ordered_on=on,
        key=key,
        **kw,  # type: ignore[arg-type]
    )


SPLIT = VoucherRule(share=Decimal("0.2"), per_order_cap=Decimal("100000"))
ANY = ProviderFacts()


def _codes(order: Order, others: list[Order], rule: VoucherRule = SPLIT) -> list[str]:
    return [f.code for f in fraud_flags(order, rule, Party(), Party(), ANY, others)]


def test_split_window_is_31_days_inclusive() -> None:
    # §2.4 "same pair, same month": split_window_days = 31, both ends counted
    first = _order("60000", dt.date(2026, 1, 1), "a")
    assert _codes(_order("60000", dt.date(2026, 2, 1), "b"), [first]) == ["split_order"]  # 31 d
    assert _codes(_order("60000", dt.date(2026, 2, 2), "b"), [first]) == []  # 32 days apart
    # the window looks both ways: the other order may be the later one
    assert _codes(_order("60000", dt.date(2025, 12, 1), "b"), [first]) == ["split_order"]


def test_split_needs_the_sum_above_the_cap_and_each_order_at_most_the_cap() -> None:
    on = dt.date(2026, 3, 10)
    # 5万 + 5万 = 10万 = the cap: nothing was split to avoid it
    assert _codes(_order("50000", on, "b"), [_order("50000", on, "a")]) == []
    # 10万 + 1元: each order within the cap (10万 is "at most" it), together above → split
    assert _codes(_order("100000", on, "b"), [_order("1", on, "a")]) == ["split_order"]
    # an order above the cap on its own is not a split (the cap itself applies to it)
    assert _codes(_order("100001", on, "b"), [_order("1", on, "a")]) == []
    # without a per-order cap there is nothing to split around
    no_cap = VoucherRule(share=Decimal("0.2"))
    assert _codes(_order("60000", on, "b"), [_order("60000", on, "a")], no_cap) == []


def test_split_counts_other_pairs_and_the_order_itself_out() -> None:
    on = dt.date(2026, 3, 10)
    order = _order("60000", on, "b")
    # the same order listed among "others" (same key) is not its own split partner
    assert _codes(order, [order]) == []
    other_provider = Order("F", "Q", "检验检测", Decimal("60000"), on, key="a")
    other_firm = Order("G", "P", "检验检测", Decimal("60000"), on, key="c")
    assert _codes(order, [other_provider, other_firm]) == []
    # orders without keys are all "others" (no key to tell them apart)
    unkeyed = _order("60000", on, "")
    assert _codes(unkeyed, [_order("60000", on, "")]) == ["split_order"]


def test_split_flag_evidence_counts_the_orders() -> None:
    on = dt.date(2026, 3, 10)
    flags = fraud_flags(
        _order("40000", on, "c"),
        SPLIT,
        Party(),
        Party(),
        ANY,
        [_order("40000", on, "a"), _order("40000", on, "b")],
    )
    # three orders of 4万 = 12万 within 31 days against a 10万 cap
    assert flags[0].evidence_zh == "同一企业与机构 31 日内 3 笔，合计 120000 元，单笔上限 100000 元"


def test_provider_registration_counts_its_first_and_last_day() -> None:
    # §2.4: "provider not registered … on the service date" (service date, else order date)
    facts = ProviderFacts(registered_from=dt.date(2026, 3, 2), registered_to=dt.date(2026, 3, 31))
    rule = VoucherRule(share=Decimal("0.2"))

    def codes(on: dt.date, service: dt.date | None = None) -> list[str]:
        order = _order("1000", on, "a", service_date=service)
        return [f.code for f in fraud_flags(order, rule, Party(), Party(), facts)]

    assert codes(dt.date(2026, 3, 2)) == []
    assert codes(dt.date(2026, 3, 31)) == []
    assert codes(dt.date(2026, 4, 1)) == ["unregistered_provider"]
    # ordered inside, served after the registration ended: the service date decides
    assert codes(dt.date(2026, 3, 20), dt.date(2026, 4, 1)) == ["unregistered_provider"]
    suspended = ProviderFacts(registered=False)
    order = _order("1000", dt.date(2026, 3, 20), "a")
    assert [f.code for f in fraud_flags(order, rule, Party(), Party(), suspended)] == [
        "unregistered_provider"
    ]


def test_related_party_on_each_shared_fact_and_never_on_blanks() -> None:
    # §2.4: shared 法定代表人 / 股东 / contact phone / address, compared without spaces or case
    firm = Party(shareholders=("甲公司", "Li Si"), phone="0833 1234567", address="乐山市 中区")
    provider = Party(shareholders=("lisi",), phone="08331234567", address="乐山市中区")
    assert related_party(firm, provider) == [
        "共同股东：lisi",
        "联系电话相同：0833 1234567",
        "地址相同：乐山市 中区",
    ]
    assert related_party(Party(), Party()) == []  # two blank records share nothing


def test_flags_summary_joins_label_and_evidence() -> None:
    order = _order("1000", dt.date(2026, 3, 1), "a")
    facts = ProviderFacts(scopes=frozenset({"知识产权"}))
    flags = fraud_flags(order, SPLIT, Party(), Party(), facts)
    assert (
        flags_summary(flags) == "服务不在机构备案范围内（服务「检验检测」不在备案范围（知识产权））"
    )


def test_publicity_of_two_days_and_of_none() -> None:
    # §1.2: 公示 length is a clause parameter (7 wd by default). Two working days from Fri
    # 2025-09-26 end on Sun 09-28 (调休上班, Sat 09-27 is a rest day); a 0-day 公示 never ends
    # before it starts — it ends on its first working day.
    cal = WorkingCalendar.packaged()
    assert publicity_end(cal, dt.date(2025, 9, 26), 2) == dt.date(2025, 9, 28)
    assert publicity_end(cal, dt.date(2025, 9, 26), 0) == dt.date(2025, 9, 26)
    assert publicity_end(cal, dt.date(2025, 9, 27), 2) == dt.date(2025, 9, 29)  # from Sun 09-28


def test_duplicate_deliverable_only_for_the_same_hash() -> None:
    # §2.4 "same deliverable redeemed twice (hash of report)": another report is no duplicate
    on = dt.date(2026, 3, 10)
    order = _order("1000", on, "b", deliverable_hash="abc1")
    assert _codes(order, [_order("1000", on, "a", deliverable_hash="abc2")]) == []
    assert _codes(order, [_order("1000", on, "a", deliverable_hash="abc0")]) == []
    assert _codes(order, [_order("1000", on, "a", deliverable_hash="abc1")]) == [
        "duplicate_deliverable"
    ]
    # an order without a report hash is never a duplicate of another without one
    assert _codes(_order("1000", on, "b"), [_order("1000", on, "a")]) == []


def test_different_legal_representatives_are_no_relation_either_way() -> None:
    # §2.4: only a *shared* 法定代表人 is a related party (张 < 李 < 王 in code order)
    assert related_party(Party(legal_rep="李四"), Party(legal_rep="张三")) == []
    assert related_party(Party(legal_rep="李四"), Party(legal_rep="王五")) == []


def test_duplicate_evidence_names_the_first_twelve_hash_characters() -> None:
    on = dt.date(2026, 3, 10)
    digest = "0123456789abcdef"
    order = _order("1000", on, "b", deliverable_hash=digest)
    flags = fraud_flags(
        order, SPLIT, Party(), Party(), ANY, [_order("1000", on, "a", deliverable_hash=digest)]
    )
    assert flags[0].evidence_zh == "成果文件摘要 0123456789ab… 已用于 1 笔兑付"
