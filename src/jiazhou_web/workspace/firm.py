"""Which firm a workspace request is about: the one the user's enterprise scope names.

Workspace URLs take no firm id (core.contributions.WorkspaceSection): the firm comes from
``user_scope(user).enterprise_ids``. A user holding several firms picks one with ``?firm=<id>``
(kept in the session for the next pages); an id outside the user's firms is a 404, never
another firm's page.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from jiazhou_web.core.access import require
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.enterprises.models import Enterprise

CACHE_ATTR = "_jiazhou_workspace_firm"
SESSION_KEY = "workspace_firm"


def firm_ids(user: Any) -> list[int]:
    return sorted(user_scope(user).enterprise_ids)


def current_firm(request: HttpRequest, verb: str = "workspace.view") -> Enterprise:
    """The firm of this request (``verb`` checked first); 403 for a user without a firm."""
    require(request.user, verb)
    cached: Enterprise | None = getattr(request, CACHE_ATTR, None)
    if cached is not None:
        return cached
    ids = firm_ids(request.user)
    if not ids:
        raise PermissionDenied("您的账号未关联企业 / your account is not linked to an enterprise")
    asked = request.POST.get("firm") or request.GET.get("firm")
    chosen = ids[0]
    if asked:
        try:
            chosen = int(asked)
        except ValueError:
            raise Http404("企业不存在 / not found") from None
        if chosen not in ids:
            raise Http404("企业不存在 / not found")
        if len(ids) > 1:
            request.session[SESSION_KEY] = chosen  # the next workspace pages stay on this firm
    elif request.session.get(SESSION_KEY) in ids:
        chosen = request.session[SESSION_KEY]
    firm: Enterprise = Enterprise.objects.select_related("region", "zone", "industry").get(
        pk=chosen
    )
    setattr(request, CACHE_ATTR, firm)
    return firm


def review_region(firm: Enterprise) -> Any:
    """Where the firm's declarations go: the functional zone it sits in, else its county."""
    return firm.zone if firm.zone_id else firm.region
