"""``Idempotency-Key`` for the API's writes: the same key and the same body get the stored
answer again (nothing is written twice); the same key with another body gets 409.

The key's row is created in the same transaction as the write, before it: of two concurrent
requests with one key, the second waits for the first (the unique constraint) and then replays
its answer. Answers of 5xx (the database went away) are not kept, so a retry runs again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction

from jiazhou_web.api.models import ApiToken, IdempotentRequest

Answer = tuple[int, dict[str, Any]]

CONFLICT = (
    "「Idempotency-Key」：该键已用于另一个请求体，请为新的请求使用新的键 / "
    "Idempotency-Key: this key was used with a different request body"
)


def body_hash(payload: Any) -> str:
    """The SHA-256 of the request body as parsed (so key order and spacing do not matter)."""
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, cls=DjangoJSONEncoder)
    return hashlib.sha256(text.encode()).hexdigest()


def answer_once(token: ApiToken, key: str, payload: Any, write: Callable[[], Answer]) -> Answer:
    """``write()``'s answer, stored under ``key`` — or the stored answer of an earlier request
    with the same key and body (409 when the body differs)."""
    digest = body_hash(payload)
    stored = IdempotentRequest.objects.filter(token=token, key=key).first()
    if stored is None:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    entry = IdempotentRequest.objects.create(
                        token=token, key=key, body_hash=digest, status_code=0, response={}
                    )
            except IntegrityError:
                entry = None
            if entry is not None:
                status, body = write()
                if status >= 500:
                    transaction.set_rollback(True)
                    return status, body
                entry.status_code = status
                entry.response = json.loads(json.dumps(body, cls=DjangoJSONEncoder))
                entry.save(update_fields=["status_code", "response"])
                return status, body
        stored = IdempotentRequest.objects.get(token=token, key=key)
    if stored.body_hash != digest:
        return 409, {"detail": CONFLICT}
    return stored.status_code, stored.response
