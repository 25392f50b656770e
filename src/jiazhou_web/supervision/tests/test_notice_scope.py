"""Defect 5 (issue 11): a notice is listed once in a lead unit's list, however many partner
units its item has (the scope joins through a many-to-many; ``for_user`` is a pk__in subquery)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from jiazhou_web.accounts import actions as account_actions
from jiazhou_web.core import access
from jiazhou_web.supervision import actions
from jiazhou_web.supervision.models import Notice, TaskItem

pytestmark = pytest.mark.django_db


def test_for_user_lists_a_row_reached_twice_once(
    task_list: Any, department: Any, dept_officer: Any, city_admin: Any, regions: Any
) -> None:
    """Defect 5: a notice of an item whose lead unit and partner units are joined (m2m)."""
    partners = [
        account_actions.create_department(
            code=f"p{i}", name=f"协办单位{i}", kind="other", region=regions["511100"], actor=None
        )
        for i in range(3)
    ]
    item = actions.create_item(
        task_list,
        code="T1",
        title="x",
        lead_unit=department,
        partner_units=partners,
        start_date=dt.date(2025, 3, 3),
        deadline=dt.date(2025, 6, 30),
        actor=city_admin,
    )
    assert item.partner_units.count() == 3
    Notice.objects.create(
        number="DB-1",
        item=item,
        kind="yellow",
        issued_on=dt.date(2025, 6, 1),
        respond_by=dt.date(2025, 6, 5),
        reason="r",
    )
    assert Notice.objects.for_user(dept_officer).count() == 1
    assert access.for_user(Notice.objects.all(), dept_officer).count() == 1
    assert TaskItem.objects.for_user(dept_officer).count() == 1
    client = Client()
    client.force_login(dept_officer)
    assert client.get("/supervision/notices/").content.decode().count("DB-1") == 1
    export = client.get("/supervision/notices/", {"export": "xlsx"})
    from jiazhou_web.core.tests.test_export_safety import export_workbook

    ws = export_workbook(client, dept_officer, "/supervision/notices/").worksheets[0]
    assert [c.value for row in ws.iter_rows() for c in row].count("DB-1") == 1
    assert export.status_code == 200


def test_an_item_reached_by_every_scope_path_is_listed_once(
    task_list: Any, department: Any, dept_officer: Any, city_admin: Any, regions: Any
) -> None:
    """The item list needs no DISTINCT: the department is the lead unit and, with two more,
    a partner unit (three joined rows), and each scope path is a pk subquery of a UNION."""
    partners = [department] + [
        account_actions.create_department(
            code=f"q{i}", name=f"协办单位{i}", kind="other", region=regions["511100"], actor=None
        )
        for i in range(2)
    ]
    actions.create_item(
        task_list,
        code="T2",
        title="两条路径都能到达的事项",
        lead_unit=department,
        partner_units=partners,
        start_date=dt.date(2025, 3, 3),
        deadline=dt.date(2025, 6, 30),
        actor=city_admin,
    )
    mine = TaskItem.objects.for_user(dept_officer)
    assert "DISTINCT" not in str(mine.query)
    assert list(mine.values_list("code", flat=True)) == ["T2"]
    client = Client()
    client.force_login(dept_officer)
    page = client.get("/supervision/").content.decode()
    assert page.count("两条路径都能到达的事项") == 1
