"""Choice sets of 创新平台: kinds, levels, states, audit events."""

from django.db import models

from jiazhou_web.core.audit import register_events


class Kind(models.TextChoices):
    KEY_LAB = "key_lab", "重点实验室"
    ENGINEERING_CENTRE = "engineering_centre", "工程技术研究中心"
    INNOVATION_CENTRE = "innovation_centre", "技术创新中心"
    ENTERPRISE_CENTRE = "enterprise_centre", "企业技术中心"
    NEW_RD_INSTITUTE = "new_rd_institute", "新型研发机构"
    INCUBATOR = "incubator", "科技企业孵化器"
    MAKERSPACE = "makerspace", "众创空间"
    EXPERT_WORKSTATION = "expert_workstation", "院士（专家）工作站"
    PILOT_BASE = "pilot_base", "中试基地"
    TRANSFER_CENTRE = "transfer_centre", "技术转移机构"
    OTHER = "other", "其他创新平台"


class Level(models.TextChoices):
    NATIONAL = "national", "国家级"
    PROVINCIAL = "provincial", "省级"
    CITY = "city", "市级"


class Status(models.TextChoices):
    ACTIVE = "active", "有效"
    REVOKED = "revoked", "已撤销"


class Evaluation(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    GOOD = "good", "良好"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


@register_events
class PlatformEvent(models.TextChoices):
    REGISTERED = "platforms.registered", "登记创新平台"
    EVALUATED = "platforms.evaluated", "登记平台评估结果"
    REVOKED = "platforms.revoked", "撤销平台"
    REPORTED = "platforms.reported", "报送平台年报"
    LINKED = "platforms.linked", "关联督办事项"
