"""Template context for the page shell: menu, site title, the user's roles and data scope."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from jiazhou_web.core.menu import menu_for
from jiazhou_web.core.scopes import active_assignments


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    roles = list(active_assignments(user))
    return {
        "menu": menu_for(user),
        "site_title": settings.JIAZHOU_SITE_TITLE,
        "user_roles": roles,
        "show_synthetic": settings.JIAZHOU_SHOW_SYNTHETIC,
    }
