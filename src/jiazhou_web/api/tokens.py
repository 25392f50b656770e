"""Bearer-token authentication of the open API: which token, whose, acting as which role.

Unknown, revoked and expired tokens (and tokens whose account is disabled or whose role
assignment has ended) are refused with a Chinese-first reason; the request then gets 401.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from jiazhou_web.api.actions import MARK, hash_secret
from jiazhou_web.api.models import ApiToken
from jiazhou_web.core.scopes import holding_only

MAX_TOKEN_LENGTH = 200


class TokenRejected(Exception):
    """The bearer token cannot be used; ``str()`` is the Chinese-first reason."""


@dataclass(frozen=True)
class Caller:
    """Who an API request acts for: the token and its user narrowed to the token's role."""

    token: ApiToken
    user: Any


def authenticate(raw: str) -> Caller:
    """The caller of a request bearing ``raw``, or :class:`TokenRejected`. Marks the token used."""
    raw = raw.strip()
    if not raw.startswith(MARK) or len(raw) > MAX_TOKEN_LENGTH:
        raise TokenRejected("令牌无效 / invalid token")
    token = (
        ApiToken.objects.select_related(
            "user", "assignment__region", "assignment__department", "assignment__enterprise"
        )
        .filter(secret_hash=hash_secret(raw))
        .first()
    )
    if token is None:
        raise TokenRejected("令牌无效 / invalid token")
    now = timezone.now()
    if token.revoked_at is not None:
        raise TokenRejected(f"令牌已于{_shown(token.revoked_at)}撤销 / the token was revoked")
    if token.expired(now):
        raise TokenRejected(f"令牌已于{_shown(token.expires_at)}过期 / the token has expired")
    if not token.user.is_active:
        raise TokenRejected("令牌所属账号已停用 / the token's account is disabled")
    assignment = token.assignment
    today = timezone.localdate(now)
    if assignment.valid_from > today or (
        assignment.valid_to is not None and assignment.valid_to < today
    ):
        raise TokenRejected(
            f"令牌所代表的角色（{assignment}）今天不在有效期内 / the token's role is not in force"
        )
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    return Caller(token, holding_only(token.user, assignment))


def _shown(moment: Any) -> str:
    """An instant as people read it: Beijing time (Asia/Shanghai)."""
    return f"{timezone.localtime(moment):%Y年%-m月%-d日 %H:%M}（北京时间）"
