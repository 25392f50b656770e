"""After a POST: say what happened (or why not) on the next page and go there."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def form_error(form: Any) -> ValidationError:
    """A bound form's errors as one ValidationError, each message naming its field (「标签：错误」)."""
    return ValidationError(
        [
            f"{form.fields[name].label}：{error}" if name in form.fields else str(error)
            for name, errors in form.errors.items()
            for error in errors
        ]
    )


def done(request: HttpRequest, text: str, to: str) -> HttpResponse:
    """Success: ``text`` shown on the page at ``to``."""
    messages.success(request, text)
    return redirect(to)


def failed(request: HttpRequest, exc: ValidationError, to: str) -> HttpResponse:
    """Refused: every message of ``exc`` shown on the page at ``to``; nothing was written."""
    for message in exc.messages:
        messages.error(request, message)
    return redirect(to)
