"""我的待办 entries with their date boundaries, page query counts, scope and escaping."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from jiazhou_web.core.contributions import todos_for
from jiazhou_web.enterprises.actions import add_certificate
from jiazhou_web.workspace import actions, reminders
from jiazhou_web.workspace.todos import todos

pytestmark = pytest.mark.django_db
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def at(day: dt.date) -> Any:
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI))


def labels(user: Any) -> list[str]:
    return [t.label for t in todos(user)]


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


# -- reminders (data/reminders.toml: 科小 window 01-01..05-31, 30 days' notice; 高企 180 days)


@pytest.mark.parametrize(
    ("day", "reminding", "opens_year"),
    [
        (dt.date(2027, 12, 1), False, 2028),  # 31 days before 1 January: not yet
        (dt.date(2027, 12, 2), True, 2028),  # 30 days before: the reminder starts
        (dt.date(2028, 1, 1), True, 2028),  # the window opens
        (dt.date(2028, 5, 31), True, 2028),  # its last day
        (dt.date(2028, 6, 1), False, 2029),  # closed: next year's window
    ],
)
def test_the_tech_sme_window_boundaries(day: dt.date, reminding: bool, opens_year: int) -> None:
    window = reminders.tech_sme_window(day)
    assert window.reminding(day) is reminding
    assert window.opens == dt.date(opens_year, 1, 1)


def test_the_window_todo_says_when_it_opens(firm: Any, firm_user: Any) -> None:
    day = dt.date(timezone.localdate().year + 1, 12, 10)  # after the role began (today)
    with at(day):
        text = [t for t in labels(firm_user) if "科技型中小企业" in t]
    assert text == [
        f"科技型中小企业年度入库登记将于{day.year + 1}年1月1日开放，截止{day.year + 1}年5月31日"
    ]
    with at(dt.date(day.year + 1, 6, 1)):
        assert not [t for t in labels(firm_user) if "科技型中小企业" in t]


def test_hnte_recertification_reminder_starts_180_days_before_expiry(
    firm: Any, firm_user: Any
) -> None:
    today = timezone.localdate()
    valid_to = today + dt.timedelta(days=200)
    add_certificate(
        firm,
        programme="hnte",
        number="GR202451000123",
        valid_from=valid_to - dt.timedelta(days=3 * 365),
        valid_to=valid_to,
        actor=None,
    )
    start = reminders.hnte_reminder_from(valid_to)
    assert start == valid_to - dt.timedelta(days=180)
    with at(start - dt.timedelta(days=1)):
        assert not [t for t in labels(firm_user) if "高新技术企业证书" in t]
    with at(start):
        (todo,) = [t for t in todos(firm_user) if "高新技术企业证书" in t.label]
        assert todo.due == valid_to and not todo.urgent
    with at(valid_to - dt.timedelta(days=60)):
        (todo,) = [t for t in todos(firm_user) if "高新技术企业证书" in t.label]
        assert todo.urgent  # within 60 days
    with at(valid_to + dt.timedelta(days=1)):  # expired: no longer valid, no reminder
        assert not [t for t in labels(firm_user) if "高新技术企业证书" in t]


def test_a_returned_declaration_is_a_todo_until_declared_again(
    firm: Any, firm_user: Any, county_officer: Any
) -> None:
    year = timezone.localdate().year - 1
    d = actions.submit_declaration(firm, year, {"employees_total": "4"}, actor=firm_user)
    assert [t.count for t in todos(county_officer) if "年报申报" in t.label] == [1]
    actions.return_declaration(d, reason="请补充", actor=county_officer)
    assert "年报申报被退回，请修改后重新提交" in labels(firm_user)
    assert [t.count for t in todos(county_officer) if "年报申报" in t.label] == [0]
    actions.submit_declaration(firm, year, {"employees_total": "5"}, actor=firm_user)
    assert "年报申报被退回，请修改后重新提交" not in labels(firm_user)
    # the shared 我的待办 (core.contributions) drops empty entries and shows the firm's own
    assert all(t.count > 0 for t in todos_for(county_officer))


# -- pages --------------------------------------------------------------------------------


def seed_some(firm: Any, firm_user: Any, officer: Any, n: int) -> None:
    """``n`` declarations (each returned, so the next may be filed) and ``n`` documents."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    year = timezone.localdate().year
    for i in range(n):
        d = actions.submit_declaration(
            firm, year - 1 - (i % 3), {"employees_total": str(10 + i)}, actor=firm_user
        )
        actions.return_declaration(d, reason=f"第{i}次退回", actor=officer)
        actions.upload_document(
            firm,
            kind="other",
            title=f"材料{i}",
            upload=SimpleUploadedFile(f"m{i}.pdf", b"%PDF-1.4"),
            actor=firm_user,
        )


