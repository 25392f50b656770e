"""技术交易额 at the edges the round-12 mutation run left open (issue 23).

Rules (``jiazhou.techmarket.amounts``; docs/specs/next-capabilities.md §3.3 [S], criteria.md
§7.3 [V old rules]):

* 技术交易额 = 合同成交额 − non-technical costs (设备、仪器、零部件、原材料); the 技术载体 (技术文件,
  软件/生物载体, 成套设备或试验装置 1–2 套) are listed but never deducted;
* a contract total or a deduction cannot be negative; any other kind of cost is refused;
* a deduction names one rig set unless it says otherwise.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest

from jiazhou.techmarket import Deduction, TechAmountError, transaction_amount, transfer_income_tax


def test_a_contract_of_zero_has_a_transaction_amount_of_zero() -> None:
    """§3.3: only a negative 成交额 is refused; 0 (and 0.5) 万元 less nothing is 0 (0.5)."""
    assert transaction_amount(D(0)) == D(0)
    assert transaction_amount(D("0.5")) == D("0.5")


def test_a_slightly_negative_total_is_refused() -> None:
    """§3.3: a contract total below 0, however little (−0.5 万元), is refused."""
    with pytest.raises(TechAmountError, match="成交额不能为负"):
        transaction_amount(D("-0.5"))


def test_a_slightly_negative_deduction_is_refused() -> None:
    """§3.3: a deduction below 0 (−0.01 or −1 万元) is refused, whatever its kind."""
    for amount in (D("-0.01"), D(-1)):
        with pytest.raises(TechAmountError, match="扣除额不能为负"):
            transaction_amount(D(100), [Deduction("equipment", amount)])
        with pytest.raises(TechAmountError, match="扣除额不能为负"):
            transaction_amount(D(100), [Deduction("documents", amount)])


def test_a_deduction_under_one_wan_is_deducted() -> None:
    """§3.3: 100 − 0.5 (原材料) = 99.5 万元: small deductions count like any other."""
    assert transaction_amount(D(100), [Deduction("materials", D("0.5"))]) == D("99.5")


def test_costs_listed_after_a_rig_are_still_deducted() -> None:
    """§3.3: rig (载体, 30) then 设备 40 and 零部件 10: 200 − 40 − 10 = 150 万元."""
    deductions = [
        Deduction("test_rig", D(30)),
        Deduction("equipment", D(40)),
        Deduction("parts", D(10)),
    ]
    assert transaction_amount(D(200), deductions) == D(150)


def test_costs_listed_after_another_carrier_are_still_deducted() -> None:
    """§3.3: 技术文件 5 and 软件载体 6 (not deducted) then 仪器 20 and 原材料 30:
    200 − 20 − 30 = 150 万元."""
    deductions = [
        Deduction("documents", D(5)),
        Deduction("instrument", D(20)),
        Deduction("software_carrier", D(6)),
        Deduction("materials", D(30)),
    ]
    assert transaction_amount(D(200), deductions) == D(150)


def test_a_rig_listed_first_does_not_hide_an_excess_of_costs() -> None:
    """§3.3: rig then 设备 250 on a 200 万元 contract: the costs exceed the total, refused."""
    with pytest.raises(TechAmountError, match="超过合同成交额"):
        transaction_amount(D(200), [Deduction("test_rig", D(30)), Deduction("equipment", D(250))])


def test_each_rig_entry_is_one_set_unless_it_says_otherwise() -> None:
    """criteria §7.3: rigs 1–2 sets are carriers. Two entries without a count are two sets
    (allowed, nothing deducted); a third entry makes three sets (refused)."""
    assert Deduction("test_rig", D(30)).sets == 1
    two = [Deduction("test_rig", D(30)), Deduction("test_rig", D(20))]
    assert transaction_amount(D(100), two) == D(100)
    with pytest.raises(TechAmountError, match="2套"):
        transaction_amount(D(100), [*two, Deduction("test_rig", D(10))])
    with pytest.raises(TechAmountError, match="2套"):
        transaction_amount(D(100), [Deduction("test_rig", D(30)), Deduction("test_rig", D(20), 2)])


@pytest.mark.parametrize("kind", ["vehicle", "wages", "travel"])
def test_a_cost_of_no_listed_kind_is_refused(kind: str) -> None:
    """§3.3: only 设备/仪器/零部件/原材料 are deducted and only the listed 载体 are kept; any other
    kind (车辆, 工资, 差旅 …) is refused rather than silently kept or treated as a rig."""
    with pytest.raises(TechAmountError, match="未知的扣除类别"):
        transaction_amount(D(200), [Deduction(kind, D(1))])


def test_a_deduction_and_a_tax_result_are_read_only() -> None:
    """A registered amount cannot be altered after the fact (value objects, hashable)."""
    deduction = Deduction("equipment", D(10))
    with pytest.raises(dataclasses.FrozenInstanceError):
        deduction.amount = D(0)  # type: ignore[misc]
    assert len({deduction, Deduction("equipment", D(10))}) == 1
    tax = transfer_income_tax(D(700))
    with pytest.raises(dataclasses.FrozenInstanceError):
        tax.tax = D(0)  # type: ignore[misc]
    assert len({tax, transfer_income_tax(D(700))}) == 1
