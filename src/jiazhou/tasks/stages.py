"""The 督办 task lifecycle as data: stages, steps, who takes each step, and where it leads.

立项 → 交办 → 签收 → 承办 → 办结申请 → 核查 → 销号; 退回 sends a completion request back to 承办;
延期申请 moves the deadline without changing the stage. :func:`available_steps` answers, for one
stage and one person's roles, which steps may be taken: the web layer asks it both for the
buttons it shows and before an action runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

__all__ = [
    "AWAITING_CHECK",
    "OPEN_STAGES",
    "STEPS",
    "Stage",
    "Step",
    "TransitionError",
    "available_steps",
    "check_step",
    "step",
]


class Stage(StrEnum):
    DRAFT = "draft"
    ASSIGNED = "assigned"
    SIGNED = "signed"
    IN_PROGRESS = "in_progress"
    COMPLETION_REQUESTED = "completion_requested"
    VERIFIED = "verified"
    CLOSED = "closed"


STAGE_ZH = {
    Stage.DRAFT: "已立项",
    Stage.ASSIGNED: "已交办",
    Stage.SIGNED: "已签收",
    Stage.IN_PROGRESS: "承办中",
    Stage.COMPLETION_REQUESTED: "办结申请",
    Stage.VERIFIED: "已核查",
    Stage.CLOSED: "已销号",
}

#: Stages in which the lead unit works against the deadline.
OPEN_STAGES = (Stage.ASSIGNED, Stage.SIGNED, Stage.IN_PROGRESS)
#: Stages in which the unit has finished and the supervision group is checking.
AWAITING_CHECK = (Stage.COMPLETION_REQUESTED, Stage.VERIFIED)

Actor = Literal["manager", "unit"]


@dataclass(frozen=True)
class Step:
    """One step: from which stages, to which stage (``None``: stays), taken by whom."""

    name: str
    label_zh: str
    label_en: str  # as in "cannot be <label_en>"
    sources: tuple[Stage, ...]
    target: Stage | None
    actor: Actor


STEPS: tuple[Step, ...] = (
    Step("assign", "交办", "assigned", (Stage.DRAFT,), Stage.ASSIGNED, "manager"),
    Step("sign", "签收", "signed for", (Stage.ASSIGNED,), Stage.SIGNED, "unit"),
    Step(
        "report",
        "报送进展",
        "reported on",
        (Stage.SIGNED, Stage.IN_PROGRESS),
        Stage.IN_PROGRESS,
        "unit",
    ),
    Step(
        "complete",
        "申请办结",
        "submitted for completion",
        (Stage.IN_PROGRESS,),
        Stage.COMPLETION_REQUESTED,
        "unit",
    ),
    Step("verify", "核查", "verified", (Stage.COMPLETION_REQUESTED,), Stage.VERIFIED, "manager"),
    Step("close", "销号", "closed", (Stage.VERIFIED,), Stage.CLOSED, "manager"),
    Step("return", "退回", "returned", AWAITING_CHECK, Stage.IN_PROGRESS, "manager"),
    Step("extend", "申请延期", "extended", OPEN_STAGES, None, "unit"),
    Step("decide_extension", "审批延期", "extended", OPEN_STAGES, None, "manager"),
)
_BY_NAME = {s.name: s for s in STEPS}


class TransitionError(ValueError):
    """A step that does not fit the item's stage (中文 / English)."""


def step(name: str) -> Step:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"未知步骤 {name!r} / unknown step {name!r}") from None


def available_steps(stage: str, *, manager: bool, unit: bool) -> list[Step]:
    """The steps a person with these roles may take on an item at ``stage``, in lifecycle order."""
    roles = {"manager"} if manager else set()
    if unit:
        roles.add("unit")
    return [s for s in STEPS if Stage(stage) in s.sources and s.actor in roles]


def check_step(stage: str, name: str, code: str = "") -> Stage:
    """The stage after ``name`` from ``stage``; :class:`TransitionError` if not allowed."""
    s = step(name)
    current = Stage(stage)
    if current not in s.sources:
        allowed = "、".join(STAGE_ZH[x] for x in s.sources)
        raise TransitionError(
            f"事项「{code}」当前处于「{STAGE_ZH[current]}」，不能{s.label_zh}（仅限：{allowed}） / "
            f"item {code} is '{current}', so it cannot be {s.label_en} "
            f"(allowed from: {', '.join(s.sources)})"
        )
    return s.target if s.target is not None else current
