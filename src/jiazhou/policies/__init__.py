"""Policy clauses as executable rules (政策兑现, next-capabilities §1) and vouchers (§2).

Pure Python + Polars; eligibility uses :mod:`jiazhou.schemes`. See ADR 0016.
"""

from jiazhou.policies.amounts import amount_for, clause_expr, interest_borne, year_capped
from jiazhou.policies.engine import Evaluation, Simulation, allocate, evaluate, simulate
from jiazhou.policies.model import (
    Amount,
    Band,
    Clause,
    Policy,
    PolicyError,
    fen_to_yuan,
    list_policies,
    load_policy,
    money_fen,
    parse_policy,
)

__all__ = [
    "Amount",
    "Band",
    "Clause",
    "Evaluation",
    "Policy",
    "PolicyError",
    "Simulation",
    "allocate",
    "amount_for",
    "clause_expr",
    "evaluate",
    "fen_to_yuan",
    "interest_borne",
    "list_policies",
    "load_policy",
    "money_fen",
    "parse_policy",
    "simulate",
    "year_capped",
]
