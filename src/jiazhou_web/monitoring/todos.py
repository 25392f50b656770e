"""我的待办 from indicator reporting: batches to review (city), to submit or correct (counties,
高新区). One count query per role (a reporter's returned and draft batches are one grouped
count), so the 工作台 stays cheap."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext

from jiazhou_web.core.access import can
from jiazhou_web.core.contributions import Todo
from jiazhou_web.core.request_cache import memo
from jiazhou_web.monitoring.choices import SubmissionStatus
from jiazhou_web.monitoring.models import Submission


def _list(status: str) -> str:
    return f"{reverse('monitoring:report_list')}?status={status}"


def awaiting_review(user: Any) -> int:
    """Submitted batches in the user's scope: the reviewer's todo and the home card show this
    one count (read once per request)."""
    return memo(
        ("monitoring.awaiting_review", user.pk),
        lambda: Submission.objects.for_user(user).filter(status=SubmissionStatus.SUBMITTED).count(),
    )


def todos(user: Any) -> list[Todo]:
    found: list[Todo] = []
    if can(user, "monitoring.review"):
        found.append(
            Todo(
                gettext("Report batches awaiting review"),
                _list(SubmissionStatus.SUBMITTED),
                awaiting_review(user),
            )
        )
    if can(user, "monitoring.report"):
        statuses = (SubmissionStatus.RETURNED, SubmissionStatus.DRAFT)
        counts = dict(
            Submission.objects.for_user(user)
            .filter(status__in=statuses)
            .values_list("status")
            .annotate(n=Count("*"))
            .order_by()
        )
        returned = counts.get(SubmissionStatus.RETURNED, 0)
        drafts = counts.get(SubmissionStatus.DRAFT, 0)
        found.append(
            Todo(
                gettext("Report batches returned for correction"),
                _list(SubmissionStatus.RETURNED),
                returned,
                urgent=True,
            )
        )
        found.append(
            Todo(
                gettext("Report batches to submit (drafts)"), _list(SubmissionStatus.DRAFT), drafts
            )
        )
    return found
