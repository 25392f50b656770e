"""我的待办 from 科技项目: what the bureau, an expert or a firm must do next (core.contributions)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

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
        found.append(
            Todo(gettext("Science projects awaiting the formal check"), index, counts["form"])
        )
        found.append(
            Todo(
                gettext("Science projects awaiting the acceptance verdict"),
                index,
                counts["acceptance"],
            )
        )
        overdue = overdue_acceptance(today).count()
        found.append(
            Todo(
                gettext("Science projects with acceptance materials overdue"),
                index,
                overdue,
                urgent=True,
            )
        )
    if can(user, "projects.review"):
        waiting = Assignment.objects.filter(
            expert__user_id=int(user.pk or 0),
            application__state=State.EXPERT_REVIEW,
            score__isnull=True,
            declined=False,
        ).count()
        found.append(
            Todo(
                gettext("Science projects awaiting your review score"),
                reverse("projects:review_queue"),
                waiting,
            )
        )
    if can(user, "projects.apply"):
        mine = for_user(Application.objects.all(), user)
        counts = mine.aggregate(
            returned=Count("id", filter=Q(state=State.RETURNED)),
            drafts=Count("id", filter=Q(state=State.DRAFTING)),
        )
        found.append(
            Todo(
                gettext("Science projects returned for correction"),
                index,
                counts["returned"],
                urgent=True,
            )
        )
        found.append(
            Todo(gettext("Science project applications not yet submitted"), index, counts["drafts"])
        )
        soon = Milestone.objects.filter(
            application__in=mine.values("pk"),
            done_on__isnull=True,
            due__lte=today + dt.timedelta(days=30),
        )
        first = soon.order_by("due").values_list("due", flat=True).first()
        found.append(
            Todo(gettext("Task-book milestones due within 30 days"), index, soon.count(), due=first)
        )
    return found
