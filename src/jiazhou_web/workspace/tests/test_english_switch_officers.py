"""The English switch on officer-only pages of the market and projects (issue 14): the market's
statistics, broker list and review queue, the call form, the expert pool, an expert's review
queue and a firm's project list read English outside data values; the Chinese pages are
unchanged. The check is the enterprise window's (``test_english_switch``)."""

from __future__ import annotations

import os
from typing import Any

import pytest
import time_machine
from django.test import Client

from jiazhou_web.core.page_text import visible_text
from jiazhou_web.workspace.tests.test_english_switch import (
    _chinese_left,
    _data_pattern,
    _load_demo,
    _window,
)

#: (user, pages); {firm} is the demo enterprise's
PAGES = (
    (
        "demo_city_admin",
        (
            "/market/stats/",
            "/market/brokers/",
            "/market/review/",
            "/projects/calls/new/",
            "/projects/experts/",
            "/projects/enterprise/{firm}/",
        ),
    ),
    ("demo_reviewer", ("/projects/review/",)),
)


def _pages(english: bool) -> dict[str, str]:
    from jiazhou_web.accounts.models import User
    from jiazhou_web.workspace.models import FirmMember

    firm = FirmMember.objects.get(user__username="demo_enterprise").enterprise_id
    pages: dict[str, str] = {}
    for username, urls in PAGES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        if english:
            assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
        for url in urls:
            response = client.get(url.format(firm=firm))
            assert response.status_code == 200, (username, url)
            pages[f"{username} {url}"] = response.content.decode()
    return pages


@pytest.mark.django_db
@time_machine.travel("2026-12-04 10:00 +0800", tick=False)
def test_the_officer_market_and_project_pages_read_english(
    reference_data: None, django_capture_on_commit_callbacks: Any
) -> None:
    _load_demo(django_capture_on_commit_callbacks)
    chinese = _pages(english=False)
    dump = os.environ.get("JZ_DUMP_ZH")
    if dump:  # the Chinese pages' visible text, to compare before and after a change
        with open(dump, "w", encoding="utf-8") as out:
            for key, html in sorted(chinese.items()):
                out.write(f"== {key}\n" + "\n".join(visible_text(_window(html))) + "\n")
    data = _data_pattern()
    english = _pages(english=True)
    problems: list[str] = []
    for key, html in english.items():
        problems += [f"{key}: {piece!r}" for piece in _chinese_left(html, data)]
    assert not problems, "\n".join(problems)
    assert "(10k yuan)" in english["demo_city_admin /market/stats/"]
    assert "万元" in chinese["demo_city_admin /market/stats/"]
    assert "专家编号" in chinese["demo_city_admin /projects/experts/"]
    assert "Expert number" in english["demo_city_admin /projects/experts/"]
    assert (
        "待评分" in chinese["demo_reviewer /projects/review/"]
        or "已回避" in chinese["demo_reviewer /projects/review/"]
    )
