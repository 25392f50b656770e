"""帮助: the Chinese user guide is reachable from the top bar and has a chapter per role."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from jiazhou_web.core.user_guide import chapter_slugs

pytestmark = pytest.mark.django_db


def test_top_bar_links_to_the_guide_and_every_role_has_a_chapter(
    client: Client, county_officer: Any
) -> None:
    client.force_login(county_officer)
    home = client.get("/").content.decode()
    assert 'data-testid="help-link"' in home and "帮助" in home
    contents = client.get("/help/").content.decode()
    assert len(chapter_slugs()) >= 6  # one per role, plus the apps' chapters (17 …)
    for slug in chapter_slugs():
        assert f"/help/{slug}/" in contents
        page = client.get(f"/help/{slug}/")
        assert page.status_code == 200
        assert "<h1>" in page.content.decode()


def test_unknown_chapter_and_image_names_are_not_found(client: Client, county_officer: Any) -> None:
    client.force_login(county_officer)
    assert client.get("/help/../settings/").status_code == 404
    assert client.get("/help/99-nobody/").status_code == 404
    assert client.get("/help/images/..%2Fsecret.png").status_code == 404
