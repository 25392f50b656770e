from django.db import models
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.audit import register_events


class UnitStatus(models.TextChoices):
    """Outcome of one enterprise under one scheme (engine ``UNIT_STATES``)."""

    PASS = "pass", _("Qualifies")
    REVIEW = "review", _("Needs expert review")
    UNKNOWN = "unknown", _("Data missing")
    FAIL = "fail", _("Does not qualify")


class CriterionStatus(models.TextChoices):
    """State of one gate or item (criteria.md §0.3)."""

    MET = "met", _("Met")
    UNMET = "unmet", _("Unmet")
    UNKNOWN = "unknown", _("Unknown (data missing)")
    MANUAL_REVIEW = "manual_review", _("Manual review")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class CriterionKind(models.TextChoices):
    GATE = "gate", _("Condition")
    ROUTE = "route", _("Direct route")
    ITEM = "item", _("Scored item")


@register_events
class ScoringEvent(models.TextChoices):
    RUN_STORED = "scoring.run_stored", _("Scoring run stored")
    EXPERT_REVIEWED = "scoring.expert_reviewed", _("Expert review recorded")
    AFFILIATION_DECLARED = "scoring.affiliation_declared", _("Reviewer affiliation declared")
    AFFILIATION_WITHDRAWN = "scoring.affiliation_withdrawn", _("Reviewer affiliation withdrawn")
    REVIEWER_ASSIGNED = "scoring.reviewer_assigned", _("Reviewer assigned")


class AffiliationKind(models.TextChoices):
    """What ties a reviewer to a firm (回避 grounds a reviewer declares)."""

    EMPLOYER = "employer", _("Current employer")
    PAST_EMPLOYER = "past_employer", _("Past employer")
    SHAREHOLDING = "shareholding", _("Shareholding")
    RELATIVE = "relative", _("Firm of a relative")
    OTHER = "other", _("Other link")
