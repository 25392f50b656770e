"""Importing a whole list from Excel: all rows or none, each error naming its row and field."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook

from jiazhou_web.supervision.imports import ItemImporter
from jiazhou_web.supervision.models import TaskItem

pytestmark = pytest.mark.django_db

HEADER = [c.header for c in ItemImporter.columns]


def workbook(rows: list[dict[str, Any]]) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER)
    for row in rows:
        ws.append([row.get(h, "") for h in HEADER])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "list.xlsx"
    return buffer


def good(code: str) -> dict[str, Any]:
    return {
        "清单编号": "sige-2025",
        "事项编号": code,
        "事项名称": "华龙一号核电站用电缆",
        "牵头单位": "乐山市经济和信息化局",
        "开始日期": "2025-03-01",
        "截止日期": "2025-12-31",
        "里程碑": "2025-06-30 完成型式试验；2025-10-31 完成挂网运行",
        "关联指标编码": "rd_intensity、tech_contracts",
    }


def test_a_valid_list_is_imported_with_milestones(
    task_list: Any, city_admin: Any, department: Any
) -> None:
    outcome = ItemImporter().run(workbook([good("A1"), good("A2")]), actor=city_admin)
    assert outcome.ok and outcome.stored == 2
    item = TaskItem.objects.get(code="A1")
    assert item.milestones.count() == 2
    assert sorted(item.indicator_links.values_list("code", flat=True)) == [
        "rd_intensity",
        "tech_contracts",
    ]


def test_one_bad_row_stores_nothing_and_names_row_and_field(
    task_list: Any, city_admin: Any, department: Any
) -> None:
    bad = good("A2") | {"牵头单位": "不存在的局", "截止日期": "2025-01-01"}
    outcome = ItemImporter().run(workbook([good("A1"), bad, good("A1")]), actor=city_admin)
    assert not outcome.ok
    assert TaskItem.objects.count() == 0
    messages = [m for ms in outcome.errors.values() for m in ms]
    assert any(m.startswith("第3行：「牵头单位」：未找到单位「不存在的局」") for m in messages)
    assert any("第3行" in m and "早于开始日期" in m for m in messages)
    assert any("第4行" in m and "与第2行重复" in m for m in messages)
    assert outcome.annotated is not None


def test_a_milestone_outside_the_item_dates_is_an_error(
    task_list: Any, city_admin: Any, department: Any
) -> None:
    row = good("A1") | {"里程碑": "2026-06-30 完成"}
    outcome = ItemImporter().run(workbook([row]), actor=city_admin)
    assert "不在起止日期之间" in outcome.errors[0][0]


def test_import_page_is_for_the_supervision_group_only(dept_officer: Any, client: Any) -> None:
    from django.urls import reverse

    client.force_login(dept_officer)
    assert client.get(reverse("supervision:item_import")).status_code == 403