@pytest.mark.parametrize(
    ("url", "limit"),
    [
        ("/workspace/", 20),
        ("/workspace/record/", 20),
        ("/workspace/declarations/", 20),
        ("/workspace/qualifications/", 25),
        ("/workspace/documents/", 20),
        ("/workspace/accounts/", 20),
    ],
)
def test_firm_pages_take_a_constant_number_of_queries(
    firm: Any,
    firm_admin: Any,
    county_officer: Any,
    url: str,
    limit: int,
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for(firm_admin)
    seed_some(firm, firm_admin, county_officer, 2)
    client.get(url)  # warm caches (content types, sessions)
    with django_assert_max_num_queries(limit):
        small = client.get(url)
    seed_some(firm, firm_admin, county_officer, 3)
    with django_assert_max_num_queries(limit):
        large = client.get(url)
    assert small.status_code == large.status_code == 200


def test_the_review_queue_takes_a_constant_number_of_queries(
    make_enterprise: Any, county_officer: Any, django_assert_max_num_queries: Any
) -> None:
    from jiazhou_web.workspace.tests.conftest import persona

    client = client_for(county_officer)
    for i in range(6):
        firm = make_enterprise(region="511112")
        user = persona(f"u{i}", "enterprise_user", firm)
        actions.submit_declaration(
            firm, timezone.localdate().year - 1, {"employees_total": "4"}, actor=user
        )
    client.get("/workspace/review/")
    with django_assert_max_num_queries(15):
        page = client.get("/workspace/review/")
    assert page.content.decode().count("年度</td>") == 6


def test_another_firms_declaration_is_404_and_text_is_escaped(
    firm: Any, firm_user: Any, zone_firm: Any, zone_user: Any, county_officer: Any
) -> None:
    year = timezone.localdate().year - 1
    theirs = actions.submit_declaration(zone_firm, year, {"employees_total": "4"}, actor=zone_user)
    mine = actions.submit_declaration(firm, year, {"employees_total": "4"}, actor=firm_user)
    client = client_for(firm_user)
    assert client.get(f"/workspace/declarations/{theirs.pk}/").status_code == 404
    assert client.get(f"/workspace/declarations/?from={theirs.pk}").status_code == 404
    assert client.post(f"/workspace/declarations/{theirs.pk}/accept/").status_code == 403
    actions.return_declaration(mine, reason="<script>alert(1)</script>", actor=county_officer)
    page = client.get(f"/workspace/declarations/{mine.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_declaring_through_the_page(firm: Any, firm_user: Any) -> None:
    client = client_for(firm_user)
    year = timezone.localdate().year - 1
    bad = client.post(
        "/workspace/declarations/",
        {"fiscal_year": year, "employees_total": "40", "tech_staff": "50"},
    )
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "申报未提交" in text and "大于职工总数" in text
    assert not firm.declarations.exists()  # nothing half-written
    good = client.post(
        "/workspace/declarations/",
        {"fiscal_year": year, "employees_total": "40", "operating_revenue": "2,500"},
    )
    assert good.status_code == 303
    d = firm.declarations.get()
    assert d.values == {"employees_total": "40", "operating_revenue": "25000000"}
    detail = client.get(good["Location"]).content.decode()
    assert "2,500.00万元" in detail and "待审核" in detail
