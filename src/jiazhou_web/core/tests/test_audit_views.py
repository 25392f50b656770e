"""The audit log page: city administrators only; exports what it shows."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_city_admin_reads_the_audit_log_and_exports_it(client: Client, city_admin: Any) -> None:
    client.force_login(city_admin)
    assert client.get(reverse("core:audit_list")).status_code == 200
    response = client.get(reverse("core:audit_list") + "?export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_county_officer_may_not_read_the_audit_log(client: Client, county_officer: Any) -> None:
    client.force_login(county_officer)
    assert client.get(reverse("core:audit_list")).status_code == 403


def test_home_and_unbuilt_sections_render(client: Client, city_admin: Any) -> None:
    client.force_login(city_admin)
    assert client.get(reverse("core:home")).status_code == 200
    response = client.get(reverse("core:under_construction") + "?section=技术市场")
    assert "技术市场" in response.content.decode()


def test_the_audit_log_is_not_in_a_county_officers_menu(
    client: Client, county_officer: Any
) -> None:
    client.force_login(county_officer)
    assert reverse("core:audit_list") not in client.get(reverse("core:home")).content.decode()


@pytest.fixture
def reviewer(db: Any) -> Any:
    from jiazhou_web.accounts import actions
    from jiazhou_web.core.seeding import DEMO_PASSWORD

    user = actions.create_user(
        username="reviewer", password=DEMO_PASSWORD, display_name="reviewer", actor=None
    )
    actions.assign_role(user, "reviewer", actor=None)
    return user


def test_the_reviewer_may_neither_read_nor_export_the_audit_log(
    client: Client, reviewer: Any
) -> None:
    """Defect 5 (issue 11): the view checked "city scope", which the reviewer has."""
    client.force_login(reviewer)
    assert client.get(reverse("core:audit_list")).status_code == 403
    assert client.get(reverse("core:audit_list") + "?export=xlsx").status_code == 403
    assert reverse("core:audit_list") not in client.get(reverse("core:home")).content.decode()
