"""全局搜索: firms by name or USCC, indicators by Chinese name, 督办 items by number or title.

Each kind is searched only for users who may see it (``core.access.can``) and within their data
scope (``for_user``); at most ``LIMIT`` hits per kind, so the page's query count is constant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.access import can

LIMIT = 20


@dataclass(frozen=True)
class Hit:
    label: str
    detail: str
    url: str


@dataclass(frozen=True)
class HitGroup:
    title: Any
    hits: list[Hit]


def search(user: Any, query: str) -> list[HitGroup]:
    """The groups with hits for ``query`` (at least two characters, or one Chinese character)."""
    q = query.strip()
    if not q or (len(q) < 2 and q.isascii()):
        return []
    groups: list[HitGroup] = []
    if can(user, "enterprise.view"):
        from jiazhou_web.enterprises.models import Enterprise

        firms = (
            Enterprise.objects.for_user(user)
            .filter(Q(name__icontains=q) | Q(uscc__istartswith=q))
            .select_related("region")
            .order_by("name")[:LIMIT]
        )
        groups.append(
            HitGroup(
                _("Enterprises"),
                [Hit(f.name, f"{f.uscc} · {f.region}", f.get_absolute_url()) for f in firms],
            )
        )
    if can(user, "monitoring.view"):
        from jiazhou_web.monitoring.models import Indicator

        indicators = Indicator.objects.filter(Q(name__icontains=q) | Q(code__iexact=q))[:LIMIT]
        groups.append(
            HitGroup(
                _("Indicators"),
                [Hit(i.name, i.unit, i.get_absolute_url()) for i in indicators],
            )
        )
    if can(user, "supervision.view"):
        from jiazhou_web.supervision.models import TaskItem

        items = (
            TaskItem.objects.for_user(user)
            .filter(Q(code__icontains=q) | Q(title__icontains=q))
            .order_by("code")[:LIMIT]
        )
        groups.append(
            HitGroup(
                _("Task items"),
                [Hit(i.title, i.code, i.get_absolute_url()) for i in items],
            )
        )
    return [g for g in groups if g.hits]
