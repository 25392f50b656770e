"""Every menu page opens for every persona: 200, or 403 where the role may not see it — never 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from jiazhou_web.core.menu import MENU

pytestmark = pytest.mark.django_db

BUILT = [item for section in MENU for item in section.items if item.built]


@pytest.mark.parametrize(
    "persona", ["city_admin", "zone_officer", "county_officer", "dept_officer", "outsider"]
)
def test_every_built_menu_page_answers_without_error(
    request: pytest.FixtureRequest, client: Client, persona: str, make_enterprise: Any
) -> None:
    make_enterprise(region="511112")
    make_enterprise(region="511102", zone=True)
    client.force_login(request.getfixturevalue(persona))
    for item in BUILT:
        response = client.get(item.url)
        assert response.status_code in (200, 403), (persona, item.url_name, response.status_code)


def test_menu_links_to_real_pages_for_every_section_that_is_built() -> None:
    assert len(BUILT) >= 20
