"""Audit rows for every login and failed login, wherever the login happens (site or admin)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from jiazhou_web.accounts import actions


def _addr(request: Any) -> str:
    return str(request.META.get("REMOTE_ADDR", "")) if request is not None else ""


@receiver(user_logged_in)
def on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    actions.record_login(user, remote_addr=_addr(request))


@receiver(user_login_failed)
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    actions.record_failed_login(str(credentials.get("username", "")), remote_addr=_addr(request))


@receiver(user_logged_out)
def on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    actions.record_logout(user, remote_addr=_addr(request))
