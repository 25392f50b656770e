"""Writes of the open API's own rows: creating and revoking tokens (one audit row each).

The writes made *through* the API are the apps' actions (``enterprises.actions`` for annual
figures), called exactly as the pages and imports call them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jiazhou_web.api.choices import ApiEvent, TokenKind
from jiazhou_web.api.models import ApiToken
from jiazhou_web.core import audit
from jiazhou_web.core.audit import StaleStateError

MARK = "jz_"  # every token starts so: a leaked one is easy to recognise and scan for


@dataclass(frozen=True)
class IssuedToken:
    """A new token and its secret: the secret is shown once and never stored."""

    token: ApiToken
    secret: str


def hash_secret(secret: str) -> str:
    """The SHA-256 (hex) of a whole token string, as stored in ``ApiToken.secret_hash``."""
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(
    user: Any,
    assignment: Any,
    *,
    name: str,
    days: int,
    actor: Any,
    kind: str = TokenKind.PERSONAL,
) -> IssuedToken:
    """A token for ``user`` acting as ``assignment`` (one of their role assignments in force
    today), valid for ``days`` days from now. Returns the secret once."""
    name = (name or "").strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "「名称」：必填 / name: required"
    elif len(name) > 60:
        errors["name"] = "「名称」：不能超过 60 个字符 / name: at most 60 characters"
    max_days = settings.API_TOKEN_MAX_DAYS
    if not isinstance(days, int) or not 1 <= days <= max_days:
        errors["days"] = (
            f"「有效天数」：须为 1 到 {max_days} 之间的整数 / days: a whole number from 1 to {max_days}"
        )
    if assignment is None or assignment.user_id != user.pk:
        errors["assignment"] = (
            "「角色」：须为本账号自己的角色分配 / assignment: must be one of the user's own"
        )
    elif not type(assignment).objects.active().filter(pk=assignment.pk).exists():
        errors["assignment"] = (
            "「角色」：该角色分配今天不在有效期内 / assignment: not in force today"
        )
    if kind not in TokenKind.values:
        errors["kind"] = f"「类型」：未知的令牌类型「{kind}」 / kind: unknown {kind!r}"
    if errors:
        raise ValidationError(errors)
    prefix = MARK + secrets.token_hex(5)
    secret = f"{prefix}_{secrets.token_urlsafe(32)}"
    token = audit.create_unique(
        ApiToken,
        "令牌前缀重复，请重试 / token prefix clash, please try again",
        user=user,
        assignment=assignment,
        kind=kind,
        name=name,
        prefix=prefix,
        secret_hash=hash_secret(secret),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    audit.record(
        ApiEvent.TOKEN_CREATED,
        actor=actor,
        target=token,
        after={
            "name": token.name,
            "prefix": token.prefix,
            "kind": token.kind,
            "user": user.username,
            "role": assignment.role,
            "scope": assignment.scope_label,
            "expires_at": token.expires_at,
        },
    )
    return IssuedToken(token, secret)


@transaction.atomic
def revoke_token(token: ApiToken, *, actor: Any) -> ApiToken:
    """Revoke at once: the next request with it gets 401. Revoking twice is refused (the row
    is locked, so of two concurrent revocations one is done and the other is told)."""
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        raise StaleStateError(
            f"令牌「{locked}」已于{timezone.localtime(locked.revoked_at):%Y年%-m月%-d日 %H:%M}撤销 / "
            "this token has already been revoked"
        )
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at", "updated"])
    audit.record(
        ApiEvent.TOKEN_REVOKED,
        actor=actor,
        target=locked,
        before={"revoked_at": None},
        after={"revoked_at": locked.revoked_at, "prefix": locked.prefix},
    )
    token.revoked_at = locked.revoked_at
    return locked
