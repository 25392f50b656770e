"""Each persona sees only the enterprises of its data scope: list, Excel export and detail."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db
LIST = reverse("enterprises:enterprise_list")


def listed(client: Client, user: Any) -> set[str]:
    client.force_login(user)
    response = client.get(LIST)
    assert response.status_code == 200
    return {e.name for e in response.context["page"].object_list}


def exported(client: Client, user: Any) -> set[str]:
    client.force_login(user)
    response = client.get(LIST, {"export": "xlsx"})
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws is not None
    header = [c.value for c in ws[1]]
    col = header.index("企业名称")
    names = set()
    for row in ws.iter_rows(min_row=2, values_only=True):
        if not any(row):
            break  # the notes (模拟数据) follow the table after a blank row
        names.add(row[col])
    return names


def detail_status(client: Client, user: Any, firm: Any) -> int:
    client.force_login(user)
    return client.get(reverse("enterprises:enterprise_detail", args=[firm.pk])).status_code


def test_county_officer_lists_and_exports_only_its_county(
    client: Client, county_officer: Any, spread: dict[str, Any]
) -> None:
    assert listed(client, county_officer) == {"五通桥硅业有限公司"}
    assert exported(client, county_officer) == {"五通桥硅业有限公司"}


def test_county_officer_gets_404_on_another_countys_firm(
    client: Client, county_officer: Any, spread: dict[str, Any]
) -> None:
    assert detail_status(client, county_officer, spread["wutongqiao"]) == 200
    assert detail_status(client, county_officer, spread["shizhong"]) == 404
    assert detail_status(client, county_officer, spread["zone"]) == 404


def test_zone_officer_sees_the_zone_firms(
    client: Client, zone_officer: Any, spread: dict[str, Any]
) -> None:
    assert listed(client, zone_officer) == {"高新储能有限公司"}
    assert detail_status(client, zone_officer, spread["shizhong"]) == 404


def test_city_admin_sees_every_firm(
    client: Client, city_admin: Any, spread: dict[str, Any]
) -> None:
    assert listed(client, city_admin) == {f.name for f in spread.values()}
    assert exported(client, city_admin) == {f.name for f in spread.values()}


def test_enterprise_user_sees_only_its_own_record(
    client: Client, enterprise_user: Any, own_enterprise: Any, spread: dict[str, Any]
) -> None:
    assert listed(client, enterprise_user) == {"本企业有限公司"}
    assert detail_status(client, enterprise_user, own_enterprise) == 200
    assert detail_status(client, enterprise_user, spread["shizhong"]) == 404


def test_outsider_sees_nothing(client: Client, outsider: Any, spread: dict[str, Any]) -> None:
    assert listed(client, outsider) == set()
    assert exported(client, outsider) == set()
    assert detail_status(client, outsider, spread["wutongqiao"]) == 404


def test_anonymous_visitor_is_sent_to_login(client: Client, spread: dict[str, Any]) -> None:
    response = client.get(LIST)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
