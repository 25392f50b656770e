"""SLA clocks (办理时限): a working-time budget that stops during 补正 and grows with 延期.

The budget is the working time from the start to close of business on the n-th working day
after it (:meth:`WorkingCalendar.deadline`), plus one full working day per approved extension
day. While the case waits for the applicant (补正, a :class:`Pause`) the clock does not run, so
the due instant moves later by exactly the working time paused.

Histories that cannot happen are refused with a message naming the event (中文 / English):
completion before the start, a negative 延期, a 延期 granted before the start or after
completion, pauses out of order or overlapping (callers merge raw pause records with
:func:`merge_pauses` first). A 延期 must be *requested* no later than the instant the budget
runs out (行政许可法 第四十二条: the time limit is extended before it expires): one requested in
time counts even if approved after the due instant (the officer's delay is not the applicant's),
one requested after it is refused — an overdue case cannot be made on time again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from jiazhou.worktime.calendar import WorkingCalendar

__all__ = [
    "Extension",
    "Pause",
    "SlaClock",
    "SlaReport",
    "SlaState",
    "check_extension",
    "evaluate_sla",
    "merge_pauses",
    "refuse_late_extension",
]

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
    """An approved extension (延期) of ``working_days`` full working days.

    ``requested_at`` (延期申请) decides whether it came in time; without it ``granted_at`` does.
    """

    granted_at: datetime
    working_days: int
    reason: str = ""
    requested_at: datetime | None = None

    @property
    def asked_at(self) -> datetime:
        return self.requested_at if self.requested_at is not None else self.granted_at


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
        if clock.completed_at is not None and pause.start > clock.completed_at:
            raise ValueError(
                f"第 {i} 次补正暂停 {pause.start.isoformat()} 晚于办结时间 "
                f"{clock.completed_at.isoformat()} / pause {i} starts after completion"
            )
        if pause.end is None and i < len(ordered):
            raise ValueError(
                f"第 {i} 次补正暂停尚未结束，其后不能再有暂停 / "
                f"pause {i} is still open, so no later pause can exist"
            )
        previous_end = pause.end
    return ordered


def merge_pauses(pauses: tuple[Pause, ...] | list[Pause]) -> tuple[Pause, ...]:
    """Raw 补正 records as the engine takes them: sorted, overlapping or back-to-back pauses
    merged into one (their reasons joined), an open pause absorbing every later one.

    A pause ending before it starts stays as it is, so :func:`evaluate_sla` refuses it.
    """
    merged: list[Pause] = []
    for pause in sorted(pauses, key=lambda p: p.start):
        last = merged[-1] if merged else None
        if last is not None and (last.end is None or pause.start <= last.end):
            end = None if last.end is None or pause.end is None else max(last.end, pause.end)
            reason = "；".join(r for r in dict.fromkeys((last.reason, pause.reason)) if r)
            merged[-1] = Pause(last.start, end, reason)
        else:
            merged.append(pause)
    return tuple(merged)


def _paused_until(calendar: WorkingCalendar, pauses: list[Pause], t: datetime) -> timedelta:
    """Working time paused before ``t`` (pauses already checked and ordered)."""
    total = _ZERO
    for pause in pauses:
        if pause.start >= t:
            break
        end = t if pause.end is None else min(pause.end, t)
        total += calendar.working_time_between(pause.start, end)
    return total


def check_extension(clock: SlaClock, calendar: WorkingCalendar, extension: Extension) -> None:
    """Refuse a 延期 that cannot be granted on ``clock``'s history (raises ``ValueError``).

    Refused: a negative number of days; granted before the start or before its request;
    granted after completion (it would turn a late completion into an on-time one); requested
    after the budget (with the earlier extensions) ran out.
    """
    hours = calendar.hours
    start = hours.local(clock.started_at, "started_at")
    granted = hours.local(extension.granted_at, "granted_at")
    asked = hours.local(extension.asked_at, "requested_at")
    if extension.working_days < 0:
        raise ValueError(
            f"延期天数须为非负工作日数，收到 {extension.working_days} / extension days must be "
            f">= 0, got {extension.working_days}"
        )
    if asked < start:
        raise ValueError(
            f"延期 {asked.isoformat()} 早于受理时间 {start.isoformat()} / "
            f"the extension predates the start of the clock"
        )
    if granted < asked:
        raise ValueError(
            f"延期批准时间 {granted.isoformat()} 早于申请时间 {asked.isoformat()} / "
            f"the extension is granted before it was requested"
        )
    if clock.completed_at is not None and granted > hours.local(clock.completed_at, "completed_at"):
        raise ValueError(
            f"延期批准时间 {granted.isoformat()} 晚于办结时间 {clock.completed_at.isoformat()}，"
            f"办结后不能延期 / the extension is granted after completion"
        )
    nominal_due = calendar.deadline(start, clock.working_days)
    earlier = sum(
        e.working_days
        for e in clock.extensions
        if e is not extension and hours.local(e.granted_at, "granted_at") <= asked
    )
    budget = calendar.working_time_between(start, nominal_due) + earlier * hours.day_length
    pauses = _checked_pauses(clock, calendar)
    elapsed = calendar.working_time_between(start, asked) - _paused_until(calendar, pauses, asked)
    refuse_late_extension(asked, overdue=elapsed - budget)


def refuse_late_extension(asked_at: datetime, *, overdue: timedelta) -> None:
    """The one wording of the rule 「超期后不能延期」, for the SLA clock and for workflows that
    keep a deadline date (督办 items): raise when ``overdue`` (working time past the limit at
    ``asked_at``) is positive."""
    if overdue > _ZERO:
        raise ValueError(
            f"延期申请 {asked_at.isoformat()} 时办理时限已届满（已超期 {overdue}），"
            f"超期后不能延期 / the extension was requested after the time limit ran out"
        )


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
    if clock.completed_at is not None and hours.local(clock.completed_at, "completed_at") < start:
        raise ValueError(
            f"办结时间 {clock.completed_at.isoformat()} 早于受理时间 {start.isoformat()} / "
            f"completed before the clock started"
        )
    for extension in clock.extensions:
        check_extension(clock, calendar, extension)
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
