"""States, channels, scales and audit events of 企业诉求 (spec §4.2, §4.4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.core.audit import register_events, register_value_choices


class TicketState(models.TextChoices):
    RECEIVED = "received", _("Awaiting dispatch")
    DISPATCHED = "dispatched", _("Awaiting sign-off")
    RETURNED = "returned", _("Returned, awaiting review")
    SIGNED = "signed", _("Signed for")
    HANDLING = "handling", _("Being handled")
    PAUSED = "paused", _("Paused for supplements")
    REPLIED = "replied", _("Answered, awaiting callback")
    CLOSED = "closed", pgettext_lazy("ticket", "Closed")


class Channel(models.TextChoices):
    WORKSPACE = "workspace", _("Enterprise workspace")
    HOTLINE_12345 = "12345", _("Forwarded from the 12345 hotline")
    DIRECT_LINE = "direct_line", _("Enterprise express lane")
    FAILED_WINDOW = "failed_window", _("Could-not-get-it-done window")
    VISIT = "visit", _("Visit")
    POOL_SERVICE = "pool_service", _("Pool service officer")
    REVIEW = "review", _("Service rating")


class Outcome(models.TextChoices):
    RESOLVED = "resolved", _("Resolved")
    UNRESOLVED = "unresolved", _("Unresolved")
    EXPLAINED = "explained", _("Explained")


class Satisfaction(models.IntegerChoices):
    """好差评 five levels (国办发〔2019〕51号)."""

    VERY_SATISFIED = 5, _("Very satisfied")
    SATISFIED = 4, _("Satisfied")
    BASIC = 3, _("Fairly satisfied")
    UNSATISFIED = 2, _("Unsatisfied")
    VERY_UNSATISFIED = 1, _("Very unsatisfied")


class ExtensionState(models.TextChoices):
    REQUESTED = "requested", _("Awaiting approval")
    APPROVED = "approved", pgettext_lazy("ticket", "Approved")
    DENIED = "denied", _("Not approved")


class NodeLevel(models.TextChoices):
    CATEGORY = "category", pgettext_lazy("ticket catalogue", "Category")
    SUBCATEGORY = "subcategory", _("Subcategory")
    ITEM = "item", pgettext_lazy("ticket catalogue", "Item")


class OverdueKind(models.TextChoices):
    """What a 督办 entry is for: the response clock (first contact) or the handling clock."""

    RESPONSE = "response", _("No contact within the response time")
    HANDLING = "handling", _("No answer within the handling time")


class SupervisionLevel(models.IntegerChoices):
    """督办 levels of an overdue ticket (the 三张清单 督办单 ladder: unit → its head → the city)."""

    UNIT = 0, _("Supervise the handling unit")
    UNIT_HEAD = 1, _("Supervise the head of the handling unit")
    CITY = 2, _("Refer to the city government's inspection office")


@register_events
class TicketEvent(models.TextChoices):
    CATALOGUE_LOADED = "tickets.catalogue_loaded", _("Dispatch catalogue loaded")
    RAISED = "tickets.raised", _("Request received")
    DISPATCHED = "tickets.dispatched", pgettext_lazy("ticket step", "Dispatch")
    SIGNED = "tickets.signed", pgettext_lazy("ticket step", "Sign for")
    RETURNED = "tickets.returned", pgettext_lazy("ticket step", "Return")
    CONTACTED = "tickets.contacted", _("Contact the requester")
    PAUSED = "tickets.paused", _("Paused for supplements")
    RESUMED = "tickets.resumed", _("Supplements complete")
    EXTENSION_REQUESTED = (
        "tickets.extension_requested",
        pgettext_lazy("ticket", "Extension requested"),
    )
    EXTENSION_DECIDED = "tickets.extension_decided", _("Extension decided")
    REPLIED = "tickets.replied", pgettext_lazy("ticket step", "Answer")
    CALLBACK = "tickets.callback", _("Callback and rating")
    REOPENED = "tickets.reopened", pgettext_lazy("ticket step", "Reopen")
    SUPERVISED = "tickets.supervised", _("Overdue supervision")
    SUPERVISION_RESOLVED = "tickets.supervision_resolved", _("Supervision lifted")


register_value_choices("state", TicketState)
