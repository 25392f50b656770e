"""``{% workspace_nav %}``: the workspace's left navigation and firm header, for any app's page.

Pages extending ``workspace/base.html`` need not put anything in their context: the firm comes
from the request (``workspace.firm.current_firm``), the entries from
``core.contributions.workspace_sections`` (cut by ``can``).
"""

from __future__ import annotations

from typing import Any

from django import template

from jiazhou_web.core.contributions import workspace_sections
from jiazhou_web.workspace.firm import current_firm, firm_ids

register = template.Library()


@register.inclusion_tag("workspace/includes/nav.html", takes_context=True)
def workspace_nav(context: Any) -> dict[str, Any]:
    request = context["request"]
    firm = context.get("firm") or current_firm(request)
    sections = workspace_sections(request.user)
    return {
        "firm": firm,
        "sections": sections,
        "path": request.path,
        "several_firms": len(firm_ids(request.user)) > 1,
    }
