"""Hand cases of docs/specs/next-capabilities.md §3.8 and the boundaries around them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from jiazhou.techmarket import (
    Deduction,
    Shareholding,
    TechAmountError,
    broker_reward_fuqing,
    equity_conflict,
    flows,
    registration_clock,
    registry_reward_fuqing,
    transaction_amount,
    transfer_income_tax,
)
from jiazhou.techmarket.flows import FlowContract
from jiazhou.techmarket.grounds import REFUSAL_REASONS, REVOCATION_GROUNDS
from jiazhou.techmarket.quality import QContract, duplicates, splits, year_end_spike
from jiazhou.worktime import WorkingCalendar

CAL = WorkingCalendar.packaged()


# -- §3.8 case 1: 交易额 --------------------------------------------------------------------
def test_case1_rig_is_a_carrier_and_not_deducted() -> None:
    deductions = [Deduction("equipment", D(200)), Deduction("test_rig", D(30))]
    assert transaction_amount(D(500), deductions) == D(300)


def test_every_non_technical_kind_is_deducted_and_carriers_are_not() -> None:
    deductions = [
        Deduction("equipment", D(10)),
        Deduction("instrument", D(20)),
        Deduction("parts", D(30)),
        Deduction("materials", D(40)),
        Deduction("documents", D(5)),
        Deduction("software_carrier", D(6)),
        Deduction("biological_carrier", D(7)),
    ]
    assert transaction_amount(D(1000), deductions) == D(900)  # 1000 − (10+20+30+40)


def test_two_rig_sets_are_carriers_a_third_is_refused() -> None:
    assert transaction_amount(D(100), [Deduction("test_rig", D(30), sets=2)]) == D(100)
    with pytest.raises(TechAmountError, match="2套"):
        transaction_amount(D(100), [Deduction("test_rig", D(30), sets=3)])


def test_deductions_equal_to_total_give_zero_and_above_are_refused() -> None:
    assert transaction_amount(D(200), [Deduction("equipment", D(200))]) == D(0)
    with pytest.raises(TechAmountError, match="超过合同成交额"):
        transaction_amount(D(200), [Deduction("equipment", D("200.01"))])
    with pytest.raises(TechAmountError, match="未知"):
        transaction_amount(D(200), [Deduction("labour", D(1))])
    with pytest.raises(TechAmountError, match="为负"):
        transaction_amount(D(-1))


# -- §3.8 case 2: the clock with 补正 ------------------------------------------------------
def test_case2_supplement_restarts_and_large_contract_gets_30_working_days() -> None:
    clock = registration_clock(
        date(2025, 3, 3), D(600), calendar=CAL, supplements_received=[date(2025, 3, 10)]
    )
    assert clock.start == date(2025, 3, 10)
    assert clock.restarted and clock.expert_review and clock.working_days == 30
    # after Mon 10 Mar 2025: 11–14 Mar = 4, 17–21 = 9, 24–28 = 14, 31 Mar–3 Apr = 18
    # (Fri 4 Apr 清明), 7–11 Apr = 23, 14–18 = 28, Mon 21 = 29, Tue 22 Apr = 30
    assert clock.due == date(2025, 4, 22)


def test_15_working_days_below_500_and_30_at_exactly_500() -> None:
    small = registration_clock(date(2025, 3, 10), D("499.99"), calendar=CAL)
    assert (small.working_days, small.due) == (15, date(2025, 3, 31))  # 3 weeks of weekdays
    assert registration_clock(date(2025, 3, 10), D(500), calendar=CAL).working_days == 30
    disputed = registration_clock(date(2025, 3, 10), D(1), calendar=CAL, disputed=True)
    assert disputed.working_days == 30 and disputed.expert_review


def test_clock_counts_working_days_across_national_day() -> None:
    # accepted Fri 26 Sep 2025; 国庆+中秋 1–8 Oct 2025, 调休 Sun 28 Sep and Sat 11 Oct worked:
    # 1 = Sun 28 Sep, 2 = Mon 29, 3 = Tue 30, 4 = Thu 9 Oct, 5 = Fri 10, 6 = Sat 11, then
    # 7–11 = 13–17 Oct, 12–15 = 20–23 Oct
    clock = registration_clock(date(2025, 9, 26), D(10), calendar=CAL)
    assert clock.due == date(2025, 10, 23)


def test_supplement_before_acceptance_is_ignored_latest_counts() -> None:
    clock = registration_clock(
        date(2025, 3, 10),
        D(10),
        calendar=CAL,
        supplements_received=[date(2025, 3, 1), date(2025, 3, 12), date(2025, 3, 11)],
    )
    assert clock.start == date(2025, 3, 12)
    not_restarted = registration_clock(
        date(2025, 3, 10), D(10), calendar=CAL, supplements_received=[date(2025, 3, 1)]
    )
    assert not_restarted.start == date(2025, 3, 10) and not not_restarted.restarted


# -- §3.8 case 3: tax ---------------------------------------------------------------------
def test_case3_transfer_income_700_pays_25() -> None:
    tax = transfer_income_tax(D(700))
    assert (tax.exempt, tax.taxable, tax.tax) == (D(500), D(200), D(25))


def test_tax_boundaries_at_500() -> None:
    assert transfer_income_tax(D(500)).tax == D(0)
    assert transfer_income_tax(D("500.01")).tax == D(
        "0.0013"
    )  # 0.01 × 12.5 % = 0.00125, rounded half up
    assert transfer_income_tax(D(0)).tax == D(0)


# -- §3.8 case 4: flows --------------------------------------------------------------------
def test_case4_flows_leshan_and_chengdu() -> None:
    a = FlowContract("A", "511102", "510104", D(100))  # seller 乐山市中区, buyer 成都锦江
    b = FlowContract("B", "510107", "511102", D(50))  # registered in Chengdu
    leshan = flows([a, b], "5111")
    chengdu = flows([a, b], "5101")
    assert (leshan.output, leshan.absorbed) == (D(100), D(50))
    assert (chengdu.output, chengdu.absorbed) == (D(50), D(100))
    # the local registry only holds A: B is absent from Leshan's 输出
    assert flows([a], "5111").absorbed == D(0)
    assert leshan.output_keys == ("A",)


def test_flows_count_a_contract_once_and_both_ways_inside_the_city() -> None:
    c = FlowContract("C", "511102", "511112", D(30))
    totals = flows([c, c], "5111")
    assert (totals.output, totals.absorbed) == (D(30), D(30))


# -- §3.8 case 5: rewards ------------------------------------------------------------------
def test_case5_fuqing_broker_and_registry() -> None:
    assert broker_reward_fuqing(D(4000)) == D(18)  # 3000 × 0.5 % + 1000 × 0.3 %
    assert registry_reward_fuqing(D(5000)) == D("6.2")  # 5 + 2000 × 0.06 %


def test_reward_boundaries() -> None:
    assert broker_reward_fuqing(D(3000)) == D(15)
    assert broker_reward_fuqing(D(0)) == D(0)
    assert broker_reward_fuqing(D(100000)) == D(100)  # 15 + 97000 × 0.3 % = 306 → cap 100
    assert registry_reward_fuqing(D("2999.99")) == D(0)
    assert registry_reward_fuqing(D(3000)) == D(5)
    assert registry_reward_fuqing(D(100000)) == D(20)  # 5 + 97000 × 0.06 % = 63.2 → cap 20


# -- §3.8 case 6: 揭榜 equity conflict ------------------------------------------------------
def test_case6_solver_holding_10_percent_of_issuer_is_ineligible() -> None:
    reason = equity_conflict("A", "B", [Shareholding("A", "B", D("0.10"))])
    assert reason is not None and "10%" in reason


def test_other_equity_links_and_none() -> None:
    assert "同一单位" in (equity_conflict("A", "A", []) or "")
    assert "发榜方持有" in (equity_conflict("A", "B", [Shareholding("B", "A", D("0.01"))]) or "")
    common = equity_conflict(
        "A", "B", [Shareholding("P", "A", D("0.5")), Shareholding("P", "B", D("0.3"))]
    )
    assert common is not None and "共同股东" in common
    assert equity_conflict("A", "B", [Shareholding("A", "B", D(0))]) is None
    assert equity_conflict("A", "B", [Shareholding("A", "C", D("0.9"))]) is None


def test_reason_tables_are_chinese_and_cover_the_spec() -> None:
    assert {"not_technology", "seals_mismatch", "proofs_missing"} <= set(REFUSAL_REASONS)
    assert {"duplicate", "false_contract", "fraud"} <= set(REVOCATION_GROUNDS)


# -- data-quality watch --------------------------------------------------------------------
def _q(key: str, title: str, amount: str, day: date, buyer: str = "B") -> QContract:
    return QContract(key, "S", buyer, title, D(amount), day)


NOV1, NOV30, DEC2 = date(2026, 11, 1), date(2026, 11, 30), date(2026, 12, 2)


def test_duplicate_needs_same_parties_close_amount_and_similar_title() -> None:
    a = _q("a", "钒电解液制备技术许可合同", "100", NOV1)
    b = _q("b", "钒电解液制备技术许可合同（副本）", "100.99", NOV30)  # 0.99 % apart
    c = _q("c", "钒电解液制备技术许可合同", "102.1", NOV30)  # > 1 % from both
    d = _q("d", "钒电解液制备技术许可合同", "100", NOV30, buyer="X")  # another buyer
    e = _q("e", "稀土抛光粉制备技术服务合同", "100", NOV30)  # another title
    assert [f.keys for f in duplicates([a, b, c, d, e])] == [("a", "b")]


def test_split_below_500_each_and_together_at_least_500_within_30_days() -> None:
    a, b = _q("a", "一期", "250", NOV1), _q("b", "二期", "250", NOV30)  # 29 days, sum 500
    assert [f.keys for f in splits([a, b])] == [("a", "b")]
    assert splits([a, _q("c", "二期", "249.99", NOV30)]) == []  # sum 499.99
    assert splits([a, _q("d", "二期", "250", DEC2)]) == []  # 31 days apart
    assert splits([a, _q("e", "二期", "500", NOV30)]) == []  # one part already ≥ 500


def test_year_end_spike_above_twice_the_monthly_average() -> None:
    # eleven months of 10 and December x: spike when x > 2 × (110 + x) / 12, i.e. x > 22
    flat = [D(10)] * 11
    assert year_end_spike([*flat, D(22)]) is None
    assert year_end_spike([*flat, D("22.01")]) is not None
    assert year_end_spike([D(0)] * 12) is None
    with pytest.raises(ValueError, match="12"):
        year_end_spike([D(1)])
