"""The Excel export holds exactly the columns and rows the list page shows."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db
LIST = reverse("enterprises:enterprise_list")


def page_and_export(client: Client, params: dict[str, Any]) -> tuple[Any, list[list[Any]]]:
    page = client.get(LIST, params)
    export = client.get(LIST, {**params, "export": "xlsx"})
    ws = load_workbook(io.BytesIO(export.content)).active
    assert ws is not None
    rows = []
    for row in ws.iter_rows(values_only=True):
        if not any(v is not None for v in row):
            break
        rows.append(list(row))
    return page, rows


def test_export_matches_the_chosen_columns_and_filter(
    client: Client, city_admin: Any, spread: dict[str, Any]
) -> None:
    client.force_login(city_admin)
    params = {"columns": ["name", "region", "revenue_wan", "tech_staff"], "region": ""}
    page, rows = page_and_export(client, params)
    visible = [str(c.label) for c in page.context["table"].visible]
    assert rows[0] == visible == ["企业名称", "区县", "营业收入（万元）", "科技人员（人）"]
    assert sorted(r[0] for r in rows[1:]) == sorted(f.name for f in spread.values())
    wutongqiao = next(r for r in rows[1:] if r[0] == "五通桥硅业有限公司")
    assert wutongqiao[1:] == ["五通桥区", 1234.57, 12]  # 12,345,678.90 元 → 1,234.57 万元


def test_export_follows_the_filters_of_the_page(
    client: Client, city_admin: Any, spread: dict[str, Any], regions: dict[str, Any]
) -> None:
    client.force_login(city_admin)
    page, rows = page_and_export(client, {"in_zone": "yes", "columns": ["name", "zone"]})
    assert [e.name for e in page.context["page"].object_list] == ["高新储能有限公司"]
    assert rows == [["企业名称", "功能区"], ["高新储能有限公司", "乐山高新区"]]


def test_page_shows_money_in_wan_yuan_with_two_decimals(
    client: Client, city_admin: Any, spread: dict[str, Any]
) -> None:
    client.force_login(city_admin)
    html = client.get(LIST, {"columns": ["name", "revenue_wan"]}).content.decode()
    assert "1,234.57" in html
