"""Every page, for every persona, reads as Chinese (``LANGUAGE_CODE=zh-hans``), no link or
button a persona sees leads to a page it may not open (403), and a headline figure (marked
``data-figure="key"``: targets by light on a day, pool candidates ...) reads the same on every
page that shows it — home, dashboard, 大屏, pool dashboard.

A small Leshan demo is loaded (all apps' demo loaders, 60 synthetic firms); each persona then
opens every page reachable from its menu. A page fails on snake_case identifiers, numbers in
``e+`` notation and English words outside ``page_text.ALLOWED_ENGLISH``.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import time_machine
from django.test import Client, override_settings

from jiazhou_web.core.page_text import findings
from jiazhou_web.core.tests.crawl import crawl

FIGURE = re.compile(r'data-figure="([^"]+)"[^>]*>([^<]*)<')

PERSONAS = (
    "demo_city_admin",
    "demo_zone_officer",
    "demo_county_officer",
    "demo_dept_officer",
    "demo_reviewer",
    "demo_enterprise",
)


def test_scanner_finds_what_it_should() -> None:
    html = (
        "<p>hitech_enterprises 9.256e+05 yuan 万元</p><script>var snake_case=1</script>"
        '<span title="Total assets">资产</span><code>deadbeef_1</code><p>Excel 导出</p>'
        "<p>文件格式不对 / wrong file format</p><p>USCC 91511112NPK5E30N22</p>"
    )
    found = {(f.kind, f.text) for f in findings(html)}
    assert found == {
        ("snake_case", "hitech_enterprises"),
        ("e-notation", "9.256e+05"),
        ("english", "yuan"),
        ("english", "Total"),
        ("english", "assets"),
    }


@pytest.mark.django_db
@override_settings(LANGUAGE_CODE="zh-hans")
@time_machine.travel("2026-12-04 10:00 +0800", tick=False)
def test_every_page_for_every_persona_reads_as_chinese_and_no_link_leads_to_403(
    shared_demo: Any,
) -> None:
    from jiazhou_web.accounts.models import User

    problems: list[str] = []
    pages = 0
    figures: dict[tuple[str, str], dict[str, str]] = {}
    for username in PERSONAS:
        client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
        user = User.objects.get(username=username)
        client.force_login(user)
        for url, response in crawl(client, user):
            if response.status_code not in (200, 302):
                problems.append(f"{username} {url}: answers {response.status_code}")
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            pages += 1
            html = response.content.decode()
            for key, value in FIGURE.findall(html):
                figures.setdefault((username, key), {})[url] = value.strip()
            for f in findings(html):
                problems.append(f"{username} {url}: {f.kind} {f.text!r} in {f.context!r}")
    assert pages > 100
    shown_twice = {k: v for k, v in figures.items() if len(v) > 1}
    assert {key for _user, key in shown_twice} >= {"targets.red@2026-12-04", "pools.hnte.candidate"}
    for (username, key), by_url in shown_twice.items():
        if len(set(by_url.values())) > 1:
            problems.append(f"{username} {key} differs between pages: {by_url}")
    assert not problems, "\n".join(sorted(set(problems))[:80])
