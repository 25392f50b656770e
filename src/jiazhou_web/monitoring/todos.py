"""我的待办 from indicator reporting: batches to review (city), to submit or correct (counties,
高新区). One count query per kind of task, so the 工作台 stays cheap."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from jiazhou_web.core.access import can
from jiazhou_web.core.contributions import Todo
from jiazhou_web.monitoring.choices import SubmissionStatus
from jiazhou_web.monitoring.models import Submission


def _list(status: str) -> str:
    return f"{reverse('monitoring:report_list')}?status={status}"


def todos(user: Any) -> list[Todo]:
    found: list[Todo] = []
    if can(user, "monitoring.review"):
        waiting = Submission.objects.for_user(user).filter(status=SubmissionStatus.SUBMITTED)
        found.append(Todo("待审核的填报批次", _list(SubmissionStatus.SUBMITTED), waiting.count()))
    if can(user, "monitoring.report"):
        mine = Submission.objects.for_user(user)
        returned = mine.filter(status=SubmissionStatus.RETURNED).count()
        drafts = mine.filter(status=SubmissionStatus.DRAFT).count()
        found.append(
            Todo("被退回待修改的填报批次", _list(SubmissionStatus.RETURNED), returned, urgent=True)
        )
        found.append(Todo("待提交的填报批次（草稿）", _list(SubmissionStatus.DRAFT), drafts))
    return found
