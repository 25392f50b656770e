"""The workspace frame: the firm's header and navigation, the index, and who reaches them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_index_shows_the_firm_header_and_its_sections(firm: Any, firm_user: Any) -> None:
    response = client_for(firm_user).get("/workspace/")
    assert response.status_code == 200
    text = response.content.decode()
    assert firm.name in text and firm.uscc in text
    assert "我的档案" in text and "/workspace/record/" in text
    assert "我的待办" in text


def test_officers_and_outsiders_have_no_workspace(
    county_officer: Any, outsider: Any, firm: Any
) -> None:
    assert client_for(county_officer).get("/workspace/").status_code == 403
    assert client_for(outsider).get("/workspace/").status_code == 403


def test_a_firm_id_outside_the_users_firms_is_404(
    firm_user: Any, zone_firm: Any, firm: Any
) -> None:
    client = client_for(firm_user)
    assert client.get(f"/workspace/?firm={zone_firm.pk}").status_code == 404
    assert client.get("/workspace/?firm=abc").status_code == 404
    assert client.get(f"/workspace/record/?firm={zone_firm.pk}").status_code == 404
    assert client.get(f"/workspace/record/?firm={firm.pk}").status_code == 200


def test_a_user_of_two_firms_switches_and_stays_on_the_chosen_one(
    firm: Any, zone_firm: Any, make_enterprise: Any
) -> None:
    from jiazhou_web.accounts import actions as account_actions

    from .conftest import persona

    user = persona("two_firms", "enterprise_user", firm)
    account_actions.assign_role(user, "enterprise_user", actor=None, target=zone_firm)
    third = make_enterprise(region="511112", name="第三方企业有限公司")
    client = client_for(user)
    first = client.get("/workspace/").content.decode()
    assert 'data-testid="firm-switch"' in first
    assert client.get(f"/workspace/?firm={zone_firm.pk}").status_code == 200
    record = client.get("/workspace/record/").content.decode()  # no ?firm: the session's firm
    assert zone_firm.uscc in record and firm.uscc not in record
    assert client.get(f"/workspace/?firm={third.pk}").status_code == 404


def test_the_record_shows_each_value_with_source_and_as_of(
    firm: Any, firm_user: Any, zone_firm: Any
) -> None:
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from jiazhou_web.enterprises.actions import add_ip_asset, set_annual_figures

    year = timezone.localdate().year - 1
    set_annual_figures(
        firm,
        year,
        {"operating_revenue": Decimal(12_345_678), "employees_total": 40},
        source="tax",
        as_of=dt.date(year + 1, 3, 31),
        actor=None,
    )
    set_annual_figures(
        zone_firm,
        year,
        {"operating_revenue": Decimal(99_999_999)},
        source="tax",
        as_of=dt.date(year + 1, 3, 31),
        actor=None,
    )
    add_ip_asset(
        firm,
        kind="invention_patent",
        ip_class="I",
        number="ZL202310000001.1",
        title="晶硅提纯方法",
        actor=None,
    )
    page = client_for(firm_user).get("/workspace/record/").content.decode()
    assert "1,234.57万元" in page and "40 人" in page
    assert "税务" in page and f"{year + 1}年3月31日" in page
    assert "ZL202310000001.1" in page and "晶硅提纯方法" in page
    assert "9,999.99万元" not in page  # another firm's figure
    assert f"/workspace/corrections/new/?year={year}&amp;field=operating_revenue" in page
