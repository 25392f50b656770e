"""States and audit events of the annual evaluations (创新积分制, 亩均论英雄)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.audit import register_events


class RunState(models.TextChoices):
    """草稿 → 已审核 (zone approves) → 公示中 (fixed working days) → 已发布."""

    DRAFT = "draft", _("草稿")
    APPROVED = "approved", _("已审核")
    PUBLICITY = "publicity", _("公示中")
    PUBLISHED = "published", _("已发布")


class CohortKind(models.TextChoices):
    ZONE = "zone", _("高新区")
    COUNTY = "county", _("区县")
    PARK = "park", _("园区")


class ObjectionState(models.TextChoices):
    FILED = "filed", _("待复核")
    UPHELD = "upheld", _("异议成立（已复核重算）")
    REJECTED = "rejected", _("异议不成立")


@register_events
class EvaluationEvent(models.TextChoices):
    RUN_CREATED = "evaluations.run_created", _("评价运行（草稿）")
    RUN_APPROVED = "evaluations.run_approved", _("评价结果审核通过")
    PUBLICITY_STARTED = "evaluations.publicity_started", _("评价结果开始公示")
    OBJECTION_FILED = "evaluations.objection_filed", _("提出异议")
    OBJECTION_DECIDED = "evaluations.objection_decided", _("异议复核决定")
    RUN_PUBLISHED = "evaluations.run_published", _("评价结果发布")
    CONSENT_GIVEN = "evaluations.consent_given", _("企业授权银行查看积分")
    CONSENT_WITHDRAWN = "evaluations.consent_withdrawn", _("企业撤回银行授权")
    BANK_VIEWED = "evaluations.bank_viewed", _("银行查看企业评价结果")
    PARK_ASSIGNED = "evaluations.park_assigned", _("企业所在园区变更")
