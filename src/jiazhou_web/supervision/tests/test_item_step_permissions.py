"""Acting through the pages: a department officer acts only on its own unit's items (403 on
others'), sees its own and partner items, and a refused step comes back as a clear message."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from jiazhou_web.supervision.choices import Stage

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def step(item: Any, name: str) -> str:
    return reverse("supervision:item_step", args=[item.pk, name])


def test_department_officer_signs_its_own_item(make_item: Any, dept_officer: Any) -> None:
    item = make_item("assigned")
    response = client_for(dept_officer).post(step(item, "sign"))
    assert response.status_code == 303
    item.refresh_from_db()
    assert item.stage == Stage.SIGNED


def test_department_officer_gets_404_on_another_units_item(
    make_item: Any, dept_officer: Any, other_department: Any
) -> None:
    """An item outside the scope is not found (issue 11, defect 5: a 403 revealed the id)."""
    item = make_item("assigned", lead_unit=other_department)
    client = client_for(dept_officer)
    assert client.post(step(item, "sign")).status_code == 404
    assert client.post(step(item, "report"), {"percent_done": 50, "text": "x"}).status_code == 404
    assert client.get(reverse("supervision:item_detail", args=[item.pk])).status_code == 404
    item.refresh_from_db()
    assert item.stage == Stage.ASSIGNED


def test_department_officer_cannot_assign_or_verify(make_item: Any, dept_officer: Any) -> None:
    item = make_item()
    assert client_for(dept_officer).post(step(item, "assign")).status_code == 403


def test_partner_unit_sees_the_item_but_cannot_act(
    make_item: Any,
    task_list: Any,
    city_admin: Any,
    dept_officer: Any,
    department: Any,
    other_department: Any,
) -> None:
    import datetime as dt

    from jiazhou_web.supervision import actions

    item = actions.create_item(
        task_list,
        code="P1",
        title="低热水泥",
        lead_unit=other_department,
        partner_units=[department],
        start_date=dt.date(2025, 3, 3),
        deadline=dt.date(2025, 6, 30),
        actor=city_admin,
    )
    actions.assign_item(item, actor=city_admin)
    client = client_for(dept_officer)
    assert client.get(reverse("supervision:item_detail", args=[item.pk])).status_code == 200
    assert client.post(step(item, "sign")).status_code == 403


def test_a_step_out_of_order_is_refused_with_a_message(make_item: Any, city_admin: Any) -> None:
    item = make_item("assigned")
    response = client_for(city_admin).post(step(item, "assign"), follow=True)
    assert "不能交办" in response.content.decode()


def test_list_shows_only_items_in_scope_and_filters_by_indicator(
    make_item: Any, dept_officer: Any, county_officer: Any, other_department: Any
) -> None:
    mine = make_item("assigned")
    make_item("assigned", lead_unit=other_department)
    url = reverse("supervision:item_list")
    page = client_for(dept_officer).get(url).content.decode()
    assert mine.code in page and "T002" not in page
    assert "T001" not in client_for(county_officer).get(url).content.decode()
    filtered = client_for(dept_officer).get(url + "?indicator=rd_intensity").content.decode()
    assert mine.code in filtered
    none = client_for(dept_officer).get(url + "?indicator=other").content.decode()
    assert mine.code not in none


@pytest.mark.parametrize(
    "name",
    [
        "item_list",
        "kanban",
        "timeline",
        "scoreboard",
        "notice_list",
        "bulletin_list",
        "notifications",
        "item_create",
        "item_import",
    ],
)
def test_every_page_renders_for_the_city_admin(name: str, make_item: Any, city_admin: Any) -> None:
    make_item("in_progress")
    response = client_for(city_admin).get(reverse(f"supervision:{name}"))
    assert response.status_code == 200


def test_home_cards_count_items_in_scope(
    make_item: Any, dept_officer: Any, other_department: Any
) -> None:
    from jiazhou_web.supervision.cards import supervision_cards

    make_item("in_progress")
    make_item("assigned", lead_unit=other_department)
    cards = supervision_cards(dept_officer)
    assert cards[0].value == 1
