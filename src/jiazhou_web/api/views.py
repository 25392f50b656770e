"""接口令牌: a signed-in user lists, creates and revokes their own API tokens.

The secret of a new token is shown once, on the page that answers the creation, and is never
stored (only its SHA-256). Another user's token is 404 here, as any object outside one's scope.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from jiazhou_web.api import actions
from jiazhou_web.api.choices import TokenKind
from jiazhou_web.api.forms import TokenForm
from jiazhou_web.api.models import ApiToken


def token_list(request: HttpRequest) -> HttpResponse:
    owner: Any = request.user  # signed in (LoginRequiredMiddleware)
    form = TokenForm(request.POST or None, user=owner)
    secret = ""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                issued = actions.create_token(
                    owner,
                    data["assignment"],
                    name=data["name"],
                    days=data["days"],
                    actor=owner,
                    kind=TokenKind.PERSONAL,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
                status = 400
            else:
                secret = issued.secret
                form = TokenForm(user=owner)
        else:
            status = 400
    tokens = ApiToken.objects.filter(user=owner).select_related(
        "assignment__region", "assignment__department", "assignment__enterprise"
    )
    context = {"title": gettext("API tokens"), "form": form, "tokens": tokens, "secret": secret}
    response = render(request, "api/token_list.html", context, status=status)
    if secret:
        response.headers["Cache-Control"] = "no-store"
    return response


@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    owner: Any = request.user
    token = ApiToken.objects.filter(pk=pk, user=owner).first()
    if token is None:
        raise Http404("令牌不存在 / no such token")
    try:
        actions.revoke_token(token, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, gettext("Token “%(token)s” revoked") % {"token": token})
    return redirect("api:token_list")
