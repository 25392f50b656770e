"""Kinds, states and audit events of the chain maps (产业链图谱)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.audit import register_events


class Position(models.TextChoices):
    UPSTREAM = "upstream", _("上游")
    MIDSTREAM = "midstream", _("中游")
    DOWNSTREAM = "downstream", _("下游")


class AttachmentKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    PLATFORM = "platform", _("创新平台")
    PROJECT = "project", _("项目")
    ACHIEVEMENT = "achievement", _("科技成果")
    NEED = "need", _("技术需求")
    CONTRACT = "contract", _("技术合同")
    TICKET = "ticket", _("企业诉求")
    TALENT = "talent", _("人才")


class AttachmentState(models.TextChoices):
    PROPOSED = "proposed", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    REJECTED = "rejected", _("已否决")


class Stage(models.TextChoices):
    OPERATING = "operating", _("在产/运行")
    UNDER_CONSTRUCTION = "under_construction", _("在建")


class PlatformLevel(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    CITY = "city", _("市级")


class SegmentStatusChoice(models.TextChoices):
    MISSING = "missing", _("缺失")
    THIN = "thin", _("薄弱")
    WEAK_TECH = "weak_tech", _("技术支撑弱")
    OK = "ok", _("健全")


class NeedState(models.TextChoices):
    DRAFT = "need_draft", _("需求草稿")


@register_events
class ChainEvent(models.TextChoices):
    CHAIN_LOADED = "chains.chain_loaded", _("载入产业链数据")
    CHAIN_EDITED = "chains.chain_edited", _("修改产业链信息")
    SEGMENT_EDITED = "chains.segment_edited", _("修改产业链环节")
    PROPOSED = "chains.proposed", _("按行业代码和关键词推荐挂链企业")
    ATTACHED = "chains.attached", _("挂链")
    DECIDED = "chains.decided", _("确认/否决挂链")
    VERIFIED = "chains.verified", _("复核挂链信息")
    PROSPECTS_ADDED = "chains.prospects_added", _("导入招商目标企业名录")
    RECRUIT_LIST = "chains.recruit_list", _("生成招商目标清单")
    NEED_DRAFT = "chains.need_draft", _("生成揭榜需求草稿")
