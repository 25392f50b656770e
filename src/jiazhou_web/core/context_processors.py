"""Template context for the page shell: menu, site title, the user's roles and data scope."""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from jiazhou_web.core.menu import menu_for, sidebar_html
from jiazhou_web.core.scopes import active_assignments


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    roles = list(active_assignments(user))
    return {
        "menu": menu_for(user),
        # the menu's links, written when base.html asks (fragments and errors never do)
        "sidebar": functools.partial(sidebar_html, user, request.path),
        "site_title": settings.JIAZHOU_SITE_TITLE,
        "user_roles": roles,
        "show_synthetic": settings.JIAZHOU_SHOW_SYNTHETIC,
    }
