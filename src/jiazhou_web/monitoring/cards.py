"""Home-page cards: target lights and batches waiting for review, within the user's scope."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.dashboard import Card
from jiazhou_web.core.templatetags.zh import date_zh
from jiazhou_web.monitoring.models import Target
from jiazhou_web.monitoring.progress import evaluations_for, light_counts
from jiazhou_web.monitoring.todos import awaiting_review


def home_cards(user: Any) -> list[Card]:
    if not Target.objects.for_user(user).exists():
        return []
    today = timezone.localdate()
    counts = light_counts(
        evaluations_for(user, synthetic=settings.JIAZHOU_SHOW_SYNTHETIC, at=today)
    )
    basis = _("approved reports and published figures, as of %(day)s") % {"day": date_zh(today)}
    dashboard = reverse("monitoring:dashboard")
    waiting = awaiting_review(user)
    return [
        Card(
            _("Red targets"),
            counts["red"],
            f"{dashboard}?light=red",
            _("overdue or projected to miss"),
            "danger",
            figure=f"targets.red@{today}",
            basis=basis,
        ),
        Card(
            _("Yellow targets"),
            counts["yellow"],
            f"{dashboard}?light=yellow",
            _("behind time-elapsed progress"),
            "warning",
            figure=f"targets.yellow@{today}",
            basis=basis,
        ),
        Card(
            _("Batches awaiting review"),
            waiting,
            reverse("monitoring:report_list") + "?status=submitted",
            _("county and zone reports"),
        ),
    ]
