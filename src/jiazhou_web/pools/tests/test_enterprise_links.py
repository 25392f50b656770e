"""The enterprise record links to its 一企一策 page."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_enterprise_detail_links_to_the_plan_page(
    client: Client, city_admin: Any, make_enterprise: Any
) -> None:
    firm = make_enterprise(region="511112")
    client.force_login(city_admin)
    page = client.get(reverse("enterprises:enterprise_detail", args=[firm.pk])).content.decode()
    assert reverse("pools:enterprise_plan", args=[firm.pk]) in page
