"""Links other apps add to an enterprise's detail page (e.g. pools: 一企一策).

An app registers ``provider(enterprise, user) -> list[EnterpriseLink]`` in its
``AppConfig.ready``; the detail page shows every link in its "related pages" box.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class EnterpriseLink:
    label: str | Promise
    url: str
    icon: str = "link-45deg"


LinkProvider = Callable[[Any, Any], list[EnterpriseLink]]
_PROVIDERS: list[LinkProvider] = []


def register_enterprise_links(provider: LinkProvider) -> LinkProvider:
    """Add a link provider (idempotent); usable as a decorator."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def links_for(enterprise: Any, user: Any) -> list[EnterpriseLink]:
    return [link for provider in _PROVIDERS for link in provider(enterprise, user)]
