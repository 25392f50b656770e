"""Requests per token in fixed windows, counted in the database (shared by every process).

``API_RATE_LIMIT`` requests per ``API_RATE_WINDOW_SECONDS``; beyond it a request is refused
with 429 and ``Retry-After`` (the seconds until the window ends). Windows are aligned to the
epoch, so every process agrees where one starts; a token's older windows are dropped when it
opens a new one.
"""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from jiazhou_web.api.models import ApiToken, RateWindow


def retry_after(token: ApiToken, now: dt.datetime | None = None) -> int | None:
    """Count one request of ``token``; ``None`` when allowed, else the seconds to wait."""
    now = now or timezone.now()
    size = max(1, int(settings.API_RATE_WINDOW_SECONDS))
    start_ts = math.floor(now.timestamp() / size) * size
    start = dt.datetime.fromtimestamp(start_ts, tz=dt.UTC)
    windows = RateWindow.objects.filter(token=token, window_start=start)
    if not windows.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                RateWindow.objects.create(token=token, window_start=start, count=1)
        except IntegrityError:  # another process opened the window first
            windows.update(count=F("count") + 1)
        else:
            RateWindow.objects.filter(token=token, window_start__lt=start).delete()
    count = windows.values_list("count", flat=True).first() or 0
    if count <= settings.API_RATE_LIMIT:
        return None
    return max(1, math.ceil(start_ts + size - now.timestamp()))
