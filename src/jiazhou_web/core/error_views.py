"""The 403/404/500 pages (and the CSRF refusal), Chinese first, in the platform's layout.

403 and 404 happen while the platform works, so they use the full layout (menu and all) for a
signed-in user. 500 happens when something is broken: it is rendered without the request's
context processors (they query the database) and, when the cause was the database or the disk,
becomes the failure page of :mod:`jiazhou_web.core.failures` with its 503/507 status.
"""

from __future__ import annotations

import sys
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from jiazhou_web.core.failures import classify, failure_response, log_failure
from jiazhou_web.core.request_ids import request_id_of


def _message(exception: Exception | None) -> str:
    """The exception's own text when it is one of ours (Chinese first), else nothing."""
    text = str(exception or "")
    return text if " / " in text else ""


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    context = {"message": _message(exception), "request_id": request_id_of(request)}
    return render(request, "403.html", context, status=403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", {"request_id": request_id_of(request)}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django calls this inside its ``except`` block, so the cause is ``sys.exc_info()``."""
    exc = sys.exc_info()[1]
    failure = classify(exc) if exc is not None else None
    if failure is not None:
        log_failure(failure, request, exc)  # type: ignore[arg-type]
        return failure_response(request, failure)
    html = loader.get_template("500.html").render({"request_id": request_id_of(request)})
    return HttpResponse(html, status=500)


@login_not_required
def csrf_failure(request: HttpRequest, reason: str = "", **_: Any) -> HttpResponse:
    """A form posted from a page that expired (or another site): say so and how to go on."""
    context = {
        "message": "页面已过期或来源不明，表单未提交，未保存任何数据。请刷新页面后重新提交。 / "
        "The page expired or the form came from elsewhere; nothing was saved. Reload the page "
        "and submit again.",
        "request_id": request_id_of(request),
    }
    return render(request, "403.html", context, status=403)
