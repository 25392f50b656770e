"""What a firm's page shows of 人才 (enterprises.links): one link with the count the user may
see, only where there is something and the user may open it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from jiazhou_web.core.access import can, for_user
from jiazhou_web.enterprises.links import EnterpriseLink


def talent_links(enterprise: Any, user: Any) -> list[EnterpriseLink]:
    from jiazhou_web.talent.models import Talent

    if not can(user, "talent.view"):
        return []
    n = for_user(Talent.objects.filter(employer=enterprise), user).count()
    if not n:
        return []
    url = f"{reverse('talent:index')}?employer={enterprise.pk}"
    return [EnterpriseLink(f"科技人才（{n} 人）", url, "person-badge")]
