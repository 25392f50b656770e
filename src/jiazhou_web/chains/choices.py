"""Kinds, states and audit events of the chain maps (产业链图谱)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.core.audit import register_events


class Position(models.TextChoices):
    UPSTREAM = "upstream", _("Upstream")
    MIDSTREAM = "midstream", _("Midstream")
    DOWNSTREAM = "downstream", _("Downstream")


class AttachmentKind(models.TextChoices):
    ENTERPRISE = "enterprise", pgettext_lazy("chain attachment", "Enterprise")
    PLATFORM = "platform", _("Innovation platform")
    PROJECT = "project", pgettext_lazy("chain attachment", "Project")
    ACHIEVEMENT = "achievement", pgettext_lazy("chain attachment", "Technology achievement")
    NEED = "need", pgettext_lazy("chain attachment", "Technology need")
    CONTRACT = "contract", pgettext_lazy("chain attachment", "Technology contract")
    TICKET = "ticket", pgettext_lazy("chain attachment", "Enterprise request")
    TALENT = "talent", pgettext_lazy("chain attachment", "Talent")


class AttachmentState(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("chain attachment", "Proposed")
    CONFIRMED = "confirmed", pgettext_lazy("chain attachment", "Confirmed")
    REJECTED = "rejected", pgettext_lazy("chain attachment", "Rejected")


class Stage(models.TextChoices):
    OPERATING = "operating", _("Operating")
    UNDER_CONSTRUCTION = "under_construction", pgettext_lazy("chains", "Under construction")


class PlatformLevel(models.TextChoices):
    NATIONAL = "national", pgettext_lazy("platform level", "National")
    PROVINCIAL = "provincial", pgettext_lazy("platform level", "Provincial")
    CITY = "city", pgettext_lazy("platform level", "City")


class SegmentStatusChoice(models.TextChoices):
    MISSING = "missing", pgettext_lazy("segment status", "Missing")
    THIN = "thin", pgettext_lazy("segment status", "Thin")
    WEAK_TECH = "weak_tech", _("Weak technology support")
    OK = "ok", pgettext_lazy("segment status", "Sound")


class NeedState(models.TextChoices):
    DRAFT = "need_draft", _("Need draft")


@register_events
class ChainEvent(models.TextChoices):
    CHAIN_LOADED = "chains.chain_loaded", _("Load chain data")
    CHAIN_EDITED = "chains.chain_edited", _("Edit the chain")
    SEGMENT_EDITED = "chains.segment_edited", _("Edit a chain segment")
    PROPOSED = "chains.proposed", _("Propose firms for the chain by industry code and keyword")
    ATTACHED = "chains.attached", pgettext_lazy("chain event", "Attach to the chain")
    DECIDED = "chains.decided", _("Confirm or reject an attachment")
    VERIFIED = "chains.verified", _("Re-verify an attachment")
    PROSPECTS_ADDED = "chains.prospects_added", _("Import the recruitment target firm list")
    RECRUIT_LIST = "chains.recruit_list", _("Generate a recruitment target list")
    NEED_DRAFT = "chains.need_draft", _("Generate an open-call need draft")
