"""Reward schemes as data (spec §3.6 [S]): marginal tiers on an amount, with a cap.

福清 broker (登记方) pattern: 0.5 % of 交易额 up to 3000万 + 0.3 % above, ≤ 100万 a year;
福清 registry (登记机构): 5万 once ≥ 3000万 + 0.6‰ of the excess, ≤ 20万.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jiazhou.techmarket.amounts import tidy


@dataclass(frozen=True)
class Tier:
    upto: Decimal | None  # upper bound of this band (万元); None = no bound
    rate: Decimal  # share of the amount within the band


@dataclass(frozen=True)
class RewardScheme:
    code: str
    name: str
    tiers: tuple[Tier, ...]
    cap: Decimal | None = None
    threshold: Decimal = Decimal(0)  # below it nothing is paid
    base: Decimal = Decimal(0)  # lump sum paid at the threshold
    marginal_from_threshold: bool = False  # rates apply only above the threshold

    def reward(self, amount: Decimal) -> Decimal:
        """The reward (万元) on ``amount``: nothing on 0 or less or below ``threshold``; else
        ``base`` plus each tier's rate on the part of the amount within it (from the threshold
        when ``marginal_from_threshold``, else from 0), at most ``cap``. Tiers ascend."""
        if amount < self.threshold or amount <= 0:
            return Decimal(0)
        total = self.base
        lower = self.threshold if self.marginal_from_threshold else Decimal(0)
        for tier in self.tiers:
            top = amount if tier.upto is None else min(amount, tier.upto)
            if top > lower:
                total += (top - lower) * tier.rate
            if tier.upto is not None:
                lower = max(lower, tier.upto)
            if tier.upto is None or amount <= tier.upto:
                break
        if self.cap is not None:
            total = min(total, self.cap)
        return tidy(total)


FUQING_BROKER = RewardScheme(
    code="fuqing_broker",
    name="福清 登记方奖励（0.5%至3000万，超出0.3%，年度封顶100万）",
    tiers=(Tier(Decimal(3000), Decimal("0.005")), Tier(None, Decimal("0.003"))),
    cap=Decimal(100),
)
FUQING_REGISTRY = RewardScheme(
    code="fuqing_registry",
    name="福清 登记机构奖励（满3000万奖5万，超出部分0.6‰，封顶20万）",
    tiers=(Tier(None, Decimal("0.0006")),),
    cap=Decimal(20),
    threshold=Decimal(3000),
    base=Decimal(5),
    marginal_from_threshold=True,
)
SCHEMES = {s.code: s for s in (FUQING_BROKER, FUQING_REGISTRY)}


def broker_reward_fuqing(amount: Decimal) -> Decimal:
    """福清 broker reward (万元).

    >>> broker_reward_fuqing(Decimal(4000))  # spec §3.8 case 5: 15 + 3
    Decimal('18')
    """
    return FUQING_BROKER.reward(amount)


def registry_reward_fuqing(amount: Decimal) -> Decimal:
    """福清 registry reward (万元).

    >>> registry_reward_fuqing(Decimal(5000))  # 5 + 2000 × 0.06 %
    Decimal('6.2')
    """
    return FUQING_REGISTRY.reward(amount)
