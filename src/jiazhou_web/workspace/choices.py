"""States and audit events of the enterprise workspace (企业工作台)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.core.audit import register_events, register_value_choices
from jiazhou_web.enterprises.choices import FigureSource


class DeclarationState(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("workspace", "Awaiting review")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


class CorrectionState(models.TextChoices):
    OPEN = "open", _("Awaiting decision")
    ACCEPTED = "accepted", _("Corrected")
    REJECTED = "rejected", _("Not corrected")


class DocumentKind(models.TextChoices):
    LICENCE = "licence", _("Business licence")
    FINANCIAL = "financial", _("Financial statements / audit report")
    TAX = "tax", _("Tax certificate")
    IP = "ip", _("IP certificate")
    CERTIFICATE = "certificate", _("Qualification certificate")
    OTHER = "other", _("Other material")


@register_events
class WorkspaceEvent(models.TextChoices):
    DECLARATION_SUBMITTED = (
        "workspace.declaration_submitted",
        _("Enterprise submitted an annual declaration"),
    )
    DECLARATION_RETURNED = "workspace.declaration_returned", _("Annual declaration returned")
    DECLARATION_ACCEPTED = "workspace.declaration_accepted", _("Annual declaration accepted")
    CORRECTION_REQUESTED = (
        "workspace.correction_requested",
        _("Enterprise requested a data correction"),
    )
    CORRECTION_DECIDED = "workspace.correction_decided", _("Data correction request decided")
    DOCUMENT_UPLOADED = "workspace.document_uploaded", _("Enterprise uploaded a file")
    ADMIN_APPOINTED = "workspace.admin_appointed", _("Enterprise account administrator appointed")
    COLLEAGUE_INVITED = (
        "workspace.colleague_invited",
        _("Enterprise administrator invited a colleague"),
    )
    COLLEAGUE_REMOVED = (
        "workspace.colleague_removed",
        _("Enterprise administrator removed a colleague"),
    )


register_value_choices("held_source", FigureSource)
