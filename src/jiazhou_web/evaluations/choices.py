"""States and audit events of the annual evaluations (创新积分制, 亩均论英雄)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.core.audit import register_events


class RunState(models.TextChoices):
    """草稿 → 已审核 (zone approves) → 公示中 (fixed working days) → 已发布."""

    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    PUBLICITY = "publicity", _("In publicity")
    PUBLISHED = "published", _("Published")


class CohortKind(models.TextChoices):
    ZONE = "zone", _("High-tech zone")
    COUNTY = "county", _("District/county")
    PARK = "park", _("Park")


class ObjectionState(models.TextChoices):
    FILED = "filed", _("Awaiting review")
    UPHELD = "upheld", _("Upheld (re-computed)")
    REJECTED = "rejected", pgettext_lazy("evaluations", "Rejected")


@register_events
class EvaluationEvent(models.TextChoices):
    RUN_CREATED = "evaluations.run_created", _("Evaluation run (draft)")
    RUN_APPROVED = "evaluations.run_approved", _("Evaluation results approved")
    PUBLICITY_STARTED = (
        "evaluations.publicity_started",
        _("Evaluation results put up for publicity"),
    )
    OBJECTION_FILED = "evaluations.objection_filed", _("Objection filed")
    OBJECTION_DECIDED = "evaluations.objection_decided", _("Objection decided")
    RUN_PUBLISHED = "evaluations.run_published", _("Evaluation results published")
    CONSENT_GIVEN = "evaluations.consent_given", _("Enterprise authorised a bank")
    CONSENT_WITHDRAWN = (
        "evaluations.consent_withdrawn",
        _("Enterprise withdrew a bank's authorisation"),
    )
    BANK_VIEWED = "evaluations.bank_viewed", _("Bank viewed evaluation results")
    PARK_ASSIGNED = "evaluations.park_assigned", _("Enterprise park changed")
    BANK_MEMBER_ADDED = "evaluations.bank_member_added", _("Bank user added")
