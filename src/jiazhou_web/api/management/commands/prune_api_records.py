"""Drop the open API's bookkeeping that no request needs any more (run daily by cron/systemd;
running it twice changes nothing the second time):

* answers kept for ``Idempotency-Key`` older than ``API_IDEMPOTENCY_DAYS`` days (a client
  retrying later than that sends the write again);
* rate windows that have ended (a token's current window is kept).

Tokens themselves are never deleted: expired and revoked ones stay listed with their history.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from jiazhou_web.api.models import IdempotentRequest, RateWindow


class Command(BaseCommand):
    help = "清理过期的幂等记录与限流时间窗 / prune old idempotency answers and rate windows"

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        keys, _ = IdempotentRequest.objects.filter(
            created__lt=now - dt.timedelta(days=settings.API_IDEMPOTENCY_DAYS)
        ).delete()
        windows, _ = RateWindow.objects.filter(
            window_start__lt=now - dt.timedelta(seconds=settings.API_RATE_WINDOW_SECONDS)
        ).delete()
        self.stdout.write(f"已清理幂等记录 {keys} 条、限流时间窗 {windows} 个")
