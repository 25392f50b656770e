"""Home-page cards of the enterprise register, counted within the user's data scope."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.dashboard import Card
from jiazhou_web.enterprises.choices import Programme
from jiazhou_web.enterprises.models import Certificate, Enterprise


def holders(user: Any, programme: str) -> int:
    """Enterprises in scope holding a certificate of ``programme`` valid today."""
    return (
        Certificate.objects.for_user(user)
        .valid_on()
        .filter(programme=programme)
        .values("enterprise_id")
        .distinct()
        .count()
    )


def enterprise_cards(user: Any) -> list[Card]:
    enterprises = Enterprise.objects.for_user(user)
    total = enterprises.count()
    if not total:
        return []
    url = reverse("enterprises:enterprise_list")
    note = (
        _("includes synthetic data (模拟数据)")
        if enterprises.filter(synthetic=True).exists()
        else ""
    )
    return [
        Card(_("Enterprises in scope"), total, url, note),
        Card(
            _("High and new technology enterprises"),
            holders(user, Programme.HNTE),
            f"{url}?programme={Programme.HNTE}",
            _("valid certificates"),
            "success",
        ),
        Card(
            _("Technology-based SMEs"),
            holders(user, Programme.TECH_SME),
            f"{url}?programme={Programme.TECH_SME}",
            _("valid registrations"),
            "info",
        ),
    ]
