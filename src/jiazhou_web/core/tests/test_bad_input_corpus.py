"""The bad-input corpus for the web (issue 11): more than a hundred hostile or mistaken requests,
each answered without a 500, and none of the refused writes leaves a row behind.

Run on SQLite by default and on PostgreSQL with ``DATABASE_URL``. Each case is
``(persona, method, url, data, refused)``; a ``refused`` write must change no table (the audit
log, sessions, login throttles and notifications aside: they record the refusal itself).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jiazhou_web.core.tests.test_hostile_workbooks import HOSTILE
from jiazhou_web.core.tests.world import World, build_world

pytestmark = pytest.mark.django_db

IGNORED_TABLES = {
    "core.AuditLog",
    "sessions.Session",
    "accounts.LoginThrottle",
    "supervision.Notification",
}
HUGE = "9" * 20
LIST_PAGES = [
    "/enterprises/",
    "/monitoring/indicators/",
    "/monitoring/reports/",
    "/scoring/runs/",
    "/pools/members/",
    "/pools/near-eligible/",
    "/supervision/",
    "/supervision/notices/",
    "/audit/",
]
BAD_PARAMS: list[dict[str, Any]] = [
    {"page": "abc"},
    {"page": HUGE},
    {"page": "-1"},
    {"year": "²"},
    {"year": "９９９９"},
    {"task_list": HUGE},
    {"region": "<script>alert(1)</script>"},
    {"columns": ["nope", "'; DROP TABLE x;--"]},
    {"export": "xlsx", "year": "abc"},
]
DASHBOARDS = [
    "/",
    "/monitoring/",
    "/monitoring/regions/",
    "/monitoring/screen/",
    "/monitoring/report/",
    "/pools/",
    "/supervision/kanban/",
    "/supervision/timeline/",
    "/supervision/scoreboard/",
    "/index/",
]
DASHBOARD_PARAMS: list[dict[str, Any]] = [
    {"year": "²"},
    {"year": HUGE},
    {"period": "9999"},
    {"task_list": "abc"},
    {"region": "x" * 500},
]


def xlsx(content: bytes, name: str = "upload.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def cases(w: World) -> Iterator[tuple[str, str, str, dict[str, Any], bool]]:
    o = w.objects
    for url in LIST_PAGES:
        for params in BAD_PARAMS:
            yield "city_admin", "get", url, params, False
    for url in DASHBOARDS:
        for params in DASHBOARD_PARAMS:
            yield "county_officer", "get", url, params, False
    for url in (
        f"/enterprises/{HUGE}/",
        f"/monitoring/reports/{HUGE}/",
        f"/scoring/runs/{HUGE}/",
        f"/pools/enterprises/{HUGE}/",
        f"/supervision/items/{HUGE}/",
        f"/supervision/bulletins/{HUGE}/pdf/",
        f"/supervision/reports/{HUGE}/attachment/",
        "/monitoring/indicators/no-such-indicator/",
        "/imports/errors/../../etc/passwd/",
    ):
        yield "city_admin", "get", url, {}, False
    batch = f"/monitoring/reports/{o['batch'].pk}/values/"
    for value in (
        "1e17",
        "Infinity",
        "-Infinity",
        "sNaN",
        "NaN",
        "abc",
        "",
        "1" * 40,
        "１２",
        "1,2,3",
    ):
        yield "county_officer", "post", batch, {"indicator": "rd_intensity", "value": value}, True
    yield "county_officer", "post", batch, {"indicator": "no_such", "value": "1"}, True
    yield (
        "county_officer",
        "post",
        batch,
        {"indicator": "hitech_enterprises", "value": "3", "yoy_growth_pct": "1e12"},
        True,
    )
    for period in (
        "9999",
        "２０２６",
        "0001",
        "1999",
        "",
        "abc",
        "2025-13",
        "2025-01..2024-01",
        "²⁰²⁶",
    ):
        yield (
            "county_officer",
            "post",
            "/monitoring/reports/new/",
            {"region": "511112", "period": period},
            True,
        )
    item = f"/supervision/items/{o['item'].pk}"
    for deadline in ("9999-12-31", "0001-01-01", "2025-02-30", "abc", ""):
        yield (
            "dept_officer",
            "post",
            f"{item}/extend/",
            {"proposed_deadline": deadline, "reason": "x"},
            True,
        )
    for data in (
        {"percent_done": "101", "text": "x"},
        {"percent_done": "-1", "text": "x"},
        {"percent_done": HUGE, "text": "x"},
        {"percent_done": "5", "text": ""},
        {"percent_done": "abc", "text": "x"},
    ):
        yield "dept_officer", "post", f"{item}/report/", data, True
    yield "dept_officer", "post", f"{item}/no-such-step/", {}, True
    yield "dept_officer", "post", f"{item}/assign/", {}, True
    yield "city_admin", "post", f"{item}/return/", {"reason": ""}, True
    for month, year in (("13", "2025"), ("0", "2025"), ("1", "99999"), ("abc", "2025"), ("5", "²")):
        data = {"task_list": o["task_list"].pk, "year": year, "month": month}
        yield "city_admin", "post", "/supervision/bulletins/", data, True
    for start, deadline in (
        ("0001-01-01", "0001-01-02"),
        ("2025-05-01", "9999-12-31"),
        ("2025-05-01", "2025-04-01"),
    ):
        data = {
            "task_list": o["task_list"].pk,
            "code": "NEW",
            "title": "新事项",
            "lead_unit": o["department"].pk,
            "start_date": start,
            "deadline": deadline,
        }
        yield "city_admin", "post", "/supervision/items/new/", data, True
    yield "enterprise_user", "get", "/supervision/bulletins/", {}, False
    yield "enterprise_user", "get", f"/supervision/bulletins/{o['bulletin'].pk}/pdf/", {}, False
    yield "reviewer", "get", "/audit/", {"export": "xlsx"}, False
    yield (
        "dept_officer",
        "post",
        f"/supervision/notices/{o['notice'].pk}/answer/",
        {"answer": ""},
        True,
    )
    yield "city_admin", "post", f"/supervision/extensions/{HUGE}/decide/", {"approve": "on"}, True
    plan = f"/pools/enterprises/{o['firm'].pk}"
    for year in ("abc", "²", HUGE, "-5"):
        yield "county_officer", "post", f"{plan}/what-if/", {"eval_year": year}, True
    for year in ("abc", "1900", HUGE):
        yield (
            "city_admin",
            "post",
            "/scoring/runs/create/",
            {"schemes": ["hnte-2016"], "eval_year": year},
            True,
        )
    yield (
        "city_admin",
        "post",
        "/scoring/runs/create/",
        {"schemes": ["no-such-scheme"], "eval_year": "2025"},
        True,
    )
    for name, content in sorted(HOSTILE.items()):
        for url in (
            "/enterprises/import/",
            "/supervision/items/import/",
            f"/monitoring/reports/{o['batch'].pk}/import/",
        ):
            persona = "county_officer" if "monitoring" in url else "city_admin"
            yield persona, "post", url, {"file": xlsx(content, f"{name}.xlsx")}, True
    yield "city_admin", "post", "/enterprises/import/", {}, True
    yield "city_admin", "post", "/enterprises/import/", {"file": xlsx(b"", "empty.xlsx")}, True


def counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.label not in IGNORED_TABLES and not m._meta.proxy
    }


def test_the_corpus_answers_without_500_and_leaves_no_partial_write(
    regions: Any, industry: Any
) -> None:
    w = build_world(regions, industry)
    clients: dict[str, Client] = {}
    for persona, user in w.users.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        clients[persona] = client
    failures: list[str] = []
    n = 0
    for persona, method, url, data, refused in cases(w):
        n += 1
        for value in data.values():
            if isinstance(value, io.IOBase):
                value.seek(0)
        before = counts() if refused else None
        response = getattr(clients[persona], method)(url, data)
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {persona} {method.upper()} {url} {data}")
        if before is not None:
            after = counts()
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            if changed:
                failures.append(f"wrote {changed}: {persona} {method.upper()} {url} {data}")
    assert n >= 100, n
    assert not failures, "\n".join(failures)
