"""Login throttling (登录失败限制) per account, per client address and per the pair of both.

* the **pair** (account, address): ``LOGIN_MAX_FAILURES`` failures lock the account *for that
  address* — a person mistyping their password is stopped, while someone else's five wrong
  guesses no longer lock the owner out everywhere (issue 11, defect 6);
* the **account**, from any addresses: ``LOGIN_ACCOUNT_MAX_FAILURES`` failures lock it everywhere
  (distributed guessing); the user record shows it and an administrator can unlock it;
* the **address**, over any accounts: ``LOGIN_ADDRESS_MAX_FAILURES`` failures block it
  (one machine trying many names).

Each lock lasts ``LOGIN_LOCKOUT_MINUTES``; failures are counted within the same window and the
count starts again after it. Unknown usernames are counted like real ones, so the answer is the
same whether or not an account exists. The client address is ``REMOTE_ADDR`` (a reverse proxy
must put the real address there, e.g. gunicorn's ``--forwarded-allow-ips``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from jiazhou_web.accounts.models import LoginThrottle


@dataclass(frozen=True)
class Outcome:
    """What one failure did: the account's count in its window and whether it is now locked."""

    account_failures: int
    account_locked_until: dt.datetime | None


def _keys(username: str, addr: str) -> dict[str, int]:
    name = username.strip().lower()[:150]
    return {
        f"pair:{name}|{addr}": settings.LOGIN_MAX_FAILURES,
        f"user:{name}": settings.LOGIN_ACCOUNT_MAX_FAILURES,
        f"addr:{addr}": settings.LOGIN_ADDRESS_MAX_FAILURES,
    }


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def blocked(username: str, addr: str, now: dt.datetime | None = None) -> bool:
    """Whether a login for ``username`` from ``addr`` is refused right now."""
    now = now or timezone.now()
    return LoginThrottle.objects.filter(
        key__in=list(_keys(username, addr)), locked_until__gt=now
    ).exists()


@transaction.atomic
def record_failure(username: str, addr: str, now: dt.datetime | None = None) -> Outcome:
    """Count one failure against the pair, the account and the address (rows locked)."""
    now = now or timezone.now()
    window = _window()
    account = Outcome(0, None)
    for key, limit in _keys(username, addr).items():
        row = _locked_row(key, now)
        if (row.locked_until and row.locked_until <= now) or (
            not row.locked_until and row.first_failure_at + window <= now
        ):
            row.failures, row.first_failure_at, row.locked_until = 0, now, None  # expired
        row.failures += 1
        if row.failures >= limit and row.locked_until is None:
            row.locked_until = now + window
        row.save(update_fields=["failures", "first_failure_at", "locked_until"])
        if key.startswith("user:"):
            account = Outcome(row.failures, row.locked_until)
    return account


def _locked_row(key: str, now: dt.datetime) -> LoginThrottle:
    row = LoginThrottle.objects.select_for_update().filter(key=key).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return LoginThrottle.objects.create(key=key, failures=0, first_failure_at=now)
    except IntegrityError:  # a concurrent failure created it first
        return LoginThrottle.objects.select_for_update().get(key=key)


def clear_account(username: str, addr: str | None = None) -> int:
    """Forget an account's failures (after a successful login from ``addr``, or an unlock:
    every address when ``addr`` is None). The address's own count is kept."""
    name = username.strip().lower()[:150]
    pairs = Q(key__startswith=f"pair:{name}|") if addr is None else Q(key=f"pair:{name}|{addr}")
    deleted, _ = LoginThrottle.objects.filter(pairs | Q(key=f"user:{name}")).delete()
    return deleted
