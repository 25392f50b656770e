from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.core.audit import register_events


class TokenKind(models.TextChoices):
    """A person's own token (created on the tokens page) or a system's (management command)."""

    PERSONAL = "personal", _("Personal")
    SYSTEM = "system", pgettext_lazy("api", "System")


class ApiEvent(models.TextChoices):
    """Audit events of the open API's tokens (the writes made through the API are audited by
    the actions they call, with the token named in the row)."""

    TOKEN_CREATED = "api.token_created", _("API token created")
    TOKEN_REVOKED = "api.token_revoked", _("API token revoked")


register_events(ApiEvent)
