"""Choice sets of 人才: categories, card classes and states, audit events."""

from django.db import models

from jiazhou_web.core.audit import register_events


class Category(models.TextChoices):
    LEADING = "leading", "领军人才"
    YOUNG_TOP = "young_top", "青年拔尖人才"
    INNOVATION_TEAM = "team", "创新团队成员"
    HIGH_SKILL = "high_skill", "高技能人才"
    OTHER = "other", "其他"


class Degree(models.TextChoices):
    BACHELOR = "bachelor", "本科"
    MASTER = "master", "硕士"
    DOCTOR = "doctor", "博士"
    OTHER = "other", "其他"


class CardClass(models.TextChoices):
    """英才卡 classes (长兴 model A–D [V], docs/specs/next-capabilities.md §7.2)."""

    A = "A", "A类"
    B = "B", "B类"
    C = "C", "C类"
    D = "D", "D类"


class CardState(models.TextChoices):
    VALID = "valid", "有效"
    REVOKED = "revoked", "已注销"


class Service(models.TextChoices):
    """Services of the 嘉州英才卡 named by 「嘉」十条 [S]: 就医, 文旅, 交通; plus housing subsidies."""

    MEDICAL = "medical", "就医绿色通道"
    CULTURE_TOURISM = "culture_tourism", "文旅惠享"
    TRANSPORT = "transport", "交通出行"
    HOUSING = "housing", "购房补贴"
    SETTLEMENT = "settlement", "安家补助"
    OTHER = "other", "其他服务"


@register_events
class TalentEvent(models.TextChoices):
    PROGRAMME_CREATED = "talent.programme_created", "设立人才计划"
    TALENT_ADDED = "talent.added", "人才入选登记"
    IDENTITY_VIEWED = "talent.identity_viewed", "查看完整身份证号"
    CARD_ISSUED = "talent.card_issued", "发放英才卡"
    CARD_REVOKED = "talent.card_revoked", "注销英才卡"
    SERVICE_USED = "talent.service_used", "登记英才卡服务"
