"""What of the chain maps a user is shown by name — one answer for the pages and the open API.

Chains and segments are reference data for everyone with ``chains.view``; an attachment that
names an enterprise is named only to users whose scope holds that enterprise (the others see
it counted, not named). Rejected proposals are never shown."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from jiazhou_web.chains.choices import AttachmentState
from jiazhou_web.chains.models import Attachment
from jiazhou_web.core.access import for_user
from jiazhou_web.enterprises.models import Enterprise


def visible_firm_ids(user: Any) -> set[int]:
    return set(for_user(Enterprise.objects.all(), user).values_list("pk", flat=True))


def visible_attachments(user: Any) -> QuerySet[Attachment]:
    """Attachments not rejected, naming no enterprise or one within ``user``'s scope."""
    firms = for_user(Enterprise.objects.all(), user).values("pk")
    return Attachment.objects.exclude(state=AttachmentState.REJECTED).filter(
        Q(enterprise__isnull=True) | Q(enterprise__in=firms)
    )
