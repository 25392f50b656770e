"""One run at a time for background jobs (任务锁), on SQLite and PostgreSQL alike.

The lock is a row per job name. Taking it is one conditional ``UPDATE ... WHERE expires_at IS
NULL OR expires_at < now``: the database lets exactly one of two concurrent runs match (on
PostgreSQL the second waits for the first's row lock, then sees the new expiry and matches
nothing). A run killed halfway never releases; its claim lapses at ``expires_at``.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from jiazhou_web.core.models import JobLock


class JobBusy(RuntimeError):
    """Another run holds the lock; the message says who and until when (中文 / English)."""


def _holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def acquire(name: str, *, ttl: dt.timedelta) -> str:
    """Take the lock ``name`` for ``ttl``; returns the holder token, or raises :class:`JobBusy`."""
    try:
        with transaction.atomic():
            JobLock.objects.get_or_create(name=name)
    except IntegrityError:  # a concurrent first run created the row: fine
        pass
    now = timezone.now()
    holder = _holder()
    taken = (
        JobLock.objects.filter(name=name)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__lt=now))
        .update(holder=holder, acquired_at=now, expires_at=now + ttl)
    )
    if not taken:
        lock = JobLock.objects.get(name=name)
        since = timezone.localtime(lock.acquired_at).strftime("%Y-%m-%d %H:%M:%S")
        until = timezone.localtime(lock.expires_at).strftime("%Y-%m-%d %H:%M:%S")
        raise JobBusy(
            f"「{name}」正在运行（{lock.holder}，{since} 开始），本次未运行，未做任何更改；"
            f"请等待其结束后再运行（锁最迟于 {until} 失效）。 / "
            f"{name} is already running ({lock.holder}, since {since}); this run did nothing. "
            f"Run it again after that one finishes (the lock lapses at {until} at the latest)."
        )
    return holder


def release(name: str, holder: str) -> bool:
    """Give the lock back (only if ``holder`` still has it)."""
    return bool(
        JobLock.objects.filter(name=name, holder=holder).update(
            holder="", acquired_at=None, expires_at=None
        )
    )


@contextmanager
def hold(name: str, *, ttl: dt.timedelta) -> Iterator[str]:
    """``with hold("supervision.daily_run", ttl=...):`` one run at a time."""
    holder = acquire(name, ttl=ttl)
    try:
        yield holder
    finally:
        release(name, holder)
