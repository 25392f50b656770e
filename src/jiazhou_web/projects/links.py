"""What a firm's page shows of 科技项目 (enterprises.links): one link with the count the user may
see, only where there is something and the user may open it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from jiazhou_web.core.access import can, for_user
from jiazhou_web.enterprises.links import EnterpriseLink


def project_links(enterprise: Any, user: Any) -> list[EnterpriseLink]:
    from jiazhou_web.projects.models import ExternalProject
    from jiazhou_web.projects.visibility import visible_applications

    if not can(user, "projects.view"):
        return []
    n = visible_applications(user).filter(enterprise=enterprise).count()
    n += for_user(ExternalProject.objects.filter(enterprise=enterprise), user).count()
    if not n:
        return []
    url = reverse("projects:enterprise_projects", args=[enterprise.pk])
    return [EnterpriseLink(f"科技项目（{n} 项）", url, "kanban")]
