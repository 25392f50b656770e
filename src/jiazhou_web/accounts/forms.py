from __future__ import annotations

from typing import Any

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jiazhou_web.accounts import throttle


class LoginForm(AuthenticationForm):
    """The standard login form, saying so when an account is locked."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _("Too many failed logins: this account is locked for a while. Try again later."),
    }

    def clean(self) -> dict[str, Any]:
        """Refuse a throttled name or address before checking the password: the same answer
        whether or not the account exists (accounts.throttle)."""
        username = str(self.cleaned_data.get("username") or "")
        addr = str(self.request.META.get("REMOTE_ADDR", "")) if self.request else ""
        if username and throttle.blocked(username, addr):
            raise ValidationError(self.error_messages["locked"], code="locked")
        return super().clean()
