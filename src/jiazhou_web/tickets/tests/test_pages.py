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


def test_overdue_tickets_are_listed_for_督办_and_counted_in_the_centres_todos(
    world: dict[str, Any], pinned: Any
) -> None:
    from jiazhou_web.core.contributions import todos_for

    w = world
    late, on_time = _cycle(w, 2, close=False)  # urgent tier: 2 wd → due Thu 06-05 17:30
    actions.sign(on_time, actor=w["dept"], at=at(6, 3, 11))
    actions.contact(on_time, actor=w["dept"], at=at(6, 3, 14))
    actions.reply(on_time, text="已协调供电公司办理完毕。", actor=w["dept"], at=at(6, 4, 10))
    pinned.move_to(at(6, 5, 17, 30))  # the limit itself: not yet overdue
    client = _client(w["city"])
    assert late.number not in client.get("/tickets/?state=overdue").content.decode()
    pinned.move_to(at(6, 6, 9, 30))  # half an hour of the next working day
    client = _client(w["city"])  # a new session (the idle one has expired overnight)
    html = client.get("/tickets/?state=overdue").content.decode()
    assert late.number in html and on_time.number not in html
    todos = {t.label: t.count for t in todos_for(w["city"])}
    assert todos["超期未办结的企业诉求（督办）"] == 1
    unit_todos = {t.label: t.count for t in todos_for(w["dept"])}
    assert unit_todos["超过办理时限的企业诉求"] == 1


def test_monthly_analysis_counts_channels_categories_and_repeats(world: dict[str, Any]) -> None:
    w = world
    _cycle(w, 3)
    html = _client(w["city"]).get("/tickets/rates/?month=2025-06").content.decode()
    assert "受理 <strong>3</strong> 件，办结 <strong>3</strong> 件" in html
    assert "要素保障 › 水电气：3 件" in html
    assert "企业工作台：3 件" in html


def test_dispatch_page_sets_partner_units_who_then_see_the_ticket(world: dict[str, Any]) -> None:
    from jiazhou_web.conftest import _persona

    w = world
    t = actions.raise_ticket(
        w["firm"], title="用电增容未批复", text="园区用电增容申请未批复", actor=w["firm_user"]
    )
    assert t.leaf is not None
    partner_officer = _persona("partner_officer", "department_officer", w["county_unit"])
    assert _client(partner_officer).get(f"/tickets/{t.pk}/").status_code == 404
    r = _client(w["city"]).post(
        f"/tickets/{t.pk}/dispatch/",
        {"unit": w["unit"].pk, "leaf": t.leaf.pk, "partners": [w["county_unit"].pk, w["unit"].pk]},
    )
    assert r.status_code == 302
    t.refresh_from_db()
    assert t.unit == w["unit"]
    assert list(t.partner_units.all()) == [w["county_unit"]]  # the lead unit is not its own partner
    assert _client(partner_officer).get(f"/tickets/{t.pk}/").status_code == 200
    assert _client(partner_officer).post(f"/tickets/{t.pk}/sign/").status_code == 403  # lead signs


