"""Delivering messages: an in-app notification per recipient and an e-mail (Django mail).

Called from inside actions (the calling action writes the audit row). A ``key`` makes a
repeated delivery a no-op, so the daily run can be re-run safely. The e-mail is sent only after
the action's transaction commits: a rolled-back action mails no one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from jiazhou_web.supervision.models import Notification


def deliver(
    recipients: Iterable[Any], *, key: str, title: str, body: str, url: str, at: dt.datetime
) -> int:
    """Notify each recipient once per ``key``; returns how many new notifications were made."""
    made = 0
    mail_to: list[str] = []
    for user in {u.pk: u for u in recipients}.values():
        _, created = Notification.objects.get_or_create(
            recipient=user,
            key=key[:120],
            defaults={"title": title[:200], "body": body, "url": url, "created_at": at},
        )
        if created:
            made += 1
            if user.email:
                mail_to.append(user.email)
    if mail_to:
        subject = f"【{settings.JIAZHOU_SITE_TITLE}】{title}"
        message = f"{body}\n\n{url}"
        to = sorted(mail_to)
        transaction.on_commit(
            lambda: send_mail(
                subject=subject,
                message=message,
                from_email=None,
                recipient_list=to,
                fail_silently=True,  # mail outages must not undo the supervision record
            )
        )
    return made


def unread_count(user: Any) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
