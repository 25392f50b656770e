"""Choice sets of 人才: categories, card classes and states, audit events."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.core.audit import register_events


class Category(models.TextChoices):
    LEADING = "leading", _("Leading talent")
    YOUNG_TOP = "young_top", _("Outstanding young talent")
    INNOVATION_TEAM = "team", _("Innovation team member")
    HIGH_SKILL = "high_skill", _("Highly skilled talent")
    OTHER = "other", pgettext_lazy("talent category", "Other")


class Degree(models.TextChoices):
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    DOCTOR = "doctor", _("Doctor")
    OTHER = "other", pgettext_lazy("talent degree", "Other")


class CardClass(models.TextChoices):
    """英才卡 classes (长兴 model A–D [V], docs/specs/next-capabilities.md §7.2)."""

    A = "A", _("Class A")
    B = "B", _("Class B")
    C = "C", _("Class C")
    D = "D", _("Class D")


class CardState(models.TextChoices):
    VALID = "valid", pgettext_lazy("talent card", "Valid")
    REVOKED = "revoked", pgettext_lazy("talent card", "Revoked")


class Service(models.TextChoices):
    """Services of the 嘉州英才卡 named by 「嘉」十条 [S]: 就医, 文旅, 交通; plus housing subsidies."""

    MEDICAL = "medical", _("Medical green channel")
    CULTURE_TOURISM = "culture_tourism", _("Culture and tourism benefits")
    TRANSPORT = "transport", _("Transport")
    HOUSING = "housing", _("Home purchase subsidy")
    SETTLEMENT = "settlement", _("Settling-in allowance")
    OTHER = "other", _("Other services")


@register_events
class TalentEvent(models.TextChoices):
    PROGRAMME_CREATED = "talent.programme_created", _("Set up a talent programme")
    TALENT_ADDED = "talent.added", _("Register a selected talent")
    IDENTITY_VIEWED = "talent.identity_viewed", _("View the full ID number")
    CARD_ISSUED = "talent.card_issued", _("Issue a talent card")
    CARD_REVOKED = "talent.card_revoked", _("Revoke a talent card")
    SERVICE_USED = "talent.service_used", _("Record a talent card service")
