"""SLA clocks (办理时限): a working-time budget that stops during 补正 and grows with 延期.

The budget is the working time from the start to close of business on the n-th working day
after it (:meth:`WorkingCalendar.deadline`), plus one full working day per approved extension
day. While the case waits for the applicant (补正, a :class:`Pause`) the clock does not run, so
the due instant moves later by exactly the working time paused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from jiazhou.worktime.calendar import WorkingCalendar

__all__ = ["Extension", "Pause", "SlaClock", "SlaReport", "SlaState", "evaluate_sla"]

SlaState = Literal["running", "paused", "overdue", "completed_on_time", "completed_late"]

_ZERO = timedelta(0)

_STATE_ZH: dict[SlaState, str] = {
    "running": "计时中",
    "paused": "暂停计时（补正）",
    "overdue": "已超期",
    "completed_on_time": "按期办结",
    "completed_late": "超期办结",
}


@dataclass(frozen=True)
class Pause:
    """The clock stops from ``start`` until ``end`` (补正: waiting for the applicant).

    ``end`` is None while the applicant has not yet answered.
    """

    start: datetime
    end: datetime | None = None
    reason: str = ""


@dataclass(frozen=True)
class Extension:
    """An approved extension (延期) of ``working_days`` full working days."""

    granted_at: datetime
    working_days: int
    reason: str = ""


@dataclass(frozen=True)
class SlaClock:
    """A case's clock: ``working_days`` allowed from ``started_at`` (受理时间)."""

    started_at: datetime
    working_days: int
    pauses: tuple[Pause, ...] = ()
    extensions: tuple[Extension, ...] = ()
    completed_at: datetime | None = None


@dataclass(frozen=True)
class SlaReport:
    """Where a clock stands at ``at``.

    ``due_at`` is the instant the budget runs out given the pauses so far; while paused it
    assumes the clock resumes at ``at``. ``remaining`` and ``overdue`` are working time and
    never both positive.
    """

    at: datetime
    state: SlaState
    state_zh: str
    nominal_due_at: datetime
    due_at: datetime
    budget: timedelta
    elapsed: timedelta
    remaining: timedelta
    overdue: timedelta
    paused: timedelta
    extension_days: int
    elapsed_pct: float
    pauses_counted: tuple[Pause, ...] = field(default_factory=tuple)


def _checked_pauses(clock: SlaClock, calendar: WorkingCalendar) -> list[Pause]:
    hours = calendar.hours
    ordered = sorted(clock.pauses, key=lambda p: hours.local(p.start, "pause.start"))
    previous_end: datetime | None = None
    for i, pause in enumerate(ordered, start=1):
        if pause.start < clock.started_at:
            raise ValueError(
                f"第 {i} 次补正暂停 {pause.start.isoformat()} 早于受理时间 "
                f"{clock.started_at.isoformat()} / pause {i} starts before the clock started"
            )
        if pause.end is not None and hours.local(pause.end, "pause.end") < pause.start:
            raise ValueError(f"第 {i} 次补正暂停的结束早于开始 / pause {i} ends before it starts")
        if previous_end is not None and pause.start < previous_end:
            raise ValueError(
                f"第 {i} 次补正暂停与前一次重叠 / pause {i} overlaps the previous pause"
            )
        if pause.end is None and i < len(ordered):
            raise ValueError(
                f"第 {i} 次补正暂停尚未结束，其后不能再有暂停 / "
                f"pause {i} is still open, so no later pause can exist"
            )
        previous_end = pause.end
    return ordered


def evaluate_sla(clock: SlaClock, calendar: WorkingCalendar, at: datetime) -> SlaReport:
    """Evaluate ``clock`` at the instant ``at`` (events after ``at`` are ignored)."""
    hours = calendar.hours
    start = hours.local(clock.started_at, "started_at")
    now = hours.local(at, "at")
    if clock.working_days < 0:
        raise ValueError(
            f"办理时限须为非负工作日数，收到 {clock.working_days} / "
            f"working_days must be >= 0, got {clock.working_days}"
        )
    nominal_due = calendar.deadline(start, clock.working_days)
    extension_days = sum(
        e.working_days for e in clock.extensions if hours.local(e.granted_at, "granted_at") <= now
    )
    budget = calendar.working_time_between(start, nominal_due) + extension_days * hours.day_length

    completed_at = clock.completed_at
    completed = completed_at is not None and completed_at <= now
    stop = hours.local(completed_at, "completed_at") if completed_at and completed else now
    stop = max(stop, start)

    # Active segments: the clock runs between pauses; the last segment is open-ended.
    counted = [p for p in _checked_pauses(clock, calendar) if p.start <= stop]
    segments: list[tuple[datetime, datetime | None]] = []
    cursor = start
    paused_now = False
    paused_time = _ZERO
    for pause in counted:
        segments.append((cursor, pause.start))
        resume = pause.end if pause.end is not None and pause.end <= stop else None
        if resume is None:
            paused_now = not completed
            paused_time += calendar.working_time_between(pause.start, stop)
            cursor = stop
            break
        paused_time += calendar.working_time_between(pause.start, resume)
        cursor = resume
    segments.append((cursor, None))

    elapsed = calendar.working_time_between(start, stop) - paused_time
    due_at = _due_instant(calendar, segments, budget)

    if completed:
        state: SlaState = "completed_on_time" if elapsed <= budget else "completed_late"
    elif paused_now:
        state = "paused"
    elif elapsed > budget:
        state = "overdue"
    else:
        state = "running"
    return SlaReport(
        at=now,
        state=state,
        state_zh=_STATE_ZH[state],
        nominal_due_at=nominal_due,
        due_at=due_at,
        budget=budget,
        elapsed=elapsed,
        remaining=max(budget - elapsed, _ZERO),
        overdue=max(elapsed - budget, _ZERO),
        paused=paused_time,
        extension_days=extension_days,
        elapsed_pct=100.0 * (elapsed / budget) if budget > _ZERO else 100.0,
        pauses_counted=tuple(counted),
    )


def _due_instant(
    calendar: WorkingCalendar,
    segments: list[tuple[datetime, datetime | None]],
    budget: timedelta,
) -> datetime:
    """The instant the running segments have used ``budget`` of working time."""
    used = _ZERO
    for seg_start, seg_end in segments:
        if seg_end is not None:
            length = calendar.working_time_between(seg_start, seg_end)
            if used + length < budget:
                used += length
                continue
        return calendar.add_working_time(seg_start, budget - used)
    raise AssertionError("the last segment is open-ended")  # pragma: no cover
