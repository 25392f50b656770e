"""我的待办 for the reviewer: results awaiting expert review (回避 firms excluded)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from jiazhou_web.core.access import can
from jiazhou_web.core.contributions import Todo


def todos(user: Any) -> list[Todo]:
    if not can(user, "scoring.expert_review"):
        return []
    from jiazhou_web.scoring.review import review_queue

    waiting = review_queue(user).filter(withdrawn=False).count()  # type: ignore[misc]
    return [
        Todo(
            gettext("Scoring results awaiting expert review"),
            reverse("scoring:review_queue"),
            waiting,
        )
    ]
