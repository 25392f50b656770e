"""States and audit events of the assessments (县区考核, 高新区综合评价自评)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.audit import register_events


class RoundState(models.TextChoices):
    """填报中 (counties self-report, the city reviews) → 公示中 → 已发布."""

    COLLECTING = "collecting", _("填报审核中")
    PUBLICITY = "publicity", _("公示中")
    PUBLISHED = "published", _("已发布")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("待自评")
    SUBMITTED = "submitted", _("已自评，待市级审核")
    RETURNED = "returned", _("已退回")
    APPROVED = "approved", _("市级审核通过")


@register_events
class AssessmentEvent(models.TextChoices):
    ROUND_OPENED = "assessments.round_opened", _("发起县区科技创新考核")
    WEIGHTS_ADOPTED = "assessments.weights_adopted", _("调整并采用分类权重")
    REPORT_SUBMITTED = "assessments.report_submitted", _("县区提交考核自评")
    REPORT_REVIEWED = "assessments.report_reviewed", _("市级审核考核自评")
    PUBLICITY_STARTED = "assessments.publicity_started", _("考核结果开始公示")
    ROUND_PUBLISHED = "assessments.round_published", _("考核结果发布")
    BENCHMARK_SET = "assessments.benchmark_set", _("录入全国平均值（高新区评价）")
    MANUAL_SCORED = "assessments.manual_scored", _("专家评定定性项（高新区评价）")
