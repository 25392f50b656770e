"""The English switch covers 企业诉求 (issue 14): the officers' pages (list, workbench, 三率,
红黑榜, 超期督办, 派单目录, desk entry, a ticket) for the city admin and a unit officer, and the
firm's own pages, read English outside data values; the Chinese pages are unchanged.

The check is the enterprise window's (``workspace.tests.test_english_switch``): from the page
title in the top bar to the end of the content, Chinese data values taken out, no CJK left.
"""

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

#: (user, pages) — {ticket} is a ticket the user may open, with a reply and a dispatch
PAGES = (
    (
        "demo_city_admin",
        (
            "/tickets/",
            "/tickets/?state=overdue",
            "/tickets/new/",
            "/tickets/rates/",
            "/tickets/boards/",
            "/tickets/supervision/",
            "/tickets/supervision/?status=all",
            "/tickets/catalogue/",
            "/tickets/{ticket}/",
        ),
    ),
    ("demo_officer_lskjj", ("/tickets/workbench/", "/tickets/", "/tickets/{ticket}/")),
    ("demo_enterprise", ("/tickets/mine/", "/tickets/mine/new/", "/tickets/{ticket}/")),
)


def _ticket_for(username: str) -> int:
    from django.db.models import QuerySet

    from jiazhou_web.accounts.models import User
    from jiazhou_web.tickets.models import Ticket
    from jiazhou_web.tickets.visibility import visible_tickets

    user = User.objects.get(username=username)
    qs: QuerySet[Ticket]
    if username == "demo_enterprise":
        from jiazhou_web.workspace.models import FirmMember

        firm = FirmMember.objects.get(user=user).enterprise
        qs = Ticket.objects.filter(enterprise=firm)
    else:
        qs = visible_tickets(user)
    ticket = qs.exclude(reply_text="").filter(dispatches__isnull=False).first() or qs.first()
    assert ticket is not None, username
    return int(ticket.pk)


def _pages(english: bool) -> dict[str, str]:
    return fetch_pages(PAGES, english, lambda username: {"ticket": _ticket_for(username)})


@pytest.mark.django_db
@time_machine.travel("2026-12-04 10:00 +0800", tick=False)
def test_the_ticket_pages_read_english_and_the_chinese_is_unchanged(shared_demo: Any) -> None:
    data = data_pattern()
    chinese = _pages(english=False)
    dump_chinese(chinese)
    english = _pages(english=True)
    problems = chinese_left_on(english, data)
    assert not problems, "\n".join(problems)
    index = english["demo_city_admin /tickets/"]
    for label in ("All statuses", "Filter", "Export to Excel", "Handling unit"):
        assert label in index, label
    assert "Response rate" in english["demo_city_admin /tickets/rates/"]

    index = chinese["demo_city_admin /tickets/"]
    for label in (
        "全部状态",
        "未办结",
        "超期（督办）",
        "筛选",
        "导出Excel",
        "承办单位",
        "企业诉求",
    ):
        assert label in index, label
    assert "响应率" in chinese["demo_city_admin /tickets/rates/"]
    assert "待签收" in chinese["demo_officer_lskjj /tickets/workbench/"]
