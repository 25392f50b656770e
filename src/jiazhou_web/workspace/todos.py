"""我的待办 of the workspace (core.contributions.Todo).

For a firm user: declarations returned for correction, the 高企 re-certification reminder and
the annual 科小 入库 window. For a zone/county officer: declarations and correction requests
routed to their region and waiting for a decision. A few cheap queries per user.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from jiazhou_web.core.access import can
from jiazhou_web.core.contributions import Todo
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.core.templatetags.zh import date_zh
from jiazhou_web.enterprises.choices import Programme
from jiazhou_web.enterprises.models import Certificate
from jiazhou_web.workspace import reminders
from jiazhou_web.workspace.choices import CorrectionState, DeclarationState
from jiazhou_web.workspace.models import CorrectionRequest, Declaration


def todos(user: Any) -> list[Todo]:
    found: list[Todo] = []
    if can(user, "workspace.view"):
        found += firm_todos(user)
    if can(user, "workspace.review_declaration"):
        found += officer_todos(user)
    return found


def firm_todos(user: Any) -> list[Todo]:
    ids = user_scope(user).enterprise_ids
    if not ids:
        return []
    today = timezone.localdate()
    found: list[Todo] = []
    returned = Declaration.objects.filter(
        enterprise_id__in=ids, state=DeclarationState.RETURNED
    ).exclude(Exists(answered_later()))
    n_returned = returned.count()
    if n_returned:
        found.append(
            Todo(
                gettext("Annual declaration returned: revise and resubmit"),
                reverse("workspace:declarations"),
                count=n_returned,
                urgent=True,
            )
        )
    certificates = Certificate.objects.valid_on(today).filter(
        enterprise_id__in=ids, programme=Programme.HNTE, valid_to__isnull=False
    )
    for cert in certificates.order_by("valid_to"):
        assert cert.valid_to is not None
        if reminders.hnte_reminder_from(cert.valid_to) <= today:
            found.append(
                Todo(
                    gettext(
                        "HNTE certificate (%(number)s) expires on %(day)s: prepare for re-certification"
                    )
                    % {"number": cert.number, "day": date_zh(cert.valid_to)},
                    reverse("workspace:qualifications"),
                    due=cert.valid_to,
                    urgent=(cert.valid_to - today).days <= 60,
                )
            )
    window = reminders.tech_sme_window(today)
    if window.reminding(today):
        if window.open_on(today):
            text = gettext("Tech-based SME annual registration is open, closing on %(closes)s")
        else:
            text = gettext(
                "Tech-based SME annual registration opens on %(opens)s, closing on %(closes)s"
            )
        found.append(
            Todo(
                text % {"opens": date_zh(window.opens), "closes": date_zh(window.closes)},
                reverse("workspace:qualifications"),
                due=window.closes,
            )
        )
    return found


def answered_later() -> Any:
    """A later declaration of the same firm and year (it answers a return)."""
    return Declaration.objects.filter(
        enterprise_id=OuterRef("enterprise_id"),
        fiscal_year=OuterRef("fiscal_year"),
        submitted_at__gt=OuterRef("submitted_at"),
    )


def officer_todos(user: Any) -> list[Todo]:
    scope = user_scope(user)
    if not scope.city and not scope.region_codes:
        return []
    declarations = Declaration.objects.filter(state=DeclarationState.SUBMITTED)
    corrections = CorrectionRequest.objects.filter(state=CorrectionState.OPEN)
    if not scope.city:
        declarations = declarations.filter(review_region__code__in=scope.region_codes)
        corrections = corrections.filter(review_region__code__in=scope.region_codes)
    url = reverse("workspace:review_list")
    return [
        Todo(
            gettext("Enterprise annual declarations awaiting review"),
            url,
            count=declarations.count(),
        ),
        Todo(
            gettext("Enterprise data correction requests awaiting decision"),
            url,
            count=corrections.count(),
        ),
    ]
