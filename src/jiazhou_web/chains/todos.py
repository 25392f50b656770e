"""我的待办 of the chain maps: proposed enterprise attachments waiting for an officer's
confirmation (firms in the officer's scope only). One query: the first (to link to)
with the count as a window, reading the two codes its link needs (not whole rows)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Window
from django.urls import reverse
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
        pending.order_by("segment__chain__code", "segment__order", "pk")
        .annotate(total=Window(Count("pk")))
        .values_list("segment__chain__code", "segment__code", "total")
        .first()
    )
    if first is None:
        return []
    chain, segment, total = first
    return [
        Todo(
            gettext("Confirm the firms proposed for the chains"),
            reverse("chains:segment", args=[chain, segment]),
            count=total,
        )
    ]
