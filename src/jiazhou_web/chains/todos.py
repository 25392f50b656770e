"""我的待办 of the chain maps: proposed enterprise attachments waiting for an officer's
confirmation (firms in the officer's scope only). One query: the first (to link to)
with the count as a window."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Window
from django.utils.translation import gettext

from jiazhou_web.chains.choices import AttachmentState
from jiazhou_web.chains.models import Attachment
from jiazhou_web.core.access import can, for_user
from jiazhou_web.core.contributions import Todo
from jiazhou_web.enterprises.models import Enterprise


def todos(user: Any) -> list[Todo]:
    if not can(user, "chains.manage"):
        return []
    firms = for_user(Enterprise.objects.all(), user).values("pk")
    pending = Attachment.objects.filter(state=AttachmentState.PROPOSED, enterprise__in=firms)
    first = (
        pending.select_related("segment__chain")
        .order_by("segment__chain__code", "segment__order")
        .annotate(total=Window(Count("pk")))
        .first()
    )
    if first is None:
        return []
    return [
        Todo(
            gettext("Confirm the firms proposed for the chains"),
            first.segment.get_absolute_url(),
            count=first.total,
        )
    ]
