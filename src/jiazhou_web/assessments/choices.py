"""States and audit events of the assessments (县区考核, 高新区综合评价自评)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.core.audit import register_events


class RoundState(models.TextChoices):
    """填报中 (counties self-report, the city reviews) → 公示中 → 已发布."""

    COLLECTING = "collecting", _("Reporting and review")
    PUBLICITY = "publicity", pgettext_lazy("assessment round", "In publicity")
    PUBLISHED = "published", pgettext_lazy("assessment round", "Published")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Awaiting self-assessment")
    SUBMITTED = "submitted", _("Self-assessed, awaiting city review")
    RETURNED = "returned", pgettext_lazy("assessment report", "Returned")
    APPROVED = "approved", _("Approved by the city")


@register_events
class AssessmentEvent(models.TextChoices):
    ROUND_OPENED = "assessments.round_opened", _("Open a county innovation assessment")
    WEIGHTS_ADOPTED = "assessments.weights_adopted", _("Adjust and adopt class weights")
    REPORT_SUBMITTED = "assessments.report_submitted", _("County submits its self-assessment")
    EVIDENCE_UPLOADED = "assessments.evidence_uploaded", _("Upload assessment evidence")
    REPORT_REVIEWED = "assessments.report_reviewed", _("City reviews a self-assessment")
    PUBLICITY_STARTED = (
        "assessments.publicity_started",
        _("Assessment results put up for publicity"),
    )
    ROUND_PUBLISHED = "assessments.round_published", _("Assessment results published")
    BENCHMARK_SET = "assessments.benchmark_set", _("Enter a national average (zone evaluation)")
    MANUAL_SCORED = (
        "assessments.manual_scored",
        _("Expert scores a qualitative item (zone evaluation)"),
    )
