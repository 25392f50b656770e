"""我的待办 from 科技项目: what the bureau, an expert or a firm must do next (core.contributions)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from jiazhou_web.core.access import can, for_user
from jiazhou_web.core.contributions import Todo
from jiazhou_web.projects.actions import overdue_acceptance
from jiazhou_web.projects.choices import State
from jiazhou_web.projects.models import Application, Assignment, Milestone


def todos(user: Any) -> list[Todo]:
    found: list[Todo] = []
    index = reverse("projects:index")
    today = timezone.localdate()
    if can(user, "projects.manage"):
        counts = Application.objects.aggregate(
            form=Count("id", filter=Q(state=State.SUBMITTED)),
            acceptance=Count(
                "id", filter=Q(state__in=[State.ACCEPTANCE_APPLIED, State.RECTIFYING])
            ),
        )
        found.append(Todo("科技项目待形式审查", index, counts["form"]))
        found.append(Todo("科技项目待验收结论", index, counts["acceptance"]))
        overdue = overdue_acceptance(today).count()
        found.append(Todo("科技项目验收材料逾期未交", index, overdue, urgent=True))
    if can(user, "projects.review"):
        waiting = Assignment.objects.filter(
            expert__user_id=int(user.pk or 0),
            application__state=State.EXPERT_REVIEW,
            score__isnull=True,
            declined=False,
        ).count()
        found.append(Todo("科技项目待评审打分", reverse("projects:review_queue"), waiting))
    if can(user, "projects.apply"):
        mine = for_user(Application.objects.all(), user)
        counts = mine.aggregate(
            returned=Count("id", filter=Q(state=State.RETURNED)),
            drafts=Count("id", filter=Q(state=State.DRAFTING)),
        )
        found.append(Todo("科技项目退回补正", index, counts["returned"], urgent=True))
        found.append(Todo("科技项目申报未提交", index, counts["drafts"]))
        soon = Milestone.objects.filter(
            application__in=mine.values("pk"),
            done_on__isnull=True,
            due__lte=today + dt.timedelta(days=30),
        )
        first = soon.order_by("due").values_list("due", flat=True).first()
        found.append(Todo("任务书节点30日内到期", index, soon.count(), due=first))
    return found
