"""我的待办 from the annual evaluations: the zone's open objections, a firm's results in 公示."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from jiazhou_web.core.access import can
from jiazhou_web.core.contributions import Todo
from jiazhou_web.evaluations.choices import ObjectionState, RunState
from jiazhou_web.evaluations.models import EvaluationResult, Objection


def todos(user: Any) -> list[Todo]:
    """Two cheap queries at most: objections to decide (zone, city) and the firm's own results
    in 公示 (the last day to object is the due date)."""
    out: list[Todo] = []
    if can(user, "evaluations.run"):
        filed = Objection.objects.for_user(user).filter(
            state=ObjectionState.FILED, run__state=RunState.PUBLICITY
        )
        n = filed.count()
        if n:
            first = filed.order_by("filed_at", "id").values_list("run_id", flat=True).first()
            out.append(
                Todo(
                    label=gettext("Evaluation objections to review"),
                    url=reverse("evaluations:run_detail", args=[first]),
                    count=n,
                    urgent=True,
                )
            )
    elif not getattr(user, "is_authenticated", False):
        return out
    else:
        rows = list(
            EvaluationResult.objects.for_user(user)
            .filter(run__state=RunState.PUBLICITY)
            .select_related("run", "enterprise", "enterprise__region")
            .order_by("run__publicity_end", "id")[:5]
        )
        for r in rows:
            if can(user, "evaluations.object", r.enterprise):
                out.append(
                    Todo(
                        label=gettext("%(year)s %(scheme)s in publicity: check your results")
                        % {"year": r.run.eval_year, "scheme": r.run.scheme_title},
                        url=reverse("evaluations:score_card", args=[r.pk]),
                        due=r.run.publicity_end,
                    )
                )
    return out
