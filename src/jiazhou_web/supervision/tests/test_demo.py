"""The demo loader runs through the real actions and spreads items over stages and lights."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.utils import timezone

from jiazhou_web.core.seeding import DemoContext
from jiazhou_web.supervision import demo
from jiazhou_web.supervision.choices import Light
from jiazhou_web.supervision.lights import lights_for
from jiazhou_web.supervision.models import TaskItem
from jiazhou_web.supervision.tests.conftest import at
from jiazhou_web.supervision.working_calendar import current_calendar

pytestmark = pytest.mark.django_db


def test_demo_spreads_items_over_stages_and_lights(
    regions: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    from jiazhou_web.accounts import demo as accounts_demo
    from jiazhou_web.accounts.choices import Role

    ctx = DemoContext(say=lambda _: None)
    # Pinned inside the packaged holiday schedule (it ends with 2026).
    with time_machine.travel(at("2026-11-20", 10), tick=False):
        accounts_demo.load(ctx)
        demo.load(ctx)
        items = list(TaskItem.objects.all())
        lights = {r.light for r in lights_for(items, timezone.now(), current_calendar()).values()}
    assert len(items) == 5 + 26
    assert all(i.synthetic for i in items)
    assert {i.stage for i in items} >= {"draft", "assigned", "in_progress", "closed"}
    assert {Light.RED, Light.YELLOW, Light.GREEN} <= lights
    assert TaskItem.objects.filter(title__contains="高纯晶硅").exists()
    assert ctx.personas[Role.CITY_ADMIN].username == "demo_city_admin"
