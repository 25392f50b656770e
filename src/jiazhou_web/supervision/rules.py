"""Supervision rules read from settings, each with a default (all in working days or bytes).

- ``SUPERVISION_DUE_SOON_WORKING_DAYS`` (5): blue light / reminder window before a deadline.
- ``SUPERVISION_REPLY_WORKING_DAYS`` (3): a 督办单 must be answered within this many working
  days, else it escalates one level (and the window starts again).
- ``SUPERVISION_REISSUE_WORKING_DAYS`` (10): an answered 督办单 is not re-issued for the same
  colour within this many working days.
- ``SUPERVISION_ATTACHMENT_MAX_BYTES`` (10 MiB): largest progress-report attachment.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# 督办升级: who the notice is addressed to at each level.
ESCALATION_LEVELS = (
    _("Lead unit"),
    _("Head of the lead unit"),
    _("City government supervision office"),
)
MAX_ESCALATION_LEVEL = len(ESCALATION_LEVELS) - 1

ATTACHMENT_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png", "zip", "ofd")


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def due_soon_days() -> int:
    return _setting("SUPERVISION_DUE_SOON_WORKING_DAYS", 5)


def reply_days() -> int:
    return _setting("SUPERVISION_REPLY_WORKING_DAYS", 3)


def reissue_days() -> int:
    return _setting("SUPERVISION_REISSUE_WORKING_DAYS", 10)


def attachment_max_bytes() -> int:
    return _setting("SUPERVISION_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
