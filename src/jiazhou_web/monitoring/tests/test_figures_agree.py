"""Issue 14 "Numbers that agree": the red/yellow/green/grey target counts of a day are one
definition (progress.light_counts of progress.statuses_for) and read the same on the home
cards, the 目标进度看板, the 大屏 and the monthly report (each marks them ``data-figure``)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from jiazhou_web.monitoring.progress import light_counts, statuses_for

pytestmark = pytest.mark.django_db
FIGURE = re.compile(r'data-figure="(targets\.[a-z]+@[0-9-]+)"[^>]*>\s*([^<]*?)\s*<')


@pytest.fixture
def targets(make_target: Any, report: Any) -> None:
    make_target("511112", "20", year=2025)  # deadline passed, 10 of 20 → red
    make_target("511112", "12", year=2030)
    make_target("511102", "30", year=2030)
    make_target("511100", "60", year=2030)
    report("511112", "2024", "10")


def test_home_dashboard_big_screen_and_report_agree(targets: None, city_admin: Any) -> None:
    client = Client()
    client.force_login(city_admin)
    today = timezone.localdate()
    expected = {
        f"targets.{light}@{today}": str(n)
        for light, n in light_counts(statuses_for(city_admin, synthetic=True, at=today)).items()
    }
    assert expected[f"targets.red@{today}"] == "1"
    pages = {
        "home": "/",
        "dashboard": "/monitoring/",
        "big_screen": "/monitoring/screen/",
        "report": f"/monitoring/report/?month={today:%Y-%m}",
    }
    seen: dict[str, dict[str, str]] = {}
    for name, url in pages.items():
        html = client.get(url).content.decode()
        seen[name] = dict(FIGURE.findall(html))
        for key, value in seen[name].items():
            assert value == expected[key], (name, key, value, expected[key])
    # Every page shows the red count; the dashboard, 大屏 and report show all four lights.
    assert all(f"targets.red@{today}" in figures for figures in seen.values())
    for name in ("dashboard", "big_screen", "report"):
        assert set(seen[name]) == set(expected), name
