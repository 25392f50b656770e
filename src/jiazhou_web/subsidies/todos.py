"""我的待办 for 政策兑现 and 创新券: only what this user must do now, one grouped count query per
role (the states a role acts on are counted together)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext

from jiazhou_web.core.access import can, roles_of
from jiazhou_web.core.contributions import Todo
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.subsidies.access import visible_applications, visible_orders
from jiazhou_web.subsidies.choices import OPEN_STATES, AppState, BatchState, OrderState
from jiazhou_web.subsidies.models import Application, PaymentBatch


def todos(user: Any) -> list[Todo]:
    out: list[Todo] = []
    if not getattr(user, "is_authenticated", False):
        return out
    apps_url = reverse("subsidies:application_list")
    if can(user, "subsidies.apply"):
        mine = Application.objects.filter(enterprise_id__in=user_scope(user).enterprise_ids)
        n_by = _by_state(mine, AppState.NOTIFIED, AppState.RETURNED)
        n = n_by[AppState.NOTIFIED]
        out.append(
            Todo(gettext("No-application awards to confirm"), reverse("subsidies:my_matches"), n)
        )
        n = n_by[AppState.RETURNED]
        out.append(
            Todo(
                gettext("Award applications returned for correction"),
                reverse("subsidies:my_applications"),
                n,
                urgent=True,
            )
        )
    roles = roles_of(user)
    if can(user, "subsidies.accept"):
        n_by = _by_state(Application.objects.for_user(user), AppState.SUBMITTED, AppState.ACCEPTED)
        out.append(
            Todo(
                gettext("Award applications awaiting acceptance"),
                f"{apps_url}?state=submitted",
                n_by[AppState.SUBMITTED],
            )
        )
        n = n_by[AppState.ACCEPTED]
        out.append(
            Todo(
                gettext("Award applications awaiting county review"),
                f"{apps_url}?state=accepted",
                n,
            )
        )
    if can(user, "subsidies.review_city"):
        n_by = _by_state(
            Application.objects.all(),
            AppState.COUNTY_REVIEWED,
            AppState.JOINT_REVIEWED,
            AppState.OBJECTED,
        )
        n = n_by[AppState.COUNTY_REVIEWED]
        out.append(
            Todo(
                gettext("Award applications awaiting city review"),
                f"{apps_url}?state=county_reviewed",
                n,
            )
        )
        n = n_by[AppState.JOINT_REVIEWED] + n_by[AppState.OBJECTED]
        out.append(
            Todo(
                gettext("Awaiting publicity or objection review"),
                f"{apps_url}?state=joint_reviewed",
                n,
            )
        )
    if can(user, "subsidies.review_city"):
        n = len(overdue_applications())
        out.append(
            Todo(
                gettext("Award applications overdue (supervision)"),
                f"{apps_url}?overdue=1",
                n,
                urgent=True,
            )
        )
    if "department_officer" in roles:
        n = visible_applications(user).filter(state=AppState.CITY_REVIEWED).count()
        out.append(
            Todo(
                gettext("Award applications awaiting joint departmental review"),
                f"{apps_url}?state=city_reviewed",
                n,
            )
        )
    if can(user, "subsidies.pay"):
        n = PaymentBatch.objects.filter(state=BatchState.DRAFT).count()
        out.append(Todo(gettext("Payment batches to confirm"), reverse("subsidies:batch_list"), n))
    if can(user, "vouchers.provide"):
        n = visible_orders(user).filter(state=OrderState.DRAFT).count()
        out.append(
            Todo(
                gettext("Innovation voucher orders to confirm"), reverse("subsidies:order_list"), n
            )
        )
    if can(user, "vouchers.manage"):
        n = visible_orders(user).filter(state=OrderState.REDEMPTION).count()
        out.append(
            Todo(
                gettext("Innovation voucher redemptions awaiting review"),
                reverse("subsidies:order_list"),
                n,
            )
        )
    return out


def _by_state(applications: Any, *states: str) -> dict[str, int]:
    """How many of ``applications`` are in each of ``states``: one grouped count, not one
    ``COUNT`` per state (the 工作台 asks on every visit)."""
    counts = dict(
        applications.filter(state__in=states).values_list("state").annotate(n=Count("*")).order_by()
    )
    return {state: counts.get(state, 0) for state in states}


def overdue_applications() -> list[int]:
    """Accepted, unpaid applications past their 兑现时限 (working days, 补正 paused)."""
    import datetime as dt

    from django.utils import timezone

    from jiazhou_web.subsidies.views import _clock

    now = timezone.now()
    open_states = [s for s in OPEN_STATES if s not in (AppState.NOTIFIED, AppState.SUBMITTED)]
    # N working days span at least N calendar days: only older acceptances can be overdue
    rows = Application.objects.filter(
        state__in=open_states, accepted_at__lt=now - dt.timedelta(days=3)
    ).select_related("clause")
    return [a.pk for a in rows if (c := _clock(a)) is not None and c["overdue"]]
