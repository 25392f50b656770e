"""Issue 22: the dashboard, the 大屏 and the monthly report show the same light for every target.

The demo is loaded once; each date is then pinned (time_machine) and the three pages are read
as the city administrator, who sees every target. The monthly report for the current month is
as of today, so its lights are the dashboard's of the same day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from jiazhou_web.core.seeding import DEMO_PASSWORD, DemoContext
from jiazhou_web.monitoring.models import Target

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAYS = (dt.date(2025, 12, 31), dt.date(2026, 3, 31), dt.date(2026, 12, 4))


@pytest.fixture
def demo(regions: Any, settings: Any, tmp_path: Any) -> DemoContext:
    settings.MEDIA_ROOT = tmp_path
    from jiazhou_web.accounts import demo as accounts_demo
    from jiazhou_web.monitoring import demo as monitoring_demo

    ctx = DemoContext(say=lambda _: None)
    with time_machine.travel(dt.datetime(2026, 12, 4, 10, tzinfo=SHANGHAI), tick=False):
        accounts_demo.load(ctx)
        monitoring_demo.load(ctx)
    return ctx


def _codes(report_items: list[Any]) -> set[str]:
    """Target codes of the report's lagging items."""
    return {item.code for item in report_items}


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_dashboard_big_screen_and_report_agree(
    demo: DemoContext, day: dt.date, django_user_model: Any
) -> None:
    # A city-wide reader whose scope does not depend on the role assignments' dates (the
    # demo personas are assigned on the day it is loaded).
    django_user_model.objects.create_superuser("agree", password=DEMO_PASSWORD)
    client = Client()
    with time_machine.travel(dt.datetime.combine(day, dt.time(10), SHANGHAI), tick=False):
        assert client.login(username="agree", password=DEMO_PASSWORD)
        dashboard: dict[str, str] = {}
        for light in ("red", "yellow", "green", "grey"):
            page = client.get(reverse("monitoring:dashboard"), {"light": light})
            assert page.status_code == 200, page
            for row in page.context["rows"]:
                dashboard[row["status"].target.code] = row["status"].light
        counts = page.context["counts"]
        screen = client.get(reverse("monitoring:big_screen"))
        report = client.get(reverse("monitoring:progress_report"), {"month": day.strftime("%Y-%m")})
    assert screen.status_code == 200 and report.status_code == 200
    assert set(dashboard) == set(Target.objects.values_list("code", flat=True))
    assert counts == {light: list(dashboard.values()).count(light) for light in counts}
    assert screen.context["counts"] == counts
    assert screen.context["total"] == len(dashboard)
    for row in screen.context["lagging"]:
        assert row["status"].light == dashboard[row["status"].target.code]
    data = report.context["report"]
    assert data.signed_on == day
    assert _codes(data.red) == {c for c, light in dashboard.items() if light == "red"}
    assert _codes(data.yellow) == {c for c, light in dashboard.items() if light == "yellow"}
