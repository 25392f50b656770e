"""``{% workspace_nav %}``: the workspace's left navigation and firm header, for any app's page.

Pages extending ``workspace/base.html`` need not put anything in their context: the firm comes
from the request (``workspace.firm.current_firm``), the entries from
``core.contributions.workspace_sections`` (cut by ``can``).
"""

from __future__ import annotations

from typing import Any

from django import template

from jiazhou_web.core.contributions import workspace_sections
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.workspace.firm import current_firm, firm_ids

register = template.Library()


@register.inclusion_tag("workspace/includes/nav.html", takes_context=True)
def workspace_nav(context: Any) -> dict[str, Any]:
    request = context["request"]
    firm = context.get("firm") or current_firm(request)
    ids = firm_ids(request.user)
    others = (
        list(Enterprise.objects.filter(pk__in=ids).order_by("name").values_list("pk", "name"))
        if len(ids) > 1
        else []
    )
    return {
        "firm": firm,
        "sections": workspace_sections(request.user),
        "path": request.path,
        "firms": others,
    }
