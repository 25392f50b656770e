"""科技项目 rules (pure): project states, expert draw with 回避, score aggregation, acceptance.

Rules live in ``rules.toml`` with their [V]/[S]/[U] tags (docs/specs/next-capabilities.md §7).
"""

from jiazhou.projects.acceptance import AcceptanceRules, load_rules
from jiazhou.projects.conflicts import Applicant, Conflict, Expert, Tie, conflicts_of
from jiazhou.projects.draw import Draw, DrawError, draw_experts
from jiazhou.projects.review import Aggregate, aggregate_scores, rank_aggregates
from jiazhou.projects.states import ProjectState, can_move, next_states

__all__ = [
    "AcceptanceRules",
    "Aggregate",
    "Applicant",
    "Conflict",
    "Draw",
    "DrawError",
    "Expert",
    "ProjectState",
    "Tie",
    "aggregate_scores",
    "can_move",
    "conflicts_of",
    "draw_experts",
    "load_rules",
    "next_states",
    "rank_aggregates",
]
