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
