"""Amounts of a technology contract (万元, Decimal).

* 技术交易额 = 合同成交额 − non-technical costs (equipment, instruments, parts, raw materials);
  the direct cost of a reasonable quantity of 技术载体 is **not** deducted (documents as needed,
  software/biological carriers as needed for testing, complete rigs 1–2 sets) — spec §3.3 [S],
  criteria §7.3 [V old rules].
* 技术转让所得 tax (企业所得税法 第27条(四), 实施条例 第90条) — spec §3.4 [S]: per year, 所得 ≤ 500万
  exempt, the excess taxed at half the rate (25 % × 50 %).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

TAX_FREE_TRANSFER_INCOME_WAN = Decimal("500")  # [S] 实施条例 第90条
CIT_RATE = Decimal("0.25")  # [S] 企业所得税法 第4条
EXCESS_RATE_FACTOR = Decimal("0.5")  # [S] 减半征收

#: deduction kinds: non-technical costs deducted from 成交额 (spec §3.3)
NON_TECHNICAL_KINDS = {
    "equipment": "设备",
    "instrument": "仪器",
    "parts": "零部件",
    "materials": "原材料",
}
#: 技术载体 kinds: listed for the record, never deducted
CARRIER_KINDS = {
    "documents": "技术文件",
    "software_carrier": "软件载体",
    "biological_carrier": "生物载体",
    "test_rig": "成套设备或试验装置（载体）",
}
MAX_CARRIER_RIGS = 2  # [V old rules] complete rigs 1–2 sets count as carriers


def tidy(value: Decimal) -> Decimal:
    """``value`` to 0.0001 万元 (one yuan, half up), trailing zeros dropped (``25.0000`` → ``25``)."""
    text = format(value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Decimal(text)


class TechAmountError(ValueError):
    """Inconsistent amounts; the message is Chinese first."""


@dataclass(frozen=True)
class Deduction:
    kind: str  # a key of NON_TECHNICAL_KINDS or CARRIER_KINDS
    amount: Decimal  # 万元
    sets: int = 1  # for test_rig: how many sets

    @property
    def is_carrier(self) -> bool:
        return self.kind in CARRIER_KINDS


def transaction_amount(total: Decimal, deductions: Iterable[Deduction] = ()) -> Decimal:
    """技术交易额 in 万元.

    >>> transaction_amount(Decimal(500), [Deduction("equipment", Decimal(200)),
    ...                                   Deduction("test_rig", Decimal(30))])
    Decimal('300')
    """
    if total < 0:
        raise TechAmountError("合同成交额不能为负 / the contract total cannot be negative")
    deducted = Decimal(0)
    rig_sets = 0
    for d in deductions:
        if d.amount < 0:
            raise TechAmountError(f"扣除额不能为负（{d.kind}）/ a deduction cannot be negative")
        if d.kind == "test_rig":
            rig_sets += d.sets
            if rig_sets > MAX_CARRIER_RIGS:
                raise TechAmountError(
                    "作为技术载体的成套设备或试验装置一般不超过2套，超出部分请按设备列为非技术性费用 / "
                    "more than 2 rig sets: list the excess as equipment (deducted)"
                )
            continue
        if d.kind in CARRIER_KINDS:
            continue
        if d.kind not in NON_TECHNICAL_KINDS:
            raise TechAmountError(f"未知的扣除类别「{d.kind}」/ unknown deduction kind {d.kind!r}")
        deducted += d.amount
    if deducted > total:
        raise TechAmountError(
            f"非技术性费用 {deducted} 万元超过合同成交额 {total} 万元 / "
            f"non-technical costs {deducted} exceed the total {total}"
        )
    return total - deducted


@dataclass(frozen=True)
class TransferTax:
    income: Decimal
    exempt: Decimal
    taxable: Decimal
    tax: Decimal


def transfer_income_tax(income: Decimal, rate: Decimal = CIT_RATE) -> TransferTax:
    """Tax due on one year's 技术转让所得 (万元).

    >>> transfer_income_tax(Decimal(700)).tax  # spec §3.8 case 3
    Decimal('25')
    """
    if income <= 0:
        return TransferTax(income, Decimal(0), Decimal(0), Decimal(0))
    exempt = min(income, TAX_FREE_TRANSFER_INCOME_WAN)
    taxable = income - exempt
    return TransferTax(income, exempt, taxable, tidy(taxable * rate * EXCESS_RATE_FACTOR))
