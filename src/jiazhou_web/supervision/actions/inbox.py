"""In-app notifications: marking them read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from jiazhou_web.core import audit
from jiazhou_web.supervision.actions.common import now
from jiazhou_web.supervision.choices import SupervisionEvent
from jiazhou_web.supervision.models import Notification


@transaction.atomic
def mark_notifications_read(user: Any, *, actor: Any, at: dt.datetime | None = None) -> int:
    """Mark all of ``user``'s unread notifications read."""
    if actor is None or actor.pk != user.pk:
        raise PermissionDenied("只能处理本人的消息 / only your own notifications")
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=now(at)
    )
    if count:
        audit.record(
            SupervisionEvent.NOTIFICATIONS_READ, actor=actor, target=user, extra={"count": count}
        )
    return count
