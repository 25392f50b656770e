"""Pages: scope (a firm never opens another firm's ticket, page or export), constant query
counts on the lists and boards, text shown escaped, the step endpoint's refusals."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from jiazhou_web.tickets import actions
from jiazhou_web.tickets.models import Ticket
from jiazhou_web.tickets.tests.conftest import at

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _cycle(w: dict[str, Any], n: int, *, close: bool = True, day: int = 3) -> list[Ticket]:
    out = []
    for i in range(n):
        t = actions.raise_ticket(
            w["firm"],
            title=f"用电增容第{day}-{i}件",
            text=f"园区用电增容申请未批复，第{i}次反映",
            actor=w["firm_user"],
            at=at(6, 3, 9, i),
        )
        actions.dispatch(t, unit=w["unit"], actor=w["city"], at=at(6, 3, 10, i))
        if close:
            actions.sign(t, actor=w["dept"], at=at(6, 3, 11, i))
            actions.contact(t, actor=w["dept"], at=at(6, 3, 13, 30 + i))
            actions.reply(t, text="已协调供电公司办理完毕。", actor=w["dept"], at=at(6, 4, 10, i))
            actions.callback(
                t, outcome="resolved", satisfaction=4, actor=w["firm_user"], at=at(6, 5, 10, i)
            )
        out.append(t)
    return out


def test_firm_sees_only_its_own_tickets(world: dict[str, Any], other_firm_user: Any) -> None:
    w = world
    (t,) = _cycle(w, 1, close=False)
    mine = _client(w["firm_user"])
    assert t.number in mine.get("/tickets/mine/").content.decode()
    assert mine.get(f"/tickets/{t.pk}/").status_code == 200
    other = _client(other_firm_user)
    assert t.number not in other.get("/tickets/mine/").content.decode()
    assert other.get(f"/tickets/{t.pk}/").status_code == 404
    assert (
        other.post(
            f"/tickets/{t.pk}/callback/", {"outcome": "resolved", "satisfaction": 5}
        ).status_code
        == 404
    )
    assert other.get("/tickets/?export=xlsx").status_code == 403  # the officers' export
    assert other.get("/tickets/abc/").status_code == 404


def test_officer_export_is_cut_to_scope_and_neutralises_formulas(
    world: dict[str, Any], zone_officer: Any
) -> None:
    import io

    from openpyxl import load_workbook

    w = world
    t = actions.raise_ticket(
        w["firm"], title='=HYPERLINK("x")', text="公式注入测试内容", actor=w["firm_user"]
    )
    from jiazhou_web.tickets.models import CatalogueNode

    assert t.leaf is None  # no keyword matched: the dispatcher must choose the item
    other = CatalogueNode.objects.get(code="07-01-01", version__active=True)
    actions.dispatch(t, unit=w["unit"], leaf=other, actor=w["city"])
    county = _client(w["county"]).get("/tickets/?export=xlsx")
    sheet = load_workbook(io.BytesIO(county.content)).active
    cells = list(sheet[2])
    assert t.number in [c.value for c in cells]
    assert cells[4].data_type == "s"  # the title is text, never a formula
    zone = _client(zone_officer).get("/tickets/?export=xlsx")
    assert sheet.max_row >= 2
    assert load_workbook(io.BytesIO(zone.content)).active.max_row <= 2  # header (+ notes) only
    assert t.number.encode() not in zone.content


def test_text_with_script_is_shown_escaped(world: dict[str, Any]) -> None:
    w = world
    t = actions.raise_ticket(
        w["firm"],
        title="<script>alert(1)</script>",
        text="<img src=x onerror=alert(1)> 内容",
        actor=w["firm_user"],
    )
    html = _client(w["city"]).get(f"/tickets/{t.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html


def test_steps_through_pages_and_refusals_as_messages(world: dict[str, Any]) -> None:
    w = world
    (t,) = _cycle(w, 1, close=False)
    dept = _client(w["dept"])
    r = dept.post(f"/tickets/{t.pk}/return/", {"reason": "", "proposed_unit": ""}, follow=True)
    assert "「退单理由」至少 4 个字" in r.content.decode()
    assert dept.post(f"/tickets/{t.pk}/sign/").status_code == 302
    r = dept.post(f"/tickets/{t.pk}/sign/", follow=True)
    assert "不能「签收」" in r.content.decode()
    assert dept.post(f"/tickets/{t.pk}/nonsense/").status_code == 404
    t.refresh_from_db()
    assert t.state == "signed"


@pytest.mark.parametrize(
    "path",
    [
        "/tickets/",
        "/tickets/workbench/",
        "/tickets/rates/?month=2025-06",
        "/tickets/boards/?month=2025-06",
    ],
)
def test_lists_and_boards_have_a_constant_query_count(
    world: dict[str, Any], path: str, django_assert_max_num_queries: Any
) -> None:
    w = world
    _cycle(w, 3)
    user = w["dept"] if "workbench" in path else w["city"]
    client = _client(user)
    client.get(path)  # warm caches (calendar, catalogue)
    with django_assert_max_num_queries(20) as few:
        assert client.get(path).status_code == 200
    _cycle(w, 12, day=10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(path).status_code == 200


def test_rates_page_shows_the_units_three_rates(world: dict[str, Any]) -> None:
    w = world
    _cycle(w, 2)
    html = _client(w["city"]).get("/tickets/rates/?month=2025-06").content.decode()
    assert "乐山市经济和信息化局" in html
    assert "100.0" in html  # all responded in time, resolved and satisfied
    ranking = _client(w["city"]).get("/tickets/boards/?month=2025-06").content.decode()
    assert "市级部门" in ranking


def test_firm_pages_and_todos(world: dict[str, Any]) -> None:
    from jiazhou_web.core.contributions import todos_for, workspace_sections

    w = world
    (t,) = _cycle(w, 1, close=False)
    assert [s.key for s in workspace_sections(w["firm_user"])].count("tickets") == 1
    dept_todos = {d.label: d.count for d in todos_for(w["dept"])}
    assert dept_todos.get("待签收的企业诉求") == 1
    actions.sign(t, actor=w["dept"])
    actions.contact(t, actor=w["dept"])
    actions.reply(t, text="已协调供电公司办理完毕。", actor=w["dept"])
    firm_todos = {d.label: d.count for d in todos_for(w["firm_user"])}
    assert firm_todos.get("待评价的诉求答复（回访）") == 1
    r = _client(w["firm_user"]).post(
        "/tickets/mine/new/", {"title": "", "text": "内容足够长的诉求"}, follow=True
    )
    assert "「标题」不能为空" in r.content.decode()
