"""Status lights (状态灯): a function of the item, the moment and the working calendar.

Red: past close of business on the deadline (超期). Yellow: reported % below the working time
elapsed since the start (落后于序时进度), or an open milestone past its own deadline. Blue: the
deadline is within ``SUPERVISION_DUE_SOON_WORKING_DAYS`` working days (临期). Green otherwise.
Items awaiting verification are judged at the moment completion was requested; closed items are
``done``; items not yet assigned are ``pending``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString

from jiazhou.worktime import CalendarRangeError, WorkingCalendar
from jiazhou_web.supervision.choices import AWAITING_CHECK, LIGHT_CSS, Light, Stage
from jiazhou_web.supervision.models import TaskItem
from jiazhou_web.supervision.rules import due_soon_days
from jiazhou_web.supervision.working_calendar import closing, opening


@dataclass(frozen=True)
class LightReading:
    """A light and the figures it was read from."""

    light: Light
    elapsed_pct: float | None = None
    percent_done: int = 0
    working_days_left: int | None = None
    note: str = ""


def read_light(
    item: TaskItem,
    at: dt.datetime,
    calendar: WorkingCalendar,
    *,
    late_milestones: int | None = None,
) -> LightReading:
    """The item's light at ``at``. ``late_milestones`` may be passed when precomputed."""
    if item.stage == Stage.CLOSED:
        return LightReading(Light.DONE, percent_done=item.percent_done)
    if item.stage == Stage.DRAFT:
        return LightReading(Light.PENDING, percent_done=item.percent_done)
    if item.stage in AWAITING_CHECK and item.completion_requested_at is not None:
        at = min(at, item.completion_requested_at)
    try:
        start = opening(calendar, item.start_date)
        due = closing(calendar, item.deadline)
        elapsed = calendar.elapsed_pct(start, due, at)
        left = calendar.working_days_between(at.astimezone(calendar.hours.tz).date(), item.deadline)
    except CalendarRangeError as exc:
        return LightReading(Light.UNKNOWN, percent_done=item.percent_done, note=str(exc))
    if late_milestones is None:
        day = at.astimezone(calendar.hours.tz).date()
        late_milestones = item.milestones.filter(done_at__isnull=True, deadline__lt=day).count()
    if at > due:
        light = Light.RED
    elif item.percent_done < elapsed or late_milestones:
        light = Light.YELLOW
    elif left <= due_soon_days():
        light = Light.BLUE
    else:
        light = Light.GREEN
    return LightReading(light, elapsed, item.percent_done, left)


def lights_for(
    items: list[TaskItem], at: dt.datetime, calendar: WorkingCalendar
) -> dict[int, LightReading]:
    """Lights of many items with one milestone query."""
    from jiazhou_web.supervision.models import Milestone

    day = at.astimezone(calendar.hours.tz).date()
    late: dict[int, int] = {}
    for item_id in Milestone.objects.filter(
        item__in=[i.pk for i in items], done_at__isnull=True, deadline__lt=day
    ).values_list("item_id", flat=True):
        late[item_id] = late.get(item_id, 0) + 1
    return {i.pk: read_light(i, at, calendar, late_milestones=late.get(i.pk, 0)) for i in items}


class LightLabel(str):
    """A light's label: plain text in exports, a coloured dot plus text on pages."""

    css: str = "grey"

    def __new__(cls, light: Light) -> LightLabel:
        label = super().__new__(cls, str(light.label))
        label.css = LIGHT_CSS[light]
        return label

    def __html__(self) -> SafeString:
        return format_html(
            '<span class="light light-{}" data-light="{}"></span> {}', self.css, self.css, str(self)
        )
