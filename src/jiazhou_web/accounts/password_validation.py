"""Password policy: at least three of four character classes (等保 common practice)."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CLASSES = (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^a-zA-Z0-9]")


class CharacterClassValidator:
    def validate(self, password: str, user: Any = None) -> None:
        if sum(bool(re.search(c, password)) for c in CLASSES) < 3:
            raise ValidationError(
                _(
                    "The password must mix at least three of: lower case, upper case, digits, symbols."
                ),
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return _("Use at least three of: lower case, upper case, digits, symbols.")
