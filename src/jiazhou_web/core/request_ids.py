"""Request IDs (请求编号): one short ID per request, on the response, the error pages and every
log line written while the request runs, so a user's report can be found in the log."""

from __future__ import annotations

import contextvars
import logging
import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
_current: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_ACCEPTED = re.compile(r"[A-Za-z0-9._-]{8,64}")  # an ID set by a proxy in front, if sane


def current_request_id() -> str:
    """The ID of the request being handled on this thread, or ``-`` outside a request."""
    return _current.get()


def new_request_id() -> str:
    return uuid.uuid4().hex[:12]


def request_id_of(request: HttpRequest | None) -> str:
    """The request's ID (set by the middleware), else the current one."""
    return str(getattr(request, "request_id", "") or current_request_id())


class RequestIdMiddleware:
    """Give each request an ID (or keep a sane one from the proxy's ``X-Request-ID``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(HEADER, "")
        request_id = incoming if _ACCEPTED.fullmatch(incoming) else new_request_id()
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response.headers[HEADER] = request_id
        return response


class RequestIdLogFilter(logging.Filter):
    """Adds ``record.request_id`` so the log format can show it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id()
        return True
