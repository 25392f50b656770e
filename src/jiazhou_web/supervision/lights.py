"""Status lights (状态灯) on the supervision pages: the rules live in the pure engine
(:mod:`jiazhou.tasks.lights`); this module turns items into its facts, asks it once per list, and
renders a light as a label.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString

from jiazhou.tasks import PROVISIONAL_NOTE, Reading, TaskFacts, task_lights
from jiazhou.worktime import WorkingCalendar
from jiazhou_web.supervision.choices import LIGHT_CSS, Light
from jiazhou_web.supervision.models import TaskItem
from jiazhou_web.supervision.rules import due_soon_days

__all__ = ["PROVISIONAL_NOTE", "LightLabel", "LightReading", "lights_for", "read_light"]


@dataclass(frozen=True)
class LightReading:
    """A light and the figures it was read from."""

    light: Light
    elapsed_pct: float | None = None
    percent_done: int = 0
    working_days_left: int | None = None
    note: str = ""
    provisional: bool = False


def _facts(item: TaskItem, late_milestones: int) -> TaskFacts:
    return TaskFacts(
        stage=item.stage,
        percent_done=item.percent_done,
        start=item.start_date,
        deadline=item.deadline,
        completion_requested_at=item.completion_requested_at,
        late_milestones=late_milestones,
    )


def _reading(r: Reading) -> LightReading:
    return LightReading(
        Light(r.light.value),
        r.elapsed_pct,
        r.percent_done,
        r.working_days_left,
        r.note,
        r.provisional,
    )


def read_light(
    item: TaskItem,
    at: dt.datetime,
    calendar: WorkingCalendar,
    *,
    late_milestones: int | None = None,
) -> LightReading:
    """The item's light at ``at``. ``late_milestones`` may be passed when precomputed."""
    if late_milestones is None:
        day = at.astimezone(calendar.hours.tz).date()
        late_milestones = item.milestones.filter(done_at__isnull=True, deadline__lt=day).count()
    facts = [_facts(item, late_milestones)]
    return _reading(task_lights(facts, at, calendar, due_soon_days=due_soon_days())[0])


def lights_for(
    items: list[TaskItem], at: dt.datetime, calendar: WorkingCalendar
) -> dict[int, LightReading]:
    """Lights of many items: one milestone query and one engine call."""
    from jiazhou_web.supervision.models import Milestone

    day = at.astimezone(calendar.hours.tz).date()
    late: dict[int, int] = {}
    for item_id in Milestone.objects.filter(
        item__in=[i.pk for i in items], done_at__isnull=True, deadline__lt=day
    ).values_list("item_id", flat=True):
        late[item_id] = late.get(item_id, 0) + 1
    facts = [_facts(i, late.get(i.pk, 0)) for i in items]
    readings = task_lights(facts, at, calendar, due_soon_days=due_soon_days())
    return {i.pk: _reading(r) for i, r in zip(items, readings, strict=True)}


class LightLabel(str):
    """A light's label: plain text in exports, a coloured dot plus text on pages.

    A provisional light reads "…（暂定）" and its dot carries the reason as a tooltip.
    """

    css: str = "grey"
    provisional: bool = False

    def __new__(cls, light: Light, provisional: bool = False) -> LightLabel:
        text = f"{light.label}（暂定）" if provisional else str(light.label)
        label = super().__new__(cls, text)
        label.css = LIGHT_CSS[light]
        label.provisional = provisional
        return label

    @classmethod
    def of(cls, reading: LightReading) -> LightLabel:
        return cls(reading.light, reading.provisional)

    def __html__(self) -> SafeString:
        title = PROVISIONAL_NOTE if self.provisional else ""
        return format_html(
            '<span class="light light-{}" data-light="{}" data-provisional="{}" title="{}"></span> {}',
            self.css,
            self.css,
            "1" if self.provisional else "0",
            title,
            str(self),
        )
