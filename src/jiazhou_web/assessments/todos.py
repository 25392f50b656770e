"""我的待办 of the assessments: a county's (the zone's) self-report to submit, the city's
reports to review and rounds whose 公示 is over (to publish). Three small queries at most."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from jiazhou_web.assessments.choices import ReportState, RoundState
from jiazhou_web.assessments.models import AssessmentRound, CountyReport
from jiazhou_web.core.access import can, for_user
from jiazhou_web.core.contributions import Todo


def todos(user: Any) -> list[Todo]:
    out: list[Todo] = []
    if can(user, "assessments.report"):
        mine = for_user(
            CountyReport.objects.filter(
                round__state=RoundState.COLLECTING,
                state__in=(ReportState.DRAFT, ReportState.RETURNED),
            ),
            user,
        ).order_by("pk")
        for report in mine[:5]:
            out.append(
                Todo(
                    gettext("Submit the county innovation self-assessment"),
                    report.get_absolute_url(),
                    urgent=report.state == ReportState.RETURNED,
                )
            )
    if can(user, "assessments.run"):
        pending = CountyReport.objects.filter(state=ReportState.SUBMITTED)
        n = pending.count()
        if n:
            first = pending.order_by("pk").first()
            assert first is not None
            out.append(
                Todo(gettext("Review county self-assessments"), first.get_absolute_url(), count=n)
            )
        done = AssessmentRound.objects.filter(
            state=RoundState.PUBLICITY, publicity_end__lt=timezone.localdate()
        ).first()
        if done is not None:
            out.append(
                Todo(
                    gettext("Publicity over: publish the assessment results"),
                    done.get_absolute_url(),
                )
            )
    return out
