"""企业诉求 (接诉即办) engine: states and steps, working-day clocks, 三率, 红黑榜, repeats.

No Django here (import-linter contract). The web layer (``jiazhou_web.tickets``) turns its rows
into the plain facts below and asks these functions; spec: docs/specs/next-capabilities.md §4.
"""

from jiazhou.tickets.clocks import (
    DayConvention,
    Tier,
    first_overdue_day,
    handling_clock,
    handling_due,
    overdue_cutoff,
    response_due,
    return_is_late,
    running_due,
    sla_states,
    supervision_level,
)
from jiazhou.tickets.rates import (
    WEIGHTS,
    RankedUnit,
    TicketFacts,
    UnitRates,
    composite_score,
    deduction_points,
    rank_peer_group,
    three_rates,
    three_rates_naive,
)
from jiazhou.tickets.repeats import Candidate, find_repeat, similarity
from jiazhou.tickets.states import STEPS, State, Step, TransitionError, available_steps, check_step

__all__ = [
    "STEPS",
    "WEIGHTS",
    "Candidate",
    "DayConvention",
    "RankedUnit",
    "State",
    "Step",
    "Tier",
    "TicketFacts",
    "TransitionError",
    "UnitRates",
    "available_steps",
    "check_step",
    "composite_score",
    "deduction_points",
    "find_repeat",
    "first_overdue_day",
    "handling_clock",
    "handling_due",
    "overdue_cutoff",
    "rank_peer_group",
    "response_due",
    "return_is_late",
    "running_due",
    "similarity",
    "sla_states",
    "supervision_level",
    "three_rates",
    "three_rates_naive",
]
