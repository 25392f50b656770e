"""States, channels, scales and audit events of 企业诉求 (spec §4.2, §4.4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.audit import register_events, register_value_choices


class TicketState(models.TextChoices):
    RECEIVED = "received", _("待派单")
    DISPATCHED = "dispatched", _("待签收")
    RETURNED = "returned", _("退单待审定")
    SIGNED = "signed", _("已签收")
    HANDLING = "handling", _("办理中")
    PAUSED = "paused", _("补正暂停")
    REPLIED = "replied", _("已答复待回访")
    CLOSED = "closed", _("已办结")


class Channel(models.TextChoices):
    WORKSPACE = "workspace", _("企业工作台")
    HOTLINE_12345 = "12345", _("12345热线转办")
    DIRECT_LINE = "direct_line", _("企业直通车")
    FAILED_WINDOW = "failed_window", _("办不成事窗口")
    VISIT = "visit", _("走访")
    POOL_SERVICE = "pool_service", _("培育库服务专员")
    REVIEW = "review", _("好差评")


class Outcome(models.TextChoices):
    RESOLVED = "resolved", _("已解决")
    UNRESOLVED = "unresolved", _("未解决")
    EXPLAINED = "explained", _("已解释说明")


class Satisfaction(models.IntegerChoices):
    """好差评 five levels (国办发〔2019〕51号)."""

    VERY_SATISFIED = 5, _("非常满意")
    SATISFIED = 4, _("满意")
    BASIC = 3, _("基本满意")
    UNSATISFIED = 2, _("不满意")
    VERY_UNSATISFIED = 1, _("非常不满意")


class ExtensionState(models.TextChoices):
    REQUESTED = "requested", _("待审批")
    APPROVED = "approved", _("已批准")
    DENIED = "denied", _("未批准")


class NodeLevel(models.TextChoices):
    CATEGORY = "category", _("类别")
    SUBCATEGORY = "subcategory", _("子类")
    ITEM = "item", _("事项")


class OverdueKind(models.TextChoices):
    """What a 督办 entry is for: the response clock (first contact) or the handling clock."""

    RESPONSE = "response", _("超响应时限未联系")
    HANDLING = "handling", _("超办理时限未答复")


class SupervisionLevel(models.IntegerChoices):
    """督办 levels of an overdue ticket (the 三张清单 督办单 ladder: unit → its head → the city)."""

    UNIT = 0, _("督办承办单位")
    UNIT_HEAD = 1, _("督办承办单位负责人")
    CITY = 2, _("提请市政府督查室督办")


@register_events
class TicketEvent(models.TextChoices):
    CATALOGUE_LOADED = "tickets.catalogue_loaded", _("载入派单目录")
    RAISED = "tickets.raised", _("受理诉求")
    DISPATCHED = "tickets.dispatched", _("派单")
    SIGNED = "tickets.signed", _("签收")
    RETURNED = "tickets.returned", _("退单")
    CONTACTED = "tickets.contacted", _("联系诉求人")
    PAUSED = "tickets.paused", _("补正暂停")
    RESUMED = "tickets.resumed", _("补正完成")
    EXTENSION_REQUESTED = "tickets.extension_requested", _("申请延期")
    EXTENSION_DECIDED = "tickets.extension_decided", _("延期审批")
    REPLIED = "tickets.replied", _("答复")
    CALLBACK = "tickets.callback", _("回访评价")
    REOPENED = "tickets.reopened", _("重办")
    SUPERVISED = "tickets.supervised", _("超期督办")
    SUPERVISION_RESOLVED = "tickets.supervision_resolved", _("督办解除")


register_value_choices("state", TicketState)
