"""Home card: the focus region's latest index value against its target."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.dashboard import Card
from jiazhou_web.indices.models import IndexDefinition, IndexScore
from jiazhou_web.indices.report import latest_runs


def index_cards(user: Any) -> list[Card]:
    cards = []
    for definition in IndexDefinition.objects.for_user(user).select_related("focus_region"):
        runs = latest_runs(definition, user)
        if not runs:
            continue
        year, run = max(runs.items())
        root = next(n["code"] for n in run.tree if not n["parent"])
        score = (
            IndexScore.objects.for_user(user)
            .filter(run=run, region=definition.focus_region, node=root)
            .first()
        )
        if score is None or score.score is None:
            continue
        target = definition.target_value
        below = target is not None and score.score < float(target)
        note = f"{year} · {definition.focus_region}"
        if target is not None:
            label = _("target")
            note += f" · {label} {definition.target_wording}{float(target):g}%（{definition.target_year}）"
        if run.synthetic:
            note += " · " + gettext("Synthetic data")
        cards.append(
            Card(
                label=definition.title,
                value=f"{score.score:.1f}%",
                url=reverse("indices:index") + f"?index={definition.code}",
                note=note,
                tone="warning" if below else "success",
            )
        )
    return cards
