"""What a firm's page shows of 创新平台 (enterprises.links): one link with the count the user may
see, only where there is something and the user may open it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from jiazhou_web.core.access import can, for_user
from jiazhou_web.enterprises.links import EnterpriseLink


def platform_links(enterprise: Any, user: Any) -> list[EnterpriseLink]:
    from jiazhou_web.platforms.models import Platform

    if not can(user, "platforms.view"):
        return []
    n = for_user(Platform.objects.filter(host_enterprise=enterprise), user).count()
    if not n:
        return []
    url = f"{reverse('platforms:index')}?host={enterprise.pk}"
    return [EnterpriseLink(f"创新平台（{n} 个）", url, "buildings")]
