"""The menu's links written in Python (``core.menu.sidebar_html``, cached per role set,
language and entry) are what ``base.html``'s menu loop wrote, and each user sees the entries
``can`` allows."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Engine
from django.utils.translation import override

from jiazhou_web.core.access import can
from jiazhou_web.core.menu import MENU, menu_for, sidebar_html

# base.html's menu loop before the links were written in Python
LOOP = Engine(libraries={"i18n": "django.templatetags.i18n"}).from_string(
    "{% load i18n %}{% for section in menu %}"
    '<div class="jz-menu-section"><i class="bi bi-{{ section.icon }}"></i> {{ section.label }}'
    "</div>{% for item in section.items %}"
    '<a class="jz-menu-item{% if path == item.url %} active{% endif %}'
    '{% if not item.built %} jz-building{% endif %}" href="{{ item.url }}"'
    "{% if not item.built %} title=\"{% translate 'coming' %}\"{% endif %}>{{ item.label }}</a>"
    "{% endfor %}{% endfor %}"
)


def _squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    "persona",
    ["city_admin", "county_officer", "dept_officer", "zone_officer", "outsider", "anonymous"],
)
def test_the_links_are_what_the_template_loop_wrote(
    persona: str, language: str, request: Any
) -> None:
    user = AnonymousUser() if persona == "anonymous" else request.getfixturevalue(persona)
    menu = menu_for(user)
    paths = ["/", "/nowhere/", *[item.url for s in menu for item in s.items][:3]]
    with override(language):
        for path in paths:
            expected = LOOP.render(Context({"menu": menu, "path": path}))
            assert _squeeze(sidebar_html(user, path)) == _squeeze(expected), path


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona", ["city_admin", "county_officer", "dept_officer", "zone_officer", "outsider"]
)
def test_each_user_sees_the_entries_can_allows(persona: str, request: Any) -> None:
    user = request.getfixturevalue(persona)
    shown = {item.url_name for s in menu_for(user) for item in s.items}
    allowed = {
        item.url_name for s in MENU for item in s.items if not item.verb or can(user, item.verb)
    }
    assert shown == allowed


@pytest.mark.django_db
def test_an_inactive_user_sees_only_the_entries_without_a_verb(city_admin: Any) -> None:
    city_admin.is_active = False
    shown = {item.url_name for s in menu_for(city_admin) for item in s.items}
    assert shown == {item.url_name for s in MENU for item in s.items if not item.verb}
