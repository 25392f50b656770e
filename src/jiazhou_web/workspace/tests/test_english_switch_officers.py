"""The English switch on officer-only pages of the market and projects (issue 14): the market's
statistics, broker list and review queue, the call form, the expert pool, an expert's review
queue and a firm's project list read English outside data values; the Chinese pages are
unchanged. The check is the enterprise window's (``test_english_switch``)."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from jiazhou_web.workspace.tests.english_pages import (
    chinese_left_on,
    data_pattern,
    dump_chinese,
    fetch_pages,
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
    from jiazhou_web.workspace.models import FirmMember

    firm = FirmMember.objects.get(user__username="demo_enterprise").enterprise_id
    return fetch_pages(PAGES, english, lambda _username: {"firm": firm})


@pytest.mark.django_db
@time_machine.travel("2026-12-04 10:00 +0800", tick=False)
def test_the_officer_market_and_project_pages_read_english(shared_demo: Any) -> None:
    chinese = _pages(english=False)
    dump_chinese(chinese)
    data = data_pattern()
    english = _pages(english=True)
    problems = chinese_left_on(english, data)
    assert not problems, "\n".join(problems)
    assert "(10k yuan)" in english["demo_city_admin /market/stats/"]
    assert "万元" in chinese["demo_city_admin /market/stats/"]
    assert "专家编号" in chinese["demo_city_admin /projects/experts/"]
    assert "Expert number" in english["demo_city_admin /projects/experts/"]
    assert (
        "待评分" in chinese["demo_reviewer /projects/review/"]
        or "已回避" in chinese["demo_reviewer /projects/review/"]
    )
