"""The English switch on the officers' own pages (issue 14): the home page with its to-do list,
the audit log, the background jobs, users and roles, the expert review queue and affiliations,
the subsidies index and the official-holidays form read English outside data values, for the
city administrator, a county and a zone officer where their pages differ and the
reviewer on the review pages; the Chinese pages are
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

PAGES = (
    (
        "demo_city_admin",
        (
            "/",
            "/audit/",
            "/jobs/",
            "/accounts/users/",
            "/accounts/roles/",
            "/scoring/review/",
            "/scoring/affiliations/",
            "/subsidies/",
            "/supervision/holidays/official/",
        ),
    ),
    ("demo_county_officer", ("/", "/jobs/", "/subsidies/")),
    ("demo_zone_officer", ("/", "/jobs/", "/subsidies/")),
    ("demo_reviewer", ("/scoring/review/", "/scoring/affiliations/")),
)


@pytest.mark.django_db
@time_machine.travel("2026-12-04 10:00 +0800", tick=False)
def test_the_officers_home_and_administration_pages_read_english(shared_demo: Any) -> None:
    chinese = fetch_pages(PAGES, english=False)
    dump_chinese(chinese)
    data = data_pattern()
    english = fetch_pages(PAGES, english=True)
    problems = chinese_left_on(english, data)
    labels = {
        "demo_city_admin /": ("我的待办", "My to-dos"),
        "demo_county_officer /": ("最早期限：", "Earliest deadline:"),
        "demo_city_admin /audit/": ("操作人", "Actor"),
        "demo_city_admin /jobs/": ("全部后台任务", "All background jobs"),
        "demo_zone_officer /jobs/": ("我的后台任务", "My background jobs"),
        "demo_city_admin /accounts/users/": ("用户名、姓名或单位", "Username, name or unit"),
        "demo_city_admin /accounts/roles/": ("查看与导出审计日志", "View and export the audit log"),
        "demo_city_admin /scoring/review/": ("待评项数", "Items to judge"),
        "demo_reviewer /scoring/affiliations/": ("新增关联申报", "New affiliation declaration"),
        "demo_city_admin /subsidies/": ("已拨付", "Paid out"),
        "demo_city_admin /supervision/holidays/official/": ("读取并比较", "Read and compare"),
    }
    for key, (zh, en) in labels.items():
        assert zh in chinese[key], key
        assert en in english[key] and zh not in english[key], key
    assert not problems, "\n".join(problems)