def test_attachment_type_by_content_size_limit_and_scope(
    world: dict[str, Any],
    other_firm_user: Any,
    django_capture_on_commit_callbacks: Any,
    settings: Any,
    tmp_path: Any,
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jiazhou_web.tickets.models import Attachment

    settings.MEDIA_ROOT = str(tmp_path)
    w = world
    firm = _client(w["firm_user"])
    form = {"title": "用电增容未批复", "text": "园区用电增容申请未批复，附申请材料"}
    fake = SimpleUploadedFile("申请.pdf", b"MZ\x90\x00 this is a program")
    r = firm.post("/tickets/mine/new/", {**form, "attachment": fake}, follow=True)
    assert "附件「申请.pdf」：附件不允许上传可执行程序" in r.content.decode()
    assert not Ticket.objects.exists()  # nothing half-written
    big = SimpleUploadedFile("大文件.pdf", b"%PDF-1.4" + b"0" * (10 * 1024 * 1024))
    r = firm.post("/tickets/mine/new/", {**form, "attachment": big}, follow=True)
    assert "超过上限" in r.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        r = firm.post(
            "/tickets/mine/new/",
            {**form, "attachment": SimpleUploadedFile("申请.pdf", b"%PDF-1.4 real")},
        )
    assert r.status_code == 302
    item = Attachment.objects.get()
    assert item.kind == "pdf" and item.size == len(b"%PDF-1.4 real")
    download = firm.get(f"/tickets/attachments/{item.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 real"  # type: ignore[attr-defined]
    assert _client(other_firm_user).get(f"/tickets/attachments/{item.pk}/").status_code == 404
    assert _client(w["county"]).get(f"/tickets/attachments/{item.pk}/").status_code == 200


def test_desk_entry_from_12345_within_the_officers_region(world: dict[str, Any]) -> None:
    county = _client(world["county"])
    form = {
        "channel": "12345",
        "title": "厂房租金补贴咨询",
        "text": "个体经营者咨询厂房租金补贴政策",
    }
    r = county.post("/tickets/new/", {**form, "region": "511112", "caller_name": "王先生"})
    assert "须填写「诉求人」和「联系电话」" in r.content.decode()
    r = county.post(
        "/tickets/new/",
        {**form, "region": "511102", "caller_name": "王先生", "caller_phone": "13800001111"},
    )
    assert "「属地」不能为空" in r.content.decode()  # 市中区 is outside this officer's region
    r = county.post(
        "/tickets/new/",
        {**form, "region": "511112", "caller_name": "王先生", "caller_phone": "13800001111"},
    )
    assert r.status_code == 302
    t = Ticket.objects.get()
    assert (t.channel, t.region.code, t.enterprise) == ("12345", "511112", None)
    r = county.post("/tickets/new/", {**form, "channel": "workspace", "region": "511112"})
    assert "「渠道」无效" in r.content.decode()


def _numbers(html: str) -> list[str]:
    import re

    table = html.split('data-testid="ticket-list"', 1)[1].split("</table>", 1)[0]
    return re.findall(r">([A-Z0-9-]{6,})</a>", table)


@pytest.mark.parametrize("small_result", [0, 2000])
def test_list_pages_newest_first_with_exact_totals(
    world: dict[str, Any], small_result: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whichever way the page's rows are read (ids of a small result in order, or LIMIT off
    the index), the list is newest first, split into pages, with the exact total."""
    from jiazhou_web.tickets import views

    w = world
    made = _cycle(w, 5, close=False)
    monkeypatch.setattr(views, "PAGE", 2)
    monkeypatch.setattr(views, "SMALL_RESULT", small_result)
    client = _client(w["city"])
    newest_first = [t.number for t in reversed(made)]
    seen = []
    for page in (1, 2, 3):
        html = client.get(f"/tickets/?page={page}").content.decode()
        assert f"第 {page} / 3 页" in html
        seen += _numbers(html)
    assert seen == newest_first
    # a filter the state counts do not answer: the page counts itself
    html = client.get("/tickets/", {"q": made[0].title}).content.decode()
    assert _numbers(html) == [made[0].number]
    html = client.get("/tickets/?state=dispatched&page=2").content.decode()
    assert "第 2 / 3 页" in html and _numbers(html) == newest_first[2:4]
    assert client.get("/tickets/?state=closed").status_code == 200  # nothing to page


@pytest.mark.parametrize("small_result", [0, 2000])
def test_the_next_page_keeps_every_filter(
    world: dict[str, Any], small_result: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Page 2 of a search is page 2 of the same search: the links carry the category, unit
    and text filters too (they used to carry only the state and channel, so 下一页 of a
    category showed every category)."""
    import re

    from jiazhou_web.tickets import views

    w = world
    made = _cycle(w, 5, close=False)
    monkeypatch.setattr(views, "PAGE", 2)
    monkeypatch.setattr(views, "SMALL_RESULT", small_result)
    client = _client(w["city"])
    leaf, unit = made[0].leaf, made[0].unit
    assert leaf is not None and unit is not None
    query = {"category": leaf.code, "unit": str(made[0].unit_id), "q": "", "state": ""}
    html = client.get("/tickets/", query).content.decode()
    assert "第 1 / 3 页" in html
    assert f'<option value="{unit.pk}" selected>{unit.name}</option>' in html
    link = re.search(r'href="(\?[^"]*page=2[^"]*)"', html)
    assert link is not None
    following = link.group(1).replace("&amp;", "&")
    assert f"category={leaf.code}" in following and f"unit={made[0].unit_id}" in following
    html = client.get("/tickets/" + following).content.decode()
    assert "第 2 / 3 页" in html
    assert _numbers(html) == [t.number for t in reversed(made)][2:4]


def test_unit_officer_reaches_tickets_as_unit_partner_or_past_dispatch(
    world: dict[str, Any],
) -> None:
    """The department scope's three paths (主办, 协办, an earlier 派单), each ticket once."""
    from jiazhou_web.tickets.models import Dispatch
    from jiazhou_web.tickets.visibility import visible_tickets

    w = world
    own, partner, earlier, other = _cycle(w, 4, close=False)
    for t in (partner, earlier, other):
        Ticket.objects.filter(pk=t.pk).update(unit=w["county_unit"])
    partner.partner_units.set([w["unit"]])
    Dispatch.objects.filter(ticket__in=[partner, other]).update(unit=w["county_unit"])
    Dispatch.objects.create(ticket=earlier, unit=w["county_unit"], dispatched_at=at(6, 4))
    seen = visible_tickets(w["dept"])
    assert sorted(seen.values_list("pk", flat=True)) == sorted([own.pk, partner.pk, earlier.pk])
    assert seen.count() == 3
    html = _client(w["dept"]).get("/tickets/").content.decode()
    assert sorted(_numbers(html)) == sorted([own.number, partner.number, earlier.number])
