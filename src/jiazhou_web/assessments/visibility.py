"""Which county reports (考核自评报告) a user may open — one answer for the pages and the API.

Everyone with ``assessments.view`` sees the reports of a published round; before publication
the city (``assessments.run``) and the experts (``assessments.expert``) see every report, a
county (the zone) its own (``for_user``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from jiazhou_web.assessments.choices import RoundState
from jiazhou_web.assessments.models import CountyReport
from jiazhou_web.core.access import can, for_user


def sees_every_report(user: Any) -> bool:
    return can(user, "assessments.run") or can(user, "assessments.expert")


def visible_reports(user: Any) -> QuerySet[CountyReport]:
    if not can(user, "assessments.view"):
        return CountyReport.objects.none()
    rows = CountyReport.objects.all()
    if sees_every_report(user):
        return rows
    own = for_user(CountyReport.objects.all(), user).values("pk")
    return rows.filter(Q(round__state=RoundState.PUBLISHED) | Q(pk__in=own))
