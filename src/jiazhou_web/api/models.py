"""API tokens (接口令牌) and the bookkeeping of API requests: rate windows, idempotency keys.

Only the SHA-256 of a token's secret is stored; the secret is shown once, when created. A token
is bound to one of its user's role assignments and acts with that role's verbs and data scope
only (``core.scopes.holding_only``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.api.choices import TokenKind
from jiazhou_web.core.models import TimeStampedModel


class ApiToken(TimeStampedModel):
    """One bearer token: a visible prefix, the hash of its secret, its role and its life."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("api", "user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    assignment = models.ForeignKey(
        "accounts.RoleAssignment",
        verbose_name=_("acts as role"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=TokenKind.choices)
    name = models.CharField(_("name"), max_length=60)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    secret_hash = models.CharField(_("secret hash (SHA-256)"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def expired(self, at: object = None) -> bool:
        """Whether the token has expired at ``at`` (default now): it is valid *before*
        ``expires_at`` and refused from that instant on."""
        return (at or timezone.now()) >= self.expires_at  # type: ignore[operator]

    @property
    def state(self) -> str:
        if self.revoked:
            return "revoked"
        return "expired" if self.expired() else "active"


class RateWindow(models.Model):
    """Requests of one token in one fixed window (the window's start, UTC)."""

    token = models.ForeignKey(
        ApiToken, on_delete=models.CASCADE, related_name="+", verbose_name=_("API token")
    )
    window_start = models.DateTimeField(_("window start"))
    count = models.PositiveIntegerField(_("requests"), default=0)

    class Meta:
        verbose_name = _("API rate window")
        verbose_name_plural = _("API rate windows")
        constraints = [
            models.UniqueConstraint(fields=["token", "window_start"], name="one_window_per_token")
        ]

    def __str__(self) -> str:
        return f"{self.token_id} {self.window_start:%Y-%m-%d %H:%M:%S} {self.count}"


class IdempotentRequest(models.Model):
    """The answer to a write sent with an ``Idempotency-Key``: the same key with the same body
    gets this answer again (nothing is written twice); with another body, 409."""

    token = models.ForeignKey(
        ApiToken, on_delete=models.CASCADE, related_name="+", verbose_name=_("API token")
    )
    key = models.CharField(_("idempotency key"), max_length=100)
    body_hash = models.CharField(_("request body hash (SHA-256)"), max_length=64)
    status_code = models.PositiveSmallIntegerField(pgettext_lazy("api", "status"))
    response = models.JSONField(_("response body"))
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("idempotent request")
        verbose_name_plural = _("idempotent requests")
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="one_answer_per_token_key")
        ]

    def __str__(self) -> str:
        return f"{self.token_id} {self.key} → {self.status_code}"
