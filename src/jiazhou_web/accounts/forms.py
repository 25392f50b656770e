from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """The standard login form, saying so when an account is locked."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _("Too many failed logins: this account is locked for a while. Try again later."),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        user = get_user_model().objects.filter(username=username).first() if username else None
        if user is not None and user.is_locked:
            raise ValidationError(self.error_messages["locked"], code="locked")
        return super().clean()
