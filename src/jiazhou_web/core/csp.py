"""Content-Security-Policy: a small middleware rather than a dependency (django-csp).

Scripts load only from this site (``static/vendor``) or inline with the per-request nonce that
templates read as ``{{ request.csp_nonce }}``; there are no inline event handlers (forms that
submit on change carry ``data-autosubmit``, see ``static/jiazhou/autosubmit.js``). Styles allow
``'unsafe-inline'``: page templates and ECharts set ``style`` attributes, which cannot carry a
nonce; style injection cannot run script. Nothing is loaded from another origin (no CDN).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def policy(nonce: str) -> str:
    """The policy sent with every response."""
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class ContentSecurityPolicyMiddleware:
    """Give each request a nonce and send the policy (or report-only with CSP_REPORT_ONLY)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nonce = secrets.token_urlsafe(16)
        request.csp_nonce = nonce  # type: ignore[attr-defined]
        response = self.get_response(request)
        header = (
            "Content-Security-Policy-Report-Only"
            if getattr(settings, "CSP_REPORT_ONLY", False)
            else "Content-Security-Policy"
        )
        response.headers.setdefault(header, policy(nonce))
        return response
