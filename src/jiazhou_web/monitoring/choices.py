"""Choice sets and audit events of indicator monitoring (指标监测、目标与序时进度)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.audit import register_events


class Direction(models.TextChoices):
    HIGHER_BETTER = "higher_better", _("Higher is better")
    LOWER_BETTER = "lower_better", _("Lower is better")
    TARGET_BAND = "target_band", _("Within a band")


class IndicatorKind(models.TextChoices):
    LEVEL = "level", _("Level")
    GROWTH_RATE = "growth_rate", _("Growth rate")
    SHARE = "share", _("Share")
    COUNT = "count", _("Count")
    INDEX = "index", _("Index")
    RANK = "rank", _("Rank")
    STATUS = "status", _("Qualitative status")


class Frequency(models.TextChoices):
    """填报频次."""

    MONTHLY = "monthly", _("Monthly (cumulative to month end)")
    ANNUAL = "annual", _("Annual")


class PeriodBasis(models.TextChoices):
    """How sure the period of a published figure is (observations.csv ``period_basis``)."""

    STATED = "stated", _("Stated")
    INFERRED = "inferred", _("Inferred")
    UNCERTAIN = "uncertain", _("Uncertain")
    UNSTATED = "unstated", _("Unstated")


class Qualifier(models.TextChoices):
    EXACT = "", _("Exact")
    MORE_THAN = "more_than", _("More than")


class SubmissionStatus(models.TextChoices):
    """填报批次状态: 区县/高新区 fill in, 市 reviews."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class Severity(models.TextChoices):
    """Two grades of validation: errors block, warnings need a written explanation."""

    ERROR = "error", _("Error")
    WARNING = "warning", _("Warning")


class MonitoringEvent(models.TextChoices):
    INDICATOR_DEPARTMENT_SET = "indicator.department_set", _("Responsible department set")
    TARGET_CREATED = "target.created", _("Target created")
    FACT_LOADED = "observation.fact_loaded", _("Published figure loaded")
    SUBMISSION_CREATED = "submission.created", _("Reporting batch opened")
    OBSERVATION_RECORDED = "observation.recorded", _("Observation recorded")
    OBSERVATIONS_IMPORTED = "observation.imported", _("Observations imported")
    OBSERVATION_EXPLAINED = "observation.explained", _("Warning explained")
    OBSERVATION_DELETED = "observation.deleted", _("Observation deleted")
    SUBMISSION_SUBMITTED = "submission.submitted", _("Reporting batch submitted")
    SUBMISSION_RETURNED = "submission.returned", _("Reporting batch returned")
    SUBMISSION_APPROVED = "submission.approved", _("Reporting batch approved")


register_events(MonitoringEvent)
