"""Status lights (状态灯): a function of the item, the moment and the working calendar.

Red: past close of business on the deadline (超期). Yellow: reported % below the working time
elapsed since the start (落后于序时进度), or an open milestone past its own deadline. Blue: the
deadline is within ``SUPERVISION_DUE_SOON_WORKING_DAYS`` working days (临期). Green otherwise.
Items awaiting verification are judged at the moment completion was requested; closed items are
``done``; items not yet assigned are ``pending``. A light read on a calendar whose years between
the start and the deadline are not officially published yet is ``provisional`` (暂定) and says so
wherever it shows.
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

PROVISIONAL_NOTE = (
    "暂定：期限所在年份的国务院节假日安排尚未录入，按国务院令第798号推算 / provisional: the "
    "State Council holiday notice for the deadline's year is not entered yet"
)


@dataclass(frozen=True)
class LightReading:
    """A light and the figures it was read from."""

    light: Light
    elapsed_pct: float | None = None
    percent_done: int = 0
    working_days_left: int | None = None
    note: str = ""
    provisional: bool = False


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
        provisional = calendar.any_provisional(item.start_date, item.deadline)
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
    note = PROVISIONAL_NOTE if provisional else ""
    return LightReading(light, elapsed, item.percent_done, left, note, provisional)


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
