"""Authentication backend that refuses locked accounts (登录失败锁定)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend


class LockoutModelBackend(ModelBackend):
    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        """No password check at all for a throttled name or address (site and admin alike)."""
        from jiazhou_web.accounts import throttle

        addr = str(request.META.get("REMOTE_ADDR", "")) if request is not None else ""
        if username and throttle.blocked(username, addr):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def user_can_authenticate(self, user: Any) -> bool:
        return super().user_can_authenticate(user) and not getattr(user, "is_locked", False)
