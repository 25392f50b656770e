"""What one request computes once: a memo that lives from ``request_started`` to
``request_finished`` (issue 11, "cache what is per-request").

``memo(key, compute)`` returns the value computed earlier in the same request, else computes
and keeps it. Outside a request (commands, cron, tests calling functions directly) nothing is
kept: every call computes. Any model save or delete during the request empties the memo, so a
page rendered after a write never shows what was read before it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")
_store: ContextVar[dict[Hashable, Any] | None] = ContextVar("jiazhou_request_memo", default=None)


def memo(key: Hashable, compute: Callable[[], T]) -> T:
    """The value of ``compute()`` for ``key``, computed at most once per request."""
    store = _store.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    value: T = store[key]
    return value


@contextmanager
def request_scope() -> Iterator[None]:
    """Memoise within this block as within a request (a command doing a request's work; tests
    — sending ``request_finished`` by hand would also close the database connection)."""
    token = _store.set({})
    try:
        yield
    finally:
        _store.reset(token)


def _begin(**_: Any) -> None:
    _store.set({})


def _end(**_: Any) -> None:
    _store.set(None)


def _forget(**_: Any) -> None:
    store = _store.get()
    if store:
        store.clear()


request_started.connect(_begin, dispatch_uid="jiazhou.request_cache.begin")
request_finished.connect(_end, dispatch_uid="jiazhou.request_cache.end")
post_save.connect(_forget, dispatch_uid="jiazhou.request_cache.save", weak=False)
post_delete.connect(_forget, dispatch_uid="jiazhou.request_cache.delete", weak=False)
