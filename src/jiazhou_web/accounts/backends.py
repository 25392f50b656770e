"""Authentication backend that refuses locked accounts (登录失败锁定)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend


class LockoutModelBackend(ModelBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        return super().user_can_authenticate(user) and not getattr(user, "is_locked", False)
