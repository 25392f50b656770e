"""企业诉求 (接诉即办): the versioned 派单目录 and one ticket model for every channel.

Clocks are computed by :mod:`jiazhou_web.tickets.clocks` with the pure engine
(:mod:`jiazhou.tickets`) from the dispatch rows, pauses and approved extensions. Two instants
are kept on the ticket for list queries: ``response_due_at`` (set at dispatch) and
``handling_due_at`` (the running handling clock's due instant, rewritten by every action that
changes the clock; NULL while paused or not running), so 超期 is an indexed comparison.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.models import TimeStampedModel
from jiazhou_web.core.scopes import ScopedModel, ScopedQuerySet
from jiazhou_web.tickets.choices import (
    Channel,
    ExtensionState,
    NodeLevel,
    Outcome,
    OverdueKind,
    Satisfaction,
    SupervisionLevel,
    TicketState,
)


class CatalogueVersion(TimeStampedModel):
    """One version of the 派单目录 as shipped in ``tickets/data/catalogue-<version>.toml``."""

    version = models.CharField(_("Version"), max_length=20, unique=True)
    title = models.CharField(_("Name"), max_length=200)
    source = models.CharField(_("Source"), max_length=300, blank=True)
    tiers = models.JSONField(_("Time-limit tier"), default=dict)
    active = models.BooleanField(_("Current version"), default=False)

    class Meta:
        verbose_name = _("Dispatch catalogue version")
        verbose_name_plural = _("Dispatch catalogue version")
        ordering = ["-version"]

    def __str__(self) -> str:
        return self.title


class CatalogueNode(models.Model):
    """类别 → 子类 → 事项; a 事项 (leaf) names its unit (department code or ``@local``) and tier."""

    version = models.ForeignKey(
        CatalogueVersion, on_delete=models.CASCADE, related_name="nodes", verbose_name=_("Version")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("parent catalogue item"),
    )
    level = models.CharField(_("Catalogue level"), max_length=12, choices=NodeLevel.choices)
    code = models.CharField(_("Catalogue code"), max_length=20)
    name = models.CharField(_("Name"), max_length=100)
    path = models.CharField(_("Catalogue path"), max_length=300)
    unit_code = models.CharField(_("Responsible unit"), max_length=40, blank=True)
    tier = models.CharField(_("Time-limit tier"), max_length=20, blank=True)
    keywords = models.JSONField(_("Keywords"), default=list)

    class Meta:
        verbose_name = _("Dispatch catalogue item")
        verbose_name_plural = _("Dispatch catalogue item")
        ordering = ["version", "code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="tickets_node_unique_code")
        ]

    def __str__(self) -> str:
        return self.path


#: states whose handling clock runs (paused tickets keep no due instant)
RUNNING_STATES = (TicketState.DISPATCHED, TicketState.SIGNED, TicketState.HANDLING)


class TicketQuerySet(ScopedQuerySet):
    def overdue(self, at: Any) -> TicketQuerySet:
        """Tickets whose handling clock has run out at ``at`` (超期/督办): the stored due instant
        before the engine's cutoff (:func:`jiazhou.tickets.overdue_cutoff`) — one index range."""
        condition = overdue_q(at)
        return self.none() if condition is None else self.filter(condition)


def overdue_q(at: Any) -> Q | None:
    """The condition of :meth:`TicketQuerySet.overdue` (for counts beside others in one
    query); ``None`` without a holiday table (an empty database: no clock was ever computed)."""
    from jiazhou.tickets import overdue_cutoff
    from jiazhou_web.tickets.clocks import calendar

    try:
        cal = calendar()
    except ValueError:
        return None
    return Q(state__in=RUNNING_STATES, handling_due_at__lt=overdue_cutoff(cal, at))


