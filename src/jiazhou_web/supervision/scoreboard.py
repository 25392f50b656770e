"""Per-unit scoreboard (责任单位考评): on-time rate, overdue count, average response time.

- on-time rate (按期办结率): items whose completion was requested by close of business on the
  deadline in force, over items completed (办结申请 made, verified or closed);
- overdue (超期): items whose light is red now;
- response (平均签收时长): working days from 交办 to 签收, averaged over signed items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from jiazhou.worktime import WorkingCalendar
from jiazhou_web.supervision.choices import AWAITING_CHECK, Light, Stage
from jiazhou_web.supervision.lights import lights_for
from jiazhou_web.supervision.models import TaskItem
from jiazhou_web.supervision.working_calendar import closing, working_days


@dataclass
class UnitScore:
    unit_id: int
    unit: str
    items: int = 0
    completed: int = 0
    on_time: int = 0
    overdue: int = 0
    yellow: int = 0
    response_days: list[float] = field(default_factory=list)

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.completed if self.completed else None

    @property
    def average_response_days(self) -> float | None:
        return sum(self.response_days) / len(self.response_days) if self.response_days else None


def score_units(
    items: Iterable[TaskItem], at: dt.datetime, calendar: WorkingCalendar
) -> list[UnitScore]:
    """Scores per lead unit, best first (on-time rate, then fewest overdue, then name)."""
    rows = list(items)
    readings = lights_for(rows, at, calendar)
    scores: dict[int, UnitScore] = {}
    for item in rows:
        score = scores.setdefault(
            item.lead_unit_id, UnitScore(item.lead_unit_id, str(item.lead_unit))
        )
        score.items += 1
        light = readings[item.pk].light
        score.overdue += light == Light.RED
        score.yellow += light == Light.YELLOW
        if (
            item.stage in (*AWAITING_CHECK, Stage.CLOSED)
            and item.completion_requested_at is not None
        ):
            score.completed += 1
            score.on_time += item.completion_requested_at <= closing(calendar, item.deadline)
        if item.assigned_at is not None and item.signed_at is not None:
            score.response_days.append(working_days(calendar, item.assigned_at, item.signed_at))
    return sorted(
        scores.values(),
        key=lambda s: (-(s.on_time_rate or 0.0), s.overdue, s.unit),
    )
