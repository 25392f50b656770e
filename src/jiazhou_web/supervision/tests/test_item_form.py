"""Issue 14 "Forms that help": the item form offers as 责任人 only officers of government units
(never an enterprise user), refuses one who is not of the lead unit, links indicators chosen by
Chinese name, numbers items itself when the number is left empty, and takes milestones as rows.
The result message says what happened (unit, deadline)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from jiazhou_web.supervision import actions
from jiazhou_web.supervision.actions.common import SupervisionError
from jiazhou_web.supervision.models import TaskItem

pytestmark = pytest.mark.django_db


def _firm_user(regions: dict[str, Any], industry: Any) -> Any:
    from jiazhou.uscc import make_uscc
    from jiazhou_web.accounts import actions as accounts
    from jiazhou_web.enterprises.models import Enterprise

    firm = Enterprise.objects.create(
        uscc=make_uscc(77),
        name="表单测试企业",
        registration_date=dt.date(2015, 1, 1),
        region=regions["511112"],
        industry=industry,
        size_class="small",
    )
    user = accounts.create_user(
        username="firm_user", password="x-Pass-12345", display_name="企业填报员", actor=None
    )
    accounts.assign_role(user, "enterprise_user", actor=None, target=firm)
    return user


def _post(task_list: Any, department: Any, **extra: Any) -> dict[str, Any]:
    data = {
        "task_list": task_list.pk,
        "code": "",
        "title": "高纯晶硅关键技术攻关",
        "lead_unit": department.pk,
        "start_date": "2025-03-03",
        "deadline": "2025-12-31",
        "milestones-TOTAL_FORMS": "5",
        "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "30",
    }
    data.update(extra)
    return data


def test_the_owner_list_offers_only_unit_officers(
    city_admin: Any, dept_officer: Any, county_officer: Any, task_list: Any,
    department: Any, regions: dict[str, Any], industry: Any,
) -> None:  # fmt: skip
    firm_user = _firm_user(regions, industry)
    client = Client()
    client.force_login(city_admin)
    page = client.get("/supervision/items/new/").content.decode()
    owners = page[page.index('id="id_owner"') :]
    owners = owners[: owners.index("</select>")]
    assert "dept_officer（乐山市经济和信息化局）" in owners
    assert "企业填报员" not in owners and f'value="{firm_user.pk}"' not in owners
    # The county officer is a unit officer, but not of 市经信局 (a city bureau): refused.
    response = client.post(
        "/supervision/items/new/", _post(task_list, department, owner=county_officer.pk)
    )
    assert response.status_code == 400
    assert "责任人须为牵头单位「乐山市经济和信息化局」的人员" in response.content.decode()
    assert not TaskItem.objects.exists()
    # The action refuses it too (imports and other callers).
    with pytest.raises(SupervisionError, match="不是牵头单位"):
        actions.create_item(
            task_list, code="", title="x", lead_unit=department, owner=firm_user,
            start_date=dt.date(2025, 3, 3), deadline=dt.date(2025, 6, 30), actor=city_admin,
        )  # fmt: skip


def test_numbers_indicators_and_milestone_rows(
    city_admin: Any, dept_officer: Any, task_list: Any, department: Any
) -> None:
    client = Client()
    client.force_login(city_admin)
    form = client.get("/supervision/items/new/").content.decode()
    assert ">重点领域关键技术突破数</option>" in form  # chosen by name, stored by code
    data = _post(
        task_list,
        department,
        owner=dept_officer.pk,
        indicator_codes=["key_tech_breakthroughs", "rd_intensity"],
        **{
            "milestones-0-title": "中试",
            "milestones-0-deadline": "2025-09-30",
            "milestones-1-title": "完成设备选型",
            "milestones-1-deadline": "2025-05-01",
        },
    )
    response = client.post("/supervision/items/new/", data, follow=True)
    item = TaskItem.objects.get()
    assert item.code == "T001" and item.owner == dept_officer
    assert sorted(item.indicator_links.values_list("code", flat=True)) == [
        "key_tech_breakthroughs",
        "rd_intensity",
    ]
    assert [(m.title, m.deadline) for m in item.milestones.order_by("deadline")] == [
        ("完成设备选型", dt.date(2025, 5, 1)),
        ("中试", dt.date(2025, 9, 30)),
    ]
    page = response.content.decode()
    assert (
        "已登记事项「T001 高纯晶硅关键技术攻关」，牵头单位乐山市经济和信息化局，期限2025年12月31日"
        in page
    )
    # The next empty number skips a number typed by hand.
    actions.create_item(
        task_list, code="T002", title="手工编号", lead_unit=department,
        start_date=dt.date(2025, 3, 3), deadline=dt.date(2025, 6, 30), actor=city_admin,
    )  # fmt: skip
    auto = actions.create_item(
        task_list, code="", title="自动编号", lead_unit=department,
        start_date=dt.date(2025, 3, 3), deadline=dt.date(2025, 6, 30), actor=city_admin,
    )  # fmt: skip
    assert auto.code == "T003"


def test_a_half_filled_milestone_row_is_refused(
    city_admin: Any, task_list: Any, department: Any
) -> None:
    client = Client()
    client.force_login(city_admin)
    response = client.post(
        "/supervision/items/new/",
        _post(task_list, department, **{"milestones-0-title": "中试"}),
    )
    assert response.status_code == 400
    assert "里程碑须同时填写名称和期限" in response.content.decode()
    assert not TaskItem.objects.exists()
