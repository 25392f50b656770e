"""科技项目 pages: constant query counts as rows grow, what each persona sees, and the steps
a page offers (only those the user may take)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jiazhou_web.projects import actions

pytestmark = pytest.mark.django_db


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _more(call: Any, firm: Any, firm_user: Any, regions: Any, admin: Any, n: int) -> None:
    for i in range(n):
        app = actions.create_application(
            call, firm, actor=firm_user, title=f"项目{n}-{i}", requested_yuan="1000"
        )
        actions.submit(app, actor=firm_user)
        actions.record_external(
            actor=admin,
            title=f"国省{n}-{i}",
            unit_name="u",
            region=regions["511112"],
            level="national" if i % 2 else "provincial",
            programme="p",
            funding_yuan="100",
            approved_on=dt.date(2023, 1, 1),
            source="s",
        )


@pytest.mark.parametrize("page", ["index", "call", "external"])
def test_list_pages_run_a_constant_number_of_queries(
    page: str, client: Client, call: Any, firm: Any, firm_user: Any, regions: Any, city_admin: Any
) -> None:
    url = {
        "index": "/projects/",
        "call": f"/projects/calls/{call.pk}/",
        "external": "/projects/national-provincial/",
    }[page]
    client.force_login(city_admin)
    _more(call, firm, firm_user, regions, city_admin, 2)
    small = _queries(client, url)
    _more(call, firm, firm_user, regions, city_admin, 12)
    assert _queries(client, url) <= small


def test_the_firm_sees_its_own_applications_and_the_bureau_all(
    client: Client, call: Any, firm: Any, firm_user: Any, make_enterprise: Any, city_admin: Any
) -> None:
    from jiazhou_web.conftest import _persona

    other = make_enterprise(region="511112", name="别家科技有限公司")
    other_user = _persona("other_user", "enterprise_user", other)
    mine = actions.create_application(call, firm, actor=firm_user, title="我的", requested_yuan="1")
    theirs = actions.create_application(
        call, other, actor=other_user, title="别家的", requested_yuan="1"
    )
    client.force_login(firm_user)
    page = client.get(f"/projects/calls/{call.pk}/").content.decode()
    assert "我的" in page and "别家的" not in page
    assert client.get(f"/projects/applications/{theirs.pk}/").status_code == 404
    body = client.get(f"/projects/applications/{mine.pk}/").content.decode()
    assert "提交申报" in body and "形式审查通过" not in body
    client.force_login(city_admin)
    assert "别家的" in client.get(f"/projects/calls/{call.pk}/").content.decode()


def test_the_bureau_sees_who_was_excluded_and_why_the_firm_does_not(
    client: Client, call: Any, firm: Any, firm_user: Any, pool: list[Any], city_admin: Any
) -> None:
    app = actions.create_application(
        call, firm, actor=firm_user, title="评审中", requested_yuan="1"
    )
    actions.submit(app, actor=firm_user)
    actions.form_check(app, "pass", actor=city_admin)
    actions.draw(app, actor=city_admin, seed=5)
    client.force_login(city_admin)
    body = client.get(f"/projects/applications/{app.pk}/").content.decode()
    assert "冲突专家" in body and "同一单位：现任职于申报单位" in body
    client.force_login(firm_user)
    body = client.get(f"/projects/applications/{app.pk}/").content.decode()
    assert "冲突专家" not in body and "专家0" not in body  # experts stay anonymous to the firm


def test_an_expert_scores_from_the_queue(
    client: Client, call: Any, firm: Any, firm_user: Any, pool: list[Any], city_admin: Any
) -> None:
    app = actions.create_application(call, firm, actor=firm_user, title="待评", requested_yuan="1")
    actions.submit(app, actor=firm_user)
    actions.form_check(app, "pass", actor=city_admin)
    first = actions.draw(app, actor=city_admin, seed=5)[0]
    expert_user = first.expert.user
    assert expert_user is not None
    client.force_login(expert_user)
    assert "待评" in client.get("/projects/review/").content.decode()
    response = client.post(f"/projects/review/{first.pk}/", {"score": "88.5", "comment": "好"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert str(first.score) == "88.50"
    bad = client.post(f"/projects/review/{first.pk}/", {"score": "101"}, follow=True)
    assert "0–100" in bad.content.decode() or "不能修改" in bad.content.decode()


def test_the_firm_page_links_its_projects_platforms_and_talents(
    client: Client, call: Any, firm: Any, firm_user: Any, city_admin: Any
) -> None:
    from jiazhou_web.platforms import actions as platforms
    from jiazhou_web.talent import actions as talent

    client.force_login(city_admin)
    page = client.get(f"/enterprises/{firm.pk}/").content.decode()
    assert "科技项目（" not in page and "创新平台（" not in page
    actions.create_application(call, firm, actor=firm_user, title="链接", requested_yuan="1")
    platforms.register(
        actor=city_admin,
        region=firm.region,
        name="链接平台",
        kind="key_lab",
        level="city",
        host_enterprise=firm,
        host_name=firm.name,
        recognised_on=dt.date(2020, 1, 1),
        source="s",
    )
    programme = talent.create_programme(actor=city_admin, code="P", name="计划", issuer="人才办")
    talent.add_talent(
        programme,
        actor=city_admin,
        year=2021,
        name="甲",
        id_number="11010519491231002X",
        category="leading",
        degree="doctor",
        employer=firm,
        employer_name=firm.name,
        region=firm.region,
    )
    page = client.get(f"/enterprises/{firm.pk}/").content.decode()
    assert "科技项目（1 项）" in page and "创新平台（1 个）" in page and "科技人才（1 人）" in page
    listing = client.get(f"/projects/enterprise/{firm.pk}/").content.decode()
    assert "链接" in listing
    assert "链接平台" in client.get(f"/platforms/?host={firm.pk}").content.decode()


def test_a_supervision_item_and_its_project_point_at_each_other(
    client: Client, call: Any, firm: Any, firm_user: Any, city_admin: Any, department: Any
) -> None:
    from jiazhou_web.supervision import actions as supervision
    from jiazhou_web.supervision.choices import ListKind

    task_list = supervision.create_list(
        code="sige", title="四个一批", kind=ListKind.KEY_PROJECTS, year=2026, actor=city_admin
    )
    item = supervision.create_item(
        task_list,
        code="T9",
        title="双极板攻关",
        lead_unit=department,
        start_date=dt.date(2026, 3, 2),
        deadline=dt.date(2027, 6, 30),
        actor=city_admin,
    )
    app = actions.create_application(
        call, firm, actor=firm_user, title="双极板", requested_yuan="1"
    )
    client.force_login(city_admin)
    response = client.post(f"/projects/applications/{app.pk}/items/", {"code": "T9"}, follow=True)
    assert "已关联督办事项 T9" in response.content.decode()
    assert "T9 双极板攻关" in client.get(f"/projects/applications/{app.pk}/").content.decode()
    assert app.number in client.get(f"/supervision/items/{item.pk}/").content.decode()
    again = client.post(f"/projects/applications/{app.pk}/items/", {"code": "T9"}, follow=True)
    assert "已关联该督办事项" in again.content.decode()
    missing = client.post(f"/projects/applications/{app.pk}/items/", {"code": "nope"}, follow=True)
    assert "未找到编号为「nope」" in missing.content.decode()
