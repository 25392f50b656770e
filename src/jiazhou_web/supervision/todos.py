"""我的待办 from 三清单督办.

* the lead unit's officers (``supervision.act``): items assigned to them to sign for (签收),
  open 督办单 to answer (urgent once the reply date has come), and progress reports due — a
  milestone of an item they carry falls due within the due-soon window (rules.due_soon_days);
* the supervision group (``supervision.manage``): extension requests to decide and completion
  requests to verify.

"Their" items are those of a unit they act for (core.access.rules.acts_for_unit): a department
officer's own department, a county/zone officer's units in their region.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from jiazhou_web.core.access import can
from jiazhou_web.core.access.rules import units_q
from jiazhou_web.core.contributions import Todo
from jiazhou_web.supervision.choices import ExtensionStatus, NoticeStatus, Stage
from jiazhou_web.supervision.models import ExtensionRequest, Milestone, Notice, TaskItem
from jiazhou_web.supervision.rules import due_soon_days


def _items(stage: str) -> str:
    return f"{reverse('supervision:item_list')}?stage={stage}"


def todos(user: Any) -> list[Todo]:
    found: list[Todo] = []
    today = timezone.localdate()
    if can(user, "supervision.act"):
        to_sign = TaskItem.objects.filter(
            units_q(user, "lead_unit__"), stage=Stage.ASSIGNED
        ).count()
        found.append(Todo(gettext("Supervised items to sign for"), _items(Stage.ASSIGNED), to_sign))
        notices = Notice.objects.filter(
            units_q(user, "item__lead_unit__"), status=NoticeStatus.OPEN
        )
        open_notices = notices.aggregate(n=Min("respond_by"), count=Count("pk"))
        count = open_notices["count"]
        first_due: dt.date | None = open_notices["n"]
        found.append(
            Todo(
                gettext("Supervision notices to answer"),
                f"{reverse('supervision:notice_list')}?status={NoticeStatus.OPEN}",
                count,
                due=first_due,
                urgent=first_due is not None and first_due <= today,
            )
        )
        horizon = today + dt.timedelta(days=due_soon_days())
        # one query: the earliest open milestone due by the horizon, and how many items carry one
        due = Milestone.objects.filter(
            units_q(user, "item__lead_unit__"),
            item__stage__in=[Stage.SIGNED, Stage.IN_PROGRESS],
            done_at__isnull=True,
            deadline__lte=horizon,
        ).aggregate(first=Min("deadline"), items=Count("item", distinct=True))
        reports = due["items"]
        found.append(
            Todo(
                gettext("Items with a milestone near or past, progress to report"),
                _items(Stage.IN_PROGRESS),
                reports,
                due=due["first"],
                urgent=due["first"] is not None and due["first"] < today,
            )
        )
    if can(user, "supervision.manage"):
        pending = ExtensionRequest.objects.filter(status=ExtensionStatus.PENDING)
        first = pending.order_by("requested_at", "id").values_list("item_id", flat=True).first()
        if first is not None:  # the oldest request's item, where the decision form is
            url = reverse("supervision:item_detail", args=[first])
            found.append(Todo(gettext("Extension requests to approve"), url, pending.count()))
        to_verify = TaskItem.objects.filter(stage=Stage.COMPLETION_REQUESTED).count()
        found.append(
            Todo(
                gettext("Completion requests to verify"),
                _items(Stage.COMPLETION_REQUESTED),
                to_verify,
            )
        )
    return found
