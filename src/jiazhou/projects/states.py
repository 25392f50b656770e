"""The project lifecycle from call to archive (docs/specs/next-capabilities.md §7.1)."""

from __future__ import annotations

from enum import StrEnum


class ProjectState(StrEnum):
    DRAFTING = "drafting"  # 填报中
    SUBMITTED = "submitted"  # 已提交
    RETURNED = "returned"  # 退回补正
    REJECTED = "rejected"  # 形式审查不通过
    FORM_CHECKED = "form_checked"  # 形式审查通过
    EXPERT_REVIEW = "expert_review"  # 专家评审中
    RANKED = "ranked"  # 已排序
    NOT_APPROVED = "not_approved"  # 未立项
    APPROVED = "approved"  # 拟立项
    PUBLICISED = "publicised"  # 公示中
    CONTRACTED = "contracted"  # 已签任务书
    IN_PROGRESS = "in_progress"  # 实施中
    MIDTERM_CHECK = "midterm_check"  # 中期检查
    ACCEPTANCE_APPLIED = "acceptance_applied"  # 已申请验收
    ACCEPTED = "accepted"  # 验收通过
    ACCEPTED_AFTER_FIX = "accepted_after_fix"  # 整改后通过
    RECTIFYING = "rectifying"  # 整改中
    NOT_ACCEPTED = "not_accepted"  # 验收不通过
    TERMINATED = "terminated"  # 终止
    EVALUATED = "evaluated"  # 已绩效评价
    ARCHIVED = "archived"  # 已归档


S = ProjectState

#: state → the states it may move to (anything else is refused).
MOVES: dict[ProjectState, frozenset[ProjectState]] = {
    S.DRAFTING: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.RETURNED, S.REJECTED, S.FORM_CHECKED}),
    S.RETURNED: frozenset({S.SUBMITTED}),
    S.REJECTED: frozenset({S.ARCHIVED}),
    S.FORM_CHECKED: frozenset({S.EXPERT_REVIEW}),
    S.EXPERT_REVIEW: frozenset({S.RANKED}),
    S.RANKED: frozenset({S.APPROVED, S.NOT_APPROVED}),
    S.NOT_APPROVED: frozenset({S.ARCHIVED}),
    S.APPROVED: frozenset({S.PUBLICISED}),
    S.PUBLICISED: frozenset({S.CONTRACTED, S.NOT_APPROVED}),  # an objection upheld in 公示
    S.CONTRACTED: frozenset({S.IN_PROGRESS}),
    S.IN_PROGRESS: frozenset({S.MIDTERM_CHECK, S.ACCEPTANCE_APPLIED, S.TERMINATED}),
    S.MIDTERM_CHECK: frozenset({S.IN_PROGRESS, S.TERMINATED}),
    S.ACCEPTANCE_APPLIED: frozenset({S.ACCEPTED, S.RECTIFYING, S.NOT_ACCEPTED}),
    S.RECTIFYING: frozenset({S.ACCEPTED_AFTER_FIX, S.NOT_ACCEPTED}),
    S.ACCEPTED: frozenset({S.EVALUATED}),
    S.ACCEPTED_AFTER_FIX: frozenset({S.EVALUATED}),
    S.NOT_ACCEPTED: frozenset({S.ARCHIVED}),
    S.TERMINATED: frozenset({S.ARCHIVED}),
    S.EVALUATED: frozenset({S.ARCHIVED}),
    S.ARCHIVED: frozenset(),
}


def next_states(state: str) -> frozenset[ProjectState]:
    """Where a project in ``state`` may go next."""
    return MOVES[ProjectState(state)]


def can_move(state: str, to: str) -> bool:
    return ProjectState(to) in next_states(state)
