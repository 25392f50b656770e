"""我的待办 on the 工作台 (issue 14 "Fit the role"): each persona sees exactly the tasks it
must do — batches to review/submit, items to sign for, notices to answer, reports due,
extensions to decide, plans due, certificates expiring — each a link; the page runs a constant
number of queries however many tasks there are."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jiazhou_web.core.contributions import todos_for
from jiazhou_web.core.tests.world import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(regions: dict[str, Any], industry: Any) -> World:
    return build_world(regions, industry)


def _todos(user: Any) -> dict[str, int]:
    return {t.label: t.count for t in todos_for(user)}


def _new_item(w: World, code: str, *, assign: bool = True) -> Any:
    from jiazhou_web.supervision import actions

    today = timezone.localdate()
    item = actions.create_item(
        w.objects["task_list"],
        code=code,
        title=f"事项{code}",
        lead_unit=w.objects["department"],
        start_date=today - dt.timedelta(days=30),
        deadline=today + dt.timedelta(days=200),
        actor=w.users["city_admin"],
    )
    if assign:
        actions.assign_item(item, actor=w.users["city_admin"])
    return item


def test_each_persona_sees_its_own_tasks(world: World) -> None:
    u = world.users
    # The world's item was signed, reported on and has an open yellow notice (reply date in
    # 2025, so already due), a pending extension, and a milestone 2025-05-01 not done.
    dept = _todos(u["dept_officer"])
    assert dept["待答复的督办单"] == 1
    assert dept["里程碑临近或已到期、待报送进展的事项"] == 1
    assert "待签收的督办事项" not in dept  # signed already: nothing to sign
    notice = next(t for t in todos_for(u["dept_officer"]) if t.label == "待答复的督办单")
    assert notice.urgent and notice.url.endswith("?status=open")

    _new_item(world, "T100")
    _new_item(world, "T101", assign=False)  # registered only: not yet theirs to sign
    assert _todos(u["dept_officer"])["待签收的督办事项"] == 1

    city = _todos(u["city_admin"])
    assert city["待审批的延期申请"] == 1
    assert "待签收的督办事项" not in city  # the city assigns; it does not sign

    # The county opened a batch and recorded one value: a draft to submit; the city has none
    # to review until it is submitted.
    assert _todos(u["county_officer"]) == {"待提交的填报批次（草稿）": 1}
    assert "待审核的填报批次" not in city
    from jiazhou_web.monitoring import actions as monitoring

    monitoring.submit_submission(world.objects["batch"], actor=u["county_officer"])
    assert _todos(u["city_admin"])["待审核的填报批次"] == 1
    assert "待提交的填报批次（草稿）" not in _todos(u["county_officer"])

    # Outsiders and the zone (whose region carries none of these) have nothing; the firm has
    # none of the officers' tasks — only its own reminders (the workspace's 入库/复审 dates).
    for persona in ("outsider", "zone_officer"):
        assert _todos(u[persona]) == {}, persona
    firm = _todos(u["enterprise_user"])
    assert all("入库" in label or "复审" in label or "认定" in label for label in firm), firm


def test_an_item_with_several_due_milestones_is_one_report_to_make(world: World) -> None:
    """The count is of items, not milestones: a second open milestone past due on the same
    item leaves it at one; marking both done takes the item off the list; a milestone beyond
    the due-soon window does not put it back."""
    from jiazhou_web.supervision.models import Milestone

    item = world.objects["item"]
    label = "里程碑临近或已到期、待报送进展的事项"
    Milestone.objects.create(item=item, title="验收", deadline=dt.date(2025, 6, 1))
    todo = next(t for t in todos_for(world.users["dept_officer"]) if t.label == label)
    assert (todo.count, todo.due, todo.urgent) == (1, dt.date(2025, 5, 1), True)
    item.milestones.update(done_at=timezone.now())
    Milestone.objects.create(
        item=item, title="远期", deadline=timezone.localdate() + dt.timedelta(days=400)
    )
    assert label not in _todos(world.users["dept_officer"])


def test_a_county_officer_acts_for_the_units_of_its_region(
    world: World, regions: dict[str, Any]
) -> None:
    from jiazhou_web.accounts import actions as accounts
    from jiazhou_web.supervision import actions

    county_unit = accounts.create_department(
        code="wtqkjj",
        name="五通桥区科技局",
        kind="county_bureau",
        region=regions["511112"],
        actor=None,
    )
    item = _new_item(world, "T200", assign=False)
    item.lead_unit = county_unit
    item.save(update_fields=["lead_unit"])
    actions.assign_item(item, actor=world.users["city_admin"])
    assert _todos(world.users["county_officer"])["待签收的督办事项"] == 1
    assert "待签收的督办事项" not in _todos(world.users["dept_officer"])


def test_certificates_expiring_within_90_days_and_plan_actions_due(
    world: World, regions: dict[str, Any], industry: Any
) -> None:
    """Boundaries: valid_to = today + 90 is listed, today + 91 is not, yesterday is not."""
    from jiazhou_web.pools.choices import MembershipStatus
    from jiazhou_web.pools.models import EnterprisePlan, PlanAction, PoolMembership

    today = timezone.localdate()
    from jiazhou.uscc import make_uscc
    from jiazhou_web.enterprises.models import Enterprise

    firms = [
        Enterprise.objects.create(
            uscc=make_uscc(100 + n),
            name=f"证书企业{n}",
            registration_date=dt.date(2015, 1, 1),
            region=regions["511112"],
            industry=industry,
            size_class="small",
        )
        for n in range(4)
    ]
    for firm, days in zip(firms, (0, 90, 91, -1), strict=True):
        PoolMembership.objects.create(
            enterprise=firm,
            programme="hnte",
            status=MembershipStatus.QUALIFIED,
            started_on=today - dt.timedelta(days=1000),
            valid_to=today + dt.timedelta(days=days),
        )
    county = world.users["county_officer"]
    todos = {t.label: t for t in todos_for(county)}
    expiring = todos["90 天内到期的资质证书"]
    assert expiring.count == 2 and expiring.due == today
    assert "expiring_within=90" in expiring.url
    # The link lists exactly those two.
    client = Client()
    client.force_login(county)
    page = client.get(expiring.url).content.decode()
    assert "证书企业0" in page and "证书企业1" in page
    assert "证书企业2" not in page and "证书企业3" not in page
    # The reviewer may not manage plans: no certificate reminder.
    assert "90 天内到期的资质证书" not in _todos(world.users["reviewer"])

    plan = EnterprisePlan.objects.create(enterprise=firms[0], officer=county)
    for days, done in ((-1, None), (14, None), (15, None), (-5, today)):
        PlanAction.objects.create(
            plan=plan, title="归集研发费用", due_on=today + dt.timedelta(days=days), done_on=done
        )
    entry = next(t for t in todos_for(county) if t.label.startswith("一企一策到期事项"))
    assert entry.count == 2  # overdue + due in 14 days; the 15th day and the done one are not
    assert entry.urgent and entry.due == today - dt.timedelta(days=1)


def _home_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/")
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("persona", ["city_admin", "dept_officer", "county_officer", "reviewer"])
def test_home_runs_a_constant_number_of_queries(
    world: World, persona: str, django_assert_max_num_queries: Any
) -> None:
    client = Client()
    client.force_login(world.users[persona])
    small = _home_queries(client)
    for n in range(6):
        _new_item(world, f"T3{n:02d}")
    with django_assert_max_num_queries(small):
        response = client.get("/")
    page = response.content.decode()
    assert 'data-testid="todos"' in page and "我的待办" in page


def test_home_lists_the_todos_as_links(world: World) -> None:
    client = Client()
    client.force_login(world.users["dept_officer"])
    page = client.get("/").content.decode()
    assert "待答复的督办单" in page and 'href="/supervision/notices/?status=open"' in page
    client.force_login(world.users["outsider"])
    assert 'data-testid="no-todos"' in client.get("/").content.decode()
