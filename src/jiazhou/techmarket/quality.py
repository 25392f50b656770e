"""Data-quality watch for the registry (spec §3.7 last paragraph, §3.2 撤销 grounds) [U: the
thresholds are ours]: the same contract registered twice, a contract split to stay under the
500万 expert-review threshold, and a year-end spike.

* duplicate: same seller and buyer, amounts within 1 %, titles ≥ 0.8 similar (difflib ratio);
* split: same seller and buyer, signed within 30 days, each part below 500万 and together ≥ 500万;
* spike: December's 成交额 more than twice the average month of the year (and > 0).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from difflib import SequenceMatcher
from itertools import combinations

DUPLICATE_AMOUNT_TOLERANCE = Decimal("0.01")  # [U]
DUPLICATE_TITLE_RATIO = 0.8  # [U]
SPLIT_WINDOW_DAYS = 30  # [U]
SPLIT_THRESHOLD_WAN = Decimal("500")  # [S] the expert-review threshold of the draft
SPIKE_FACTOR = Decimal(2)  # [U]


@dataclass(frozen=True)
class QContract:
    key: str
    seller: str
    buyer: str
    title: str
    amount: Decimal
    signed_on: date


@dataclass(frozen=True)
class Flag:
    kind: str  # duplicate | split | spike
    keys: tuple[str, ...]
    message: str


def _same_parties(a: QContract, b: QContract) -> bool:
    return a.seller == b.seller and a.buyer.strip() == b.buyer.strip()


def duplicates(contracts: Sequence[QContract]) -> list[Flag]:
    flags = []
    for a, b in combinations(contracts, 2):
        if not _same_parties(a, b):
            continue
        top = max(a.amount, b.amount)
        if top and abs(a.amount - b.amount) > top * DUPLICATE_AMOUNT_TOLERANCE:
            continue
        if SequenceMatcher(None, a.title, b.title).ratio() < DUPLICATE_TITLE_RATIO:
            continue
        flags.append(
            Flag("duplicate", (a.key, b.key), f"疑似重复登记：「{a.title}」与「{b.title}」")
        )
    return flags


def splits(contracts: Sequence[QContract]) -> list[Flag]:
    flags = []
    for a, b in combinations(contracts, 2):
        if not _same_parties(a, b) or abs((a.signed_on - b.signed_on).days) > SPLIT_WINDOW_DAYS:
            continue
        if (
            a.amount < SPLIT_THRESHOLD_WAN
            and b.amount < SPLIT_THRESHOLD_WAN
            and (a.amount + b.amount >= SPLIT_THRESHOLD_WAN)
        ):
            flags.append(
                Flag(
                    "split",
                    (a.key, b.key),
                    f"疑似拆分合同：同一双方{SPLIT_WINDOW_DAYS}日内两份合同各低于500万元、合计"
                    f"{a.amount + b.amount}万元",
                )
            )
    return flags


def year_end_spike(monthly: Sequence[Decimal]) -> Flag | None:
    """``monthly``: 12 totals (万元), January first."""
    if len(monthly) != 12:
        raise ValueError("需要12个月的数据 / twelve months expected")
    average = sum(monthly, Decimal(0)) / 12
    if monthly[11] > 0 and monthly[11] > SPIKE_FACTOR * average:
        return Flag(
            "spike", (), f"年末突增：12月成交额{monthly[11]}万元，超过月均{average:.2f}万元的2倍"
        )
    return None
