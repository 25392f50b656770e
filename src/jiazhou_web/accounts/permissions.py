"""Role checks the apps' ``permissions.py`` build on (roles held through active assignments)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any


def active_roles(user: Any) -> set[str]:
    """The roles ``user`` holds today; none for ``None`` and anonymous users."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    return set(user.role_assignments.active().values_list("role", flat=True))


def holds_role(user: Any, roles: Collection[str]) -> bool:
    """Whether ``user`` is a superuser or holds one of ``roles`` today."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return bool(user.role_assignments.active().filter(role__in=roles).exists())
