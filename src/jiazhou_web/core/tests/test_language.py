"""Chinese first: a browser asking for English still gets Chinese until the user switches."""

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_is_chinese_whatever_the_browser_asks(client: Client) -> None:
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "用户名" in response.content.decode()


def test_the_language_switch_turns_the_page_english(client: Client, city_admin: Any) -> None:
    client.force_login(city_admin)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Log out" in client.get(reverse("core:home")).content.decode()
