"""The ticket lifecycle as data (spec §4.2).

received → dispatched → signed (签收) | returned (退单, reason + proposed unit) → the centre
re-dispatches (审定) → handling (first contact made) → [补正 pause ⇄ handling] → replied →
closed (回访: resolved / unresolved / explained) | reopened (重办: dispatched again to the
same unit, with a new clock).
延期 requests are a side record (they do not change the state).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    RECEIVED = "received"
    DISPATCHED = "dispatched"
    RETURNED = "returned"
    SIGNED = "signed"
    HANDLING = "handling"
    PAUSED = "paused"
    REPLIED = "replied"
    CLOSED = "closed"


STATE_ZH: dict[State, str] = {
    State.RECEIVED: "待派单",
    State.DISPATCHED: "待签收",
    State.RETURNED: "退单待审定",
    State.SIGNED: "已签收",
    State.HANDLING: "办理中",
    State.PAUSED: "补正暂停",
    State.REPLIED: "已答复待回访",
    State.CLOSED: "已办结",
}

OPEN_STATES = frozenset(State) - {State.CLOSED}


class Step(StrEnum):
    DISPATCH = "dispatch"  # 派单 (also re-dispatch after 退单: the centre's 审定)
    SIGN = "sign"  # 签收
    RETURN = "return"  # 退单
    CONTACT = "contact"  # 联系诉求人 (first response)
    PAUSE = "pause"  # 补正 pause
    RESUME = "resume"  # 补正 received
    EXTEND = "extend"  # 延期申请 (side record)
    REPLY = "reply"  # 答复
    CALLBACK = "callback"  # 回访 → closed
    REOPEN = "reopen"  # 重办


STEP_ZH: dict[Step, str] = {
    Step.DISPATCH: "派单",
    Step.SIGN: "签收",
    Step.RETURN: "退单",
    Step.CONTACT: "联系诉求人",
    Step.PAUSE: "补正暂停",
    Step.RESUME: "补正完成",
    Step.EXTEND: "申请延期",
    Step.REPLY: "答复",
    Step.CALLBACK: "回访评价",
    Step.REOPEN: "重办",
}

#: step → (states it may start from, state it leads to; None = state unchanged)
STEPS: dict[Step, tuple[frozenset[State], State | None]] = {
    Step.DISPATCH: (frozenset({State.RECEIVED, State.RETURNED}), State.DISPATCHED),
    Step.SIGN: (frozenset({State.DISPATCHED}), State.SIGNED),
    Step.RETURN: (frozenset({State.DISPATCHED}), State.RETURNED),
    Step.CONTACT: (frozenset({State.SIGNED}), State.HANDLING),
    Step.PAUSE: (frozenset({State.HANDLING}), State.PAUSED),
    Step.RESUME: (frozenset({State.PAUSED}), State.HANDLING),
    Step.EXTEND: (frozenset({State.SIGNED, State.HANDLING, State.PAUSED}), None),
    Step.REPLY: (frozenset({State.HANDLING}), State.REPLIED),
    Step.CALLBACK: (frozenset({State.REPLIED}), State.CLOSED),
    Step.REOPEN: (frozenset({State.CLOSED}), State.DISPATCHED),
}


class TransitionError(ValueError):
    """A step that cannot be taken from the ticket's state (message: 中文 / English)."""


@dataclass(frozen=True)
class Move:
    step: Step
    source: State
    target: State


def check_step(state: str, step: str) -> Move:
    """The move ``step`` makes from ``state``; :class:`TransitionError` if not allowed."""
    try:
        s, st = State(state), Step(step)
    except ValueError:
        raise TransitionError(
            f"未知的状态或步骤：{state} / {step} / unknown state or step"
        ) from None
    sources, target = STEPS[st]
    if s not in sources:
        raise TransitionError(
            f"工单当前为「{STATE_ZH[s]}」，不能「{STEP_ZH[st]}」 / "
            f"step {st.value} is not allowed from state {s.value}"
        )
    return Move(st, s, target if target is not None else s)


def available_steps(state: str) -> list[Step]:
    """The steps that can start from ``state`` (who may take them is the web layer's rule)."""
    s = State(state)
    return [step for step, (sources, _) in STEPS.items() if s in sources]