class Ticket(ScopedModel, TimeStampedModel):
    """One 诉求 from any channel (§4.8 fields)."""

    number = models.CharField(_("Ticket number"), max_length=20, unique=True)
    channel = models.CharField(_("Channel"), max_length=20, choices=Channel.choices)
    state = models.CharField(
        _("Status"), max_length=12, choices=TicketState.choices, default=TicketState.RECEIVED
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
        verbose_name=_("Enterprise"),
    )
    caller_name = models.CharField(_("Requester"), max_length=60, blank=True)
    caller_phone = models.CharField(_("Contact phone"), max_length=20, blank=True)
    title = models.CharField(_("Request title"), max_length=100)
    text = models.TextField(_("Request text"))
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("Locality")
    )
    leaf = models.ForeignKey(
        CatalogueNode,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
        verbose_name=_("Dispatch catalogue item"),
    )
    tier = models.CharField(_("Time-limit tier"), max_length=20, blank=True)
    unit = models.ForeignKey(
        "accounts.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
        verbose_name=_("Lead handling unit"),
    )
    partner_units = models.ManyToManyField(
        "accounts.Department",
        blank=True,
        related_name="partner_tickets",
        verbose_name=_("Co-handling units"),
    )
    received_at = models.DateTimeField(_("Received at"))
    dispatched_at = models.DateTimeField(_("Dispatched at"), null=True, blank=True)
    signed_at = models.DateTimeField(_("Signed for at"), null=True, blank=True)
    response_due_at = models.DateTimeField(_("Response time limit"), null=True, blank=True)
    handling_due_at = models.DateTimeField(
        _("Handling time limit"),
        null=True,
        blank=True,
        help_text=_(
            "When the running handling time limit falls due (computed by the time-limit engine; empty while paused for supplements or not being handled)"
        ),
    )
    first_contact_at = models.DateTimeField(_("First contacted at"), null=True, blank=True)
    replied_at = models.DateTimeField(_("Replied at"), null=True, blank=True)
    reply_text = models.TextField(_("Reply"), blank=True)
    callback_at = models.DateTimeField(_("Called back at"), null=True, blank=True)
    outcome = models.CharField(
        _("Handling outcome"), max_length=12, choices=Outcome.choices, blank=True
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("Satisfaction"), choices=Satisfaction.choices, null=True, blank=True
    )
    callback_note = models.CharField(_("Callback comments"), max_length=500, blank=True)
    closed_at = models.DateTimeField(_("Closed at"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("Times reopened"), default=0)
    repeat_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeats",
        verbose_name=_("Repeat of (original ticket)"),
    )
    escalation_level = models.PositiveSmallIntegerField(_("Escalation tier"), default=0)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Registered by"),
    )
    dedupe_key = models.CharField(
        max_length=64, blank=True, db_index=True, verbose_name=_("dedupe key")
    )

    objects = TicketQuerySet.as_manager()  # type: ignore[misc]

    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {
        "enterprise": ("enterprise_id",),
        "department": ("unit_id", "partner_units__id", "dispatches__unit_id"),
        "region": ("region__code",),
    }

    class Meta:
        verbose_name = _("Enterprise requests")
        verbose_name_plural = _("Enterprise requests")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["state", "unit"]),
            models.Index(fields=["enterprise", "received_at"]),
            models.Index(fields=["-received_at", "-id"], name="tickets_received_desc"),
            models.Index(fields=["response_due_at"], name="tickets_response_due"),
            models.Index(fields=["callback_at"], name="tickets_callback"),
            models.Index(fields=["state", "handling_due_at"], name="tickets_state_handling_due"),
            # the list filtered by state, newest first (LIMIT 50 read off the index)
            models.Index(fields=["state", "-received_at", "-id"], name="tickets_state_received"),
            # 诉求分析's tickets closed in the month
            models.Index(fields=["closed_at"], name="tickets_closed"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def current_dispatch(self) -> Dispatch | None:
        return self.dispatches.order_by("-dispatched_at", "-id").first()


class Dispatch(models.Model):
    """One 派单 of a ticket to a unit: its clock starts at ``dispatched_at``."""

    ticket = models.ForeignKey(
        Ticket,
        on_delete=models.CASCADE,
        related_name="dispatches",
        verbose_name=_("enterprise request"),
    )
    unit = models.ForeignKey(
        "accounts.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("Unit")
    )
    dispatched_at = models.DateTimeField(_("Dispatched at"))
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("dispatched by"),
    )
    note = models.CharField(_("Dispatch note"), max_length=300, blank=True)
    signed_at = models.DateTimeField(_("Signed for at"), null=True, blank=True)
    returned_at = models.DateTimeField(_("Returned at"), null=True, blank=True)
    return_reason = models.CharField(_("Return reason"), max_length=300, blank=True)
    proposed_unit = models.ForeignKey(
        "accounts.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Proposed handling unit"),
    )
    return_late = models.BooleanField(_("Returned after the time limit"), default=False)

    class Meta:
        verbose_name = _("Dispatch")
        verbose_name_plural = _("Dispatch")
        ordering = ["dispatched_at", "id"]

    def __str__(self) -> str:
        return f"派单至{self.unit_id}"


