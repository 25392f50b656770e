"""创新券 rules and fraud flags (spec §2.5 tests 1–5) and the 兑现 clock (§1.9 test 6)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from jiazhou.policies.clock import clock_report, publicity_end, redemption_clock
from jiazhou.policies.vouchers import (
    Order,
    Party,
    ProviderFacts,
    VoucherRule,
    date_refusal,
    fraud_flags,
    pay,
)
from jiazhou.worktime import WorkingCalendar

CHENGDU = VoucherRule(share=Decimal("0.2"), firm_year_cap=Decimal("100000"))
KARAMAY = VoucherRule(share=Decimal("0.3"))
SH = ZoneInfo("Asia/Shanghai")


def test_chengdu_share_and_yearly_cap() -> None:
    # §2.5 test 1: cost 10万 → 2万; the firm has used 9万 of its 10万 this year → 1万
    assert pay(CHENGDU, Decimal("100000")) == Decimal("20000.00")
    assert pay(CHENGDU, Decimal("100000"), firm_used_year=Decimal("90000")) == Decimal("10000")
    assert pay(CHENGDU, Decimal("100000"), firm_used_year=Decimal("100000")) == Decimal(0)
    assert pay(CHENGDU, Decimal("100000"), voucher_remaining=Decimal("5000.50")) == Decimal(
        "5000.50"
    )


def test_karamay_share() -> None:
    assert pay(KARAMAY, Decimal("500000")) == Decimal("150000.00")  # §2.5 test 2
    assert pay(KARAMAY, Decimal("0.05")) == Decimal("0.01")  # 0.015 floored to 分


def test_expired_voucher_refuses_the_invoice() -> None:
    # §2.5 test 3: voucher to 2025-12-31, invoice 2026-01-05 → expired
    issued, expires = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    assert date_refusal(issued, expires, dt.date(2026, 1, 5)) == "expired"
    assert date_refusal(issued, expires, dt.date(2025, 12, 31)) is None  # last day still valid
    assert date_refusal(issued, expires, dt.date(2024, 12, 31)) == "before_issue"


FACTS = ProviderFacts(
    scopes=frozenset({"检验检测", "知识产权"}), price_list={"检验检测": Decimal("50000")}
)


def _order(amount: str, day: int, key: str, **kw: object) -> Order:
    return Order(
        firm="F",
        provider="P",
        service=str(kw.get("service", "检验检测")),
        amount=Decimal(amount),
        ordered_on=dt.date(2026, 3, day),
        deliverable_hash=str(kw.get("h", "")),
        key=key,
    )


def test_related_party_by_legal_representative() -> None:
    # §2.5 test 4
    flags = fraud_flags(
        _order("30000", 1, "a"),
        CHENGDU,
        Party(legal_rep="张 三"),
        Party(legal_rep="张三"),
        FACTS,
    )
    assert [f.code for f in flags] == ["related_party"]
    assert "张 三" in flags[0].evidence_zh


def test_split_order_under_the_per_order_cap() -> None:
    # §2.5 test 5: 12万 split into two 6万 orders, same pair, same month, cap 10万 per order
    rule = VoucherRule(share=Decimal("0.2"), per_order_cap=Decimal("100000"))
    facts = ProviderFacts(scopes=frozenset({"检验检测"}))
    first, second = _order("60000", 3, "a"), _order("60000", 20, "b")
    flags = fraud_flags(second, rule, Party(), Party(), facts, [first])
    assert [f.code for f in flags] == ["split_order"]
    far = _order("60000", 3, "c")
    far = Order(**{**far.__dict__, "ordered_on": dt.date(2026, 5, 3)})
    assert fraud_flags(far, rule, Party(), Party(), facts, [first]) == []  # 61 days apart


def test_scope_price_and_duplicate_deliverable() -> None:
    out = fraud_flags(_order("1000", 1, "a", service="咨询"), CHENGDU, Party(), Party(), FACTS)
    assert [f.code for f in out] == ["out_of_scope"]
    out = fraud_flags(_order("75000.01", 1, "a"), CHENGDU, Party(), Party(), FACTS)
    assert [f.code for f in out] == ["price_above_list"]  # > 1.5 × 5万
    assert fraud_flags(_order("75000", 1, "a"), CHENGDU, Party(), Party(), FACTS) == []
    prior = _order("1000", 1, "a", h="abc123")
    out = fraud_flags(_order("1000", 2, "b", h="abc123"), CHENGDU, Party(), Party(), FACTS, [prior])
    assert [f.code for f in out] == ["duplicate_deliverable"]


def test_unregistered_provider_on_the_service_date() -> None:
    facts = ProviderFacts(registered_from=dt.date(2026, 3, 2))
    out = fraud_flags(_order("1000", 1, "a"), CHENGDU, Party(), Party(), facts)
    assert [f.code for f in out] == ["unregistered_provider"]


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar.packaged()


def test_sixty_working_day_limit_moves_by_the_paused_days_only(cal: WorkingCalendar) -> None:
    # §1.9 test 6: accepted Mon 2025-06-09 at opening; 补正 2025-06-11 → 06-16 (opening times)
    accepted = dt.datetime(2025, 6, 9, 9, 0, tzinfo=SH)
    # By hand: working days after 06-09 — June 10–30: 15; July: 23; August: 21 → 59; the 60th
    # is Mon 2025-09-01 (端午 was 05-31–06-02, before the start; 国庆 starts 10-01).
    plain = clock_report(redemption_clock(accepted, 60), cal, accepted)
    assert plain.due_at.date() == dt.date(2025, 9, 1)
    paused = redemption_clock(
        accepted,
        60,
        [(dt.datetime(2025, 6, 11, 9, 0, tzinfo=SH), dt.datetime(2025, 6, 16, 9, 0, tzinfo=SH))],
    )
    report = clock_report(paused, cal, dt.datetime(2025, 6, 20, 9, 0, tzinfo=SH))
    # paused: 06-11, 06-12, 06-13 = 3 working days (06-14/15 weekend) → due Thu 2025-09-04
    assert report.due_at.date() == dt.date(2025, 9, 4)
    assert report.due_at - plain.due_at == dt.timedelta(days=3)


def test_publicity_of_seven_working_days_over_national_day(cal: WorkingCalendar) -> None:
    # 公示 from Fri 2025-09-26: 09-26, Sun 09-28 (调休上班), 09-29, 09-30, 10-09, 10-10,
    # Sat 10-11 (调休上班) → ends 2025-10-11 (国庆·中秋 10-01..10-08)
    assert publicity_end(cal, dt.date(2025, 9, 26), 7) == dt.date(2025, 10, 11)
    assert publicity_end(cal, dt.date(2025, 9, 27), 1) == dt.date(2025, 9, 28)
