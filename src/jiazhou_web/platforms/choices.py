"""Choice sets of 创新平台: kinds, levels, states, audit events."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.core.audit import register_events


class Kind(models.TextChoices):
    KEY_LAB = "key_lab", _("Key laboratory")
    ENGINEERING_CENTRE = "engineering_centre", _("Engineering technology research centre")
    INNOVATION_CENTRE = "innovation_centre", _("Technology innovation centre")
    ENTERPRISE_CENTRE = "enterprise_centre", _("Enterprise technology centre")
    NEW_RD_INSTITUTE = "new_rd_institute", _("New R&D institution")
    INCUBATOR = "incubator", _("Tech business incubator")
    MAKERSPACE = "makerspace", _("Makerspace")
    EXPERT_WORKSTATION = "expert_workstation", _("Academician (expert) workstation")
    PILOT_BASE = "pilot_base", _("Pilot-scale base")
    TRANSFER_CENTRE = "transfer_centre", _("Technology transfer institution")
    OTHER = "other", _("Other innovation platform")


class Level(models.TextChoices):
    NATIONAL = "national", pgettext_lazy("project level", "National")
    PROVINCIAL = "provincial", pgettext_lazy("project level", "Provincial")
    CITY = "city", pgettext_lazy("project level", "City")


class Status(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("platform", "Active")
    REVOKED = "revoked", pgettext_lazy("platform", "Revoked")


class Evaluation(models.TextChoices):
    EXCELLENT = "excellent", pgettext_lazy("platform", "Excellent")
    GOOD = "good", pgettext_lazy("platform", "Good")
    PASS = "pass", pgettext_lazy("platform", "Pass")
    FAIL = "fail", pgettext_lazy("platform", "Fail")


@register_events
class PlatformEvent(models.TextChoices):
    REGISTERED = "platforms.registered", _("Innovation platform registered")
    EVALUATED = "platforms.evaluated", _("Platform assessment recorded")
    REVOKED = "platforms.revoked", _("Platform revoked")
    REPORTED = "platforms.reported", _("Platform annual report submitted")
    LINKED = "platforms.linked", pgettext_lazy("platform", "Supervision item linked")
