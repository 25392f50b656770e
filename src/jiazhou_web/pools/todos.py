"""我的待办 from the 培育库 and 一企一策.

* a 服务专员 (the plan's ``officer``): plan actions not done whose due date has come or comes
  within :data:`PLAN_HORIZON_DAYS` — one entry per enterprise, linking to its plan;
* officers who manage plans (``pools.manage_plans``): qualifications in their scope whose
  certificate expires within :data:`CERTIFICATE_HORIZON_DAYS` (90 days: the renewal
  application has to be prepared before the certificate lapses [U] — a working horizon chosen
  for the reminder, not a rule of the 认定办法).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from jiazhou_web.core.access import can
from jiazhou_web.core.contributions import Todo
from jiazhou_web.pools.choices import MembershipStatus
from jiazhou_web.pools.filtersets import expiring_window
from jiazhou_web.pools.models import PlanAction, PoolMembership

PLAN_HORIZON_DAYS = 14  # [U] two weeks' notice of a plan step
CERTIFICATE_HORIZON_DAYS = 90  # [U] see the module docstring
MAX_PLAN_ENTRIES = 5  # beyond this many enterprises, one summary entry


def expiring_certificates(user: Any) -> Any:
    """Current qualifications within ``user``'s scope whose certificate ends within 90 days."""
    return PoolMembership.objects.for_user(user).filter(
        ended_on__isnull=True,
        status=MembershipStatus.QUALIFIED,
        valid_to__range=expiring_window(CERTIFICATE_HORIZON_DAYS),
    )


def todos(user: Any) -> list[Todo]:
    found: list[Todo] = []
    if not can(user, "pools.view"):
        return found
    today = timezone.localdate()
    horizon = today + dt.timedelta(days=PLAN_HORIZON_DAYS)
    plans = list(
        PlanAction.objects.filter(plan__officer=user, done_on__isnull=True, due_on__lte=horizon)
        .values("plan__enterprise_id", "plan__enterprise__name")
        .annotate(n=Count("id"), first=Min("due_on"))
        .order_by("first", "plan__enterprise_id")
    )
    for row in plans[:MAX_PLAN_ENTRIES]:
        found.append(
            Todo(
                gettext("Firm plan actions due: %(firm)s")
                % {"firm": row["plan__enterprise__name"]},
                reverse("pools:enterprise_plan", args=[row["plan__enterprise_id"]]),
                row["n"],
                due=row["first"],
                urgent=row["first"] < today,
            )
        )
    if len(plans) > MAX_PLAN_ENTRIES:
        rest = plans[MAX_PLAN_ENTRIES:]
        found.append(
            Todo(
                gettext("Firm plan actions due at %(n)s more firms") % {"n": len(rest)},
                reverse("pools:membership_list"),
                sum(r["n"] for r in rest),
                due=rest[0]["first"],
            )
        )
    if can(user, "pools.manage_plans"):
        expiring = expiring_certificates(user).aggregate(first=Min("valid_to"), n=Count("pk"))
        url = (
            f"{reverse('pools:membership_list')}?status={MembershipStatus.QUALIFIED}"
            f"&current=true&expiring_within={CERTIFICATE_HORIZON_DAYS}"
        )
        found.append(
            Todo(
                gettext("Qualification certificates expiring within %(days)s days")
                % {"days": CERTIFICATE_HORIZON_DAYS},
                url,
                expiring["n"],
                due=expiring["first"],
            )
        )
    return found
