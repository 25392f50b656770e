from django.db import models
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.audit import register_events, register_value_choices


class MembershipStatus(models.TextChoices):
    """培育库 membership: a dated fact about an enterprise and a programme."""

    CANDIDATE = "candidate", _("Candidate")
    QUALIFIED = "qualified", _("Qualified")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class ServiceKind(models.TextChoices):
    """一对一服务: how the service officer met the enterprise."""

    VISIT = "visit", _("Site visit")
    CALL = "call", _("Phone call")
    MEETING = "meeting", _("Meeting")
    TRAINING = "training", _("Training")
    NEED = "need", _("Need raised by the enterprise")


@register_events
class PoolEvent(models.TextChoices):
    POOLS_SYNCED = "pools.synced", _("Pools synchronised")
    PLAN_CREATED = "plan.created", _("Cultivation plan created")
    OFFICER_ASSIGNED = "plan.officer_assigned", _("Service officer assigned")
    ACTION_ADDED = "plan.action_added", _("Plan action added")
    ACTION_DONE = "plan.action_done", _("Plan action completed")
    SERVICE_LOGGED = "plan.service_logged", _("Service log entry added")


register_value_choices("kind", ServiceKind)
register_value_choices("status", MembershipStatus)
