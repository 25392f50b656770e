"""Home-page cards: the user's items by light (within their data scope)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiazhou.worktime import CalendarRangeError
from jiazhou_web.core.dashboard import Card
from jiazhou_web.supervision.choices import OPEN_STAGES, Light
from jiazhou_web.supervision.lights import lights_for
from jiazhou_web.supervision.models import TaskItem
from jiazhou_web.supervision.working_calendar import current_calendar


def supervision_cards(user: Any) -> list[Card]:
    items = list(TaskItem.objects.for_user(user).filter(stage__in=OPEN_STAGES))
    if not items:
        return []
    try:
        readings = lights_for(items, timezone.now(), current_calendar())
    except (CalendarRangeError, ValueError):
        return []
    url = reverse("supervision:item_list")
    red = sum(r.light == Light.RED for r in readings.values())
    yellow = sum(r.light == Light.YELLOW for r in readings.values())
    return [
        Card(_("Supervised items in progress"), len(items), url),
        Card(_("Overdue items (red)"), red, f"{url}?light=red", tone="danger"),
        Card(_("Behind schedule (yellow)"), yellow, f"{url}?light=yellow", tone="warning"),
    ]