class PauseInterval(models.Model):
    """补正: the clock stops while the firm supplies what is missing."""

    ticket = models.ForeignKey(
        Ticket,
        on_delete=models.CASCADE,
        related_name="pauses",
        verbose_name=_("enterprise request"),
    )
    dispatch = models.ForeignKey(
        Dispatch, on_delete=models.CASCADE, related_name="pauses", verbose_name=_("Dispatch")
    )
    started_at = models.DateTimeField(_("Pause starts"))
    ended_at = models.DateTimeField(_("Pause ends"), null=True, blank=True)
    reason = models.CharField(_("Supplements required"), max_length=300)

    class Meta:
        verbose_name = _("Pause for supplements")
        verbose_name_plural = _("Pause for supplements")
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return self.reason


class ExtensionRequest(models.Model):
    """延期: requested by the unit, decided by the centre (counted only when approved)."""

    ticket = models.ForeignKey(
        Ticket,
        on_delete=models.CASCADE,
        related_name="extensions",
        verbose_name=_("enterprise request"),
    )
    dispatch = models.ForeignKey(
        Dispatch, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("Dispatch")
    )
    requested_at = models.DateTimeField(_("Requested at"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    working_days = models.PositiveSmallIntegerField(_("Extension (working days)"))
    reason = models.CharField(_("Reason for the extension"), max_length=300)
    state = models.CharField(
        _("Approval status"),
        max_length=12,
        choices=ExtensionState.choices,
        default=ExtensionState.REQUESTED,
    )
    decided_at = models.DateTimeField(_("Approved or refused at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("Extension request")
        verbose_name_plural = _("Extension request")
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"延期{self.working_days}个工作日"


class Attachment(models.Model):
    """A file the firm attached to its 诉求: type judged by content, size-limited, stored
    under MEDIA_ROOT (outside the web root) and served only through the ticket's scope."""

    ticket = models.ForeignKey(
        Ticket,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("enterprise request"),
    )
    file = models.FileField(_("Attachment"), upload_to="tickets/%Y/%m/")
    name = models.CharField(_("File name"), max_length=200)
    kind = models.CharField(_("Type"), max_length=10)
    size = models.PositiveIntegerField(_("Size (bytes)"))
    uploaded_at = models.DateTimeField(_("Uploaded at"))

    class Meta:
        verbose_name = _("Request attachment")
        verbose_name_plural = _("Request attachment")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class TicketSupervision(models.Model):
    """督办 of an overdue ticket: one entry per dispatch, clock (response/handling) and level,
    issued by ``manage.py supervise_tickets`` exactly once (a unique constraint as well as the
    run's check) and resolved when the clock stops (contact, reply, 退单, re-dispatch, close)."""

    number = models.CharField(_("Supervision number"), max_length=20, unique=True)
    ticket = models.ForeignKey(
        Ticket,
        on_delete=models.CASCADE,
        related_name="supervisions",
        verbose_name=_("enterprise request"),
    )
    dispatch = models.ForeignKey(
        Dispatch, on_delete=models.CASCADE, related_name="supervisions", verbose_name=_("Dispatch")
    )
    unit = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Handling unit"),
    )
    kind = models.CharField(_("Supervision reason"), max_length=10, choices=OverdueKind.choices)
    level = models.PositiveSmallIntegerField(
        _("Supervision level"), choices=SupervisionLevel.choices
    )
    due_at = models.DateTimeField(_("Past the time limit"))
    issued_on = models.DateField(_("Supervision date"))
    issued_at = models.DateTimeField(_("Supervised at"))
    respond_by = models.DateField(_("Reply due"))
    reason = models.CharField(_("Supervision reason, in words"), max_length=300)
    resolved_at = models.DateTimeField(_("Lifted at"), null=True, blank=True)
    resolution = models.CharField(_("Reason for lifting"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("Request supervision entry")
        verbose_name_plural = _("Request supervision entry")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dispatch", "kind", "level"], name="tickets_supervision_once_per_level"
            )
        ]
        indexes = [models.Index(fields=["resolved_at", "unit"], name="tickets_supervision_open")]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"
