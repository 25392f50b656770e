"""技术合同认定登记 and 技术市场 rules (issue 17; docs/specs/next-capabilities.md §3,
docs/specs/criteria.md §7). Pure: no Django.

* :mod:`~jiazhou.techmarket.amounts` — 技术交易额, tax on 技术转让所得;
* :mod:`~jiazhou.techmarket.deadlines` — the registration clock (15 / 30 working days, 补正);
* :mod:`~jiazhou.techmarket.grounds` — 不予登记 reason codes and 撤销 grounds;
* :mod:`~jiazhou.techmarket.flows` — 输出 / 吸纳 by region;
* :mod:`~jiazhou.techmarket.rewards` — broker and registry reward schemes (as data);
* :mod:`~jiazhou.techmarket.unveiling` — 揭榜挂帅 eligibility (the no-equity-link rule).
"""

from jiazhou.techmarket.amounts import (
    Deduction,
    TechAmountError,
    transaction_amount,
    transfer_income_tax,
)
from jiazhou.techmarket.deadlines import (
    LARGE_CONTRACT_WAN,
    RegistrationClock,
    registration_clock,
)
from jiazhou.techmarket.flows import FlowTotals, flows
from jiazhou.techmarket.grounds import REFUSAL_REASONS, REVOCATION_GROUNDS
from jiazhou.techmarket.rewards import (
    RewardScheme,
    Tier,
    broker_reward_fuqing,
    registry_reward_fuqing,
)
from jiazhou.techmarket.unveiling import Shareholding, equity_conflict

__all__ = [
    "LARGE_CONTRACT_WAN",
    "REFUSAL_REASONS",
    "REVOCATION_GROUNDS",
    "Deduction",
    "FlowTotals",
    "RegistrationClock",
    "RewardScheme",
    "Shareholding",
    "TechAmountError",
    "Tier",
    "broker_reward_fuqing",
    "equity_conflict",
    "flows",
    "registration_clock",
    "registry_reward_fuqing",
    "transaction_amount",
    "transfer_income_tax",
]
