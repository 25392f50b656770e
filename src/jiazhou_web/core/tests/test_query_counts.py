"""Issue 11 (performance): the pages named in the issue run a constant number of queries,
however many rows they show (indicator detail: one per observation; reporting-batch list:
per-row counts; pools dashboard: repeated counts; supervision list: holiday-table queries)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jiazhou_web.monitoring import actions as monitoring
from jiazhou_web.monitoring.models import Indicator

pytestmark = pytest.mark.django_db
PERIODS = ["2019", "2020", "2021", "2022", "2023", "2024"]


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def constant(client: Client, url: str, grow: Callable[[int], None]) -> tuple[int, int]:
    grow(0)
    small = queries(client, url)
    grow(1)
    large = queries(client, url)
    return small, large


def _batches(regions: Any, officers: dict[str, Any], step: int) -> None:
    indicator = Indicator.objects.get(code="hitech_enterprises")
    for period in PERIODS[step * 3 : step * 3 + 3]:
        for code in ("511112",):
            batch = monitoring.open_submission(regions[code], period, actor=None)
            monitoring.record_observation(
                batch, indicator, value=Decimal(10), explanation="核实", actor=None
            )
            monitoring.submit_submission(batch, actor=None)
            monitoring.approve_submission(batch, actor=None)


def test_indicator_detail_is_constant(client: Client, regions: Any, city_admin: Any) -> None:
    client.force_login(city_admin)
    small, large = constant(
        client,
        "/monitoring/indicators/hitech_enterprises/",
        lambda step: _batches(regions, {}, step),
    )
    assert large <= small, (small, large)


def test_reporting_batch_list_is_constant(client: Client, regions: Any, city_admin: Any) -> None:
    client.force_login(city_admin)
    small, large = constant(
        client, "/monitoring/reports/", lambda step: _batches(regions, {}, step)
    )
    assert large <= small, (small, large)


def test_pools_dashboard_is_constant(client: Client, city_admin: Any, make_enterprise: Any) -> None:
    client.force_login(city_admin)

    def grow(step: int) -> None:
        for _ in range(5):
            make_enterprise(region="511112")

    small, large = constant(client, "/pools/", grow)
    assert large <= small, (small, large)


def test_supervision_list_is_constant(client: Client, city_admin: Any, department: Any) -> None:
    from jiazhou_web.supervision import actions
    from jiazhou_web.supervision.choices import ListKind

    client.force_login(city_admin)
    task_list = actions.create_list(
        code="q", title="q", kind=ListKind.KEY_PROJECTS, year=2025, actor=city_admin
    )
    counter = iter(range(1000))

    def grow(step: int) -> None:
        for _ in range(5):
            n = next(counter)
            item = actions.create_item(
                task_list,
                code=f"T{n:03d}",
                title=f"事项{n}",
                lead_unit=department,
                start_date=dt.date(2025, 3, 3),
                deadline=dt.date(2025, 6, 30) + dt.timedelta(days=n),
                actor=city_admin,
            )
            actions.assign_item(item, actor=city_admin)

    small, large = constant(client, "/supervision/", grow)
    assert large <= small, (small, large)


# --- every list and dashboard page (issue 11: "a test per page") ----------------------------

#: (url, persona) of every list and dashboard page not measured by its own app's tests
#: (supervision/tests/test_list_queries.py: items, kanban, timeline, scoreboard, notices;
#: evaluations/tests/test_pages.py: runs; accounts/tests/test_roles_page.py: users).
PAGES = [
    ("/", "city_admin"),
    ("/", "county_officer"),
    ("/audit/", "city_admin"),
    ("/enterprises/", "city_admin"),
    ("/enterprises/", "county_officer"),
    ("/monitoring/", "city_admin"),
    ("/monitoring/", "county_officer"),
    ("/monitoring/indicators/", "city_admin"),
    ("/monitoring/regions/", "city_admin"),
    ("/monitoring/screen/", "city_admin"),
    ("/monitoring/report/", "city_admin"),
    ("/monitoring/reports/", "county_officer"),
    ("/scoring/runs/", "city_admin"),
    ("/pools/", "county_officer"),
    ("/pools/near-eligible/", "city_admin"),
    ("/pools/members/", "city_admin"),
    ("/supervision/bulletins/", "city_admin"),
    ("/supervision/notifications/", "dept_officer"),
    ("/index/", "city_admin"),
]


class Grower:
    """Adds a bit of everything the pages list: firms with figures and certificates, approved
    reporting batches, a scoring run, supervision items with notifications."""

    def __init__(self, regions: Any, industry: Any, department: Any, admin: Any) -> None:
        from jiazhou_web.supervision import actions as supervision
        from jiazhou_web.supervision.choices import ListKind

        self.regions, self.industry, self.department, self.admin = (
            regions,
            industry,
            department,
            admin,
        )
        self.n = 0
        self.task_list = supervision.create_list(
            code="grow", title="增长", kind=ListKind.KEY_PROJECTS, year=2025, actor=admin
        )

    def __call__(self, step: int) -> None:
        from jiazhou.schemes import list_schemes
        from jiazhou.uscc import make_uscc
        from jiazhou_web.enterprises.models import Certificate, Enterprise, EnterpriseFigure
        from jiazhou_web.scoring.actions import score_enterprises
        from jiazhou_web.supervision import actions as supervision

        today = timezone.localdate()
        for region in ("511112", "511102", "511112"):
            self.n += 1
            firm = Enterprise.objects.create(
                uscc=make_uscc(500 + self.n),
                name=f"增长企业{self.n}有限公司",
                registration_date=dt.date(2015, 1, 1),
                region=self.regions[region],
                industry=self.industry,
                size_class="small",
            )
            for code, value in (("operating_revenue", 5_000_000), ("rd_expense", 400_000)):
                EnterpriseFigure.objects.create(
                    enterprise=firm,
                    fiscal_year=today.year - 1,
                    field=code,
                    value=Decimal(value),
                    source="declaration",
                    as_of=today - dt.timedelta(days=30),
                )
            Certificate.objects.create(
                enterprise=firm,
                programme="tech_sme",
                number=f"TS{self.n}",
                valid_from=today - dt.timedelta(days=100),
                valid_to=today + dt.timedelta(days=200),
            )
            item = supervision.create_item(
                self.task_list,
                code=f"G{self.n:03d}",
                title=f"事项{self.n}",
                lead_unit=self.department,
                start_date=today - dt.timedelta(days=60),
                deadline=today + dt.timedelta(days=30 + self.n),
                actor=self.admin,
            )
            supervision.assign_item(item, actor=self.admin)  # notifies the unit's officers
        _batches(self.regions, {}, step)
        score_enterprises(
            Enterprise.objects.all(), [list_schemes()[0].code], today.year - 1 - step, actor=None
        )


def test_every_list_and_dashboard_page_is_constant(
    regions: Any,
    industry: Any,
    department: Any,
    city_admin: Any,
    county_officer: Any,
    dept_officer: Any,
) -> None:
    users = {
        "city_admin": city_admin,
        "county_officer": county_officer,
        "dept_officer": dept_officer,
    }
    clients = {}
    for name, user in users.items():
        clients[name] = Client()
        clients[name].force_login(user)
    grow = Grower(regions, industry, department, city_admin)
    grow(0)
    small = {}
    for url, persona in PAGES:
        queries(clients[persona], url)  # warm the session and the process caches
        small[url, persona] = queries(clients[persona], url)
    grow(1)
    grown = {page: queries(clients[page[1]], page[0]) for page in PAGES}
    worse = {page: (small[page], grown[page]) for page in PAGES if grown[page] > small[page]}
    assert not worse, f"queries grew with the rows: {worse}"
