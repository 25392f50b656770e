"""Home-page cards of the enterprise register, counted within the user's data scope (two
queries: the register's counts, the holders of each programme)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.dashboard import Card
from jiazhou_web.enterprises.choices import Programme
from jiazhou_web.enterprises.models import Certificate, Enterprise


def holders(user: Any, programme: str) -> int:
    """Enterprises in scope holding a certificate of ``programme`` valid today."""
    return holders_by_programme(user, [programme])[programme]


def holders_by_programme(user: Any, programmes: list[str]) -> dict[str, int]:
    """:func:`holders` of each programme, in one query."""
    found = dict(
        Certificate.objects.for_user(user)
        .valid_on()
        .filter(programme__in=programmes)
        .values("programme")
        .annotate(n=Count("enterprise_id", distinct=True))
        .values_list("programme", "n")
        .order_by()
    )
    return {p: found.get(p, 0) for p in programmes}


def enterprise_cards(user: Any) -> list[Card]:
    counts = Enterprise.objects.for_user(user).aggregate(
        total=Count("pk"), synthetic=Count("pk", filter=Q(synthetic=True))
    )
    total = counts["total"]
    if not total:
        return []
    url = reverse("enterprises:enterprise_list")
    note = _("includes synthetic data") if counts["synthetic"] else ""
    held = holders_by_programme(user, [Programme.HNTE, Programme.TECH_SME])
    return [
        Card(_("Enterprises in scope"), total, url, note),
        Card(
            _("High and new technology enterprises"),
            held[Programme.HNTE],
            f"{url}?programme={Programme.HNTE}",
            _("valid certificates"),
            "success",
        ),
        Card(
            _("Technology-based SMEs"),
            held[Programme.TECH_SME],
            f"{url}?programme={Programme.TECH_SME}",
            _("valid registrations"),
            "info",
        ),
    ]
