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

    version = models.CharField(_("版本"), max_length=20, unique=True)
    title = models.CharField(_("名称"), max_length=200)
    source = models.CharField(_("来源"), max_length=300, blank=True)
    tiers = models.JSONField(_("时限档次"), default=dict)
    active = models.BooleanField(_("现行版本"), default=False)

    class Meta:
        verbose_name = _("派单目录版本")
        verbose_name_plural = _("派单目录版本")
        ordering = ["-version"]

    def __str__(self) -> str:
        return self.title


class CatalogueNode(models.Model):
    """类别 → 子类 → 事项; a 事项 (leaf) names its unit (department code or ``@local``) and tier."""

    version = models.ForeignKey(
        CatalogueVersion, on_delete=models.CASCADE, related_name="nodes", verbose_name=_("版本")
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    level = models.CharField(_("层级"), max_length=12, choices=NodeLevel.choices)
    code = models.CharField(_("编码"), max_length=20)
    name = models.CharField(_("名称"), max_length=100)
    path = models.CharField(_("目录路径"), max_length=300)
    unit_code = models.CharField(_("责任单位"), max_length=40, blank=True)
    tier = models.CharField(_("时限档次"), max_length=20, blank=True)
    keywords = models.JSONField(_("关键词"), default=list)

    class Meta:
        verbose_name = _("派单目录事项")
        verbose_name_plural = _("派单目录事项")
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

    number = models.CharField(_("工单编号"), max_length=20, unique=True)
    channel = models.CharField(_("渠道"), max_length=20, choices=Channel.choices)
    state = models.CharField(
        _("状态"), max_length=12, choices=TicketState.choices, default=TicketState.RECEIVED
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
        verbose_name=_("企业"),
    )
    caller_name = models.CharField(_("诉求人"), max_length=60, blank=True)
    caller_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    title = models.CharField(_("标题"), max_length=100)
    text = models.TextField(_("诉求内容"))
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("属地")
    )
    leaf = models.ForeignKey(
        CatalogueNode,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
        verbose_name=_("派单目录事项"),
    )
    tier = models.CharField(_("时限档次"), max_length=20, blank=True)
    unit = models.ForeignKey(
        "accounts.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
        verbose_name=_("主办单位"),
    )
    partner_units = models.ManyToManyField(
        "accounts.Department",
        blank=True,
        related_name="partner_tickets",
        verbose_name=_("协办单位"),
    )
    received_at = models.DateTimeField(_("受理时间"))
    dispatched_at = models.DateTimeField(_("派单时间"), null=True, blank=True)
    signed_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    response_due_at = models.DateTimeField(_("响应时限"), null=True, blank=True)
    handling_due_at = models.DateTimeField(
        _("办理时限"),
        null=True,
        blank=True,
        help_text=_("办理时限计时中的到期时刻（由时限引擎计算；补正暂停或未在办理中时为空）"),
    )
    first_contact_at = models.DateTimeField(_("首次联系时间"), null=True, blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    reply_text = models.TextField(_("答复内容"), blank=True)
    callback_at = models.DateTimeField(_("回访时间"), null=True, blank=True)
    outcome = models.CharField(_("办理结果"), max_length=12, choices=Outcome.choices, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("满意度"), choices=Satisfaction.choices, null=True, blank=True
    )
    callback_note = models.CharField(_("回访意见"), max_length=500, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("重办次数"), default=0)
    repeat_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeats",
        verbose_name=_("重复诉求（原工单）"),
    )
    escalation_level = models.PositiveSmallIntegerField(_("升级层级"), default=0)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("登记人"),
    )
    dedupe_key = models.CharField(max_length=64, blank=True, db_index=True)

    objects = TicketQuerySet.as_manager()  # type: ignore[misc]

    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {
        "enterprise": ("enterprise_id",),
        "department": ("unit_id", "partner_units__id", "dispatches__unit_id"),
        "region": ("region__code",),
    }

    class Meta:
        verbose_name = _("企业诉求")
        verbose_name_plural = _("企业诉求")
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

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="dispatches")
    unit = models.ForeignKey(
        "accounts.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("单位")
    )
    dispatched_at = models.DateTimeField(_("派单时间"))
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("派单说明"), max_length=300, blank=True)
    signed_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    returned_at = models.DateTimeField(_("退单时间"), null=True, blank=True)
    return_reason = models.CharField(_("退单理由"), max_length=300, blank=True)
    proposed_unit = models.ForeignKey(
        "accounts.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("建议承办单位"),
    )
    return_late = models.BooleanField(_("超时退单"), default=False)

    class Meta:
        verbose_name = _("派单记录")
        verbose_name_plural = _("派单记录")
        ordering = ["dispatched_at", "id"]

    def __str__(self) -> str:
        return f"派单至{self.unit_id}"


class PauseInterval(models.Model):
    """补正: the clock stops while the firm supplies what is missing."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="pauses")
    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="pauses")
    started_at = models.DateTimeField(_("暂停开始"))
    ended_at = models.DateTimeField(_("暂停结束"), null=True, blank=True)
    reason = models.CharField(_("补正事项"), max_length=300)

    class Meta:
        verbose_name = _("补正暂停")
        verbose_name_plural = _("补正暂停")
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return self.reason


class ExtensionRequest(models.Model):
    """延期: requested by the unit, decided by the centre (counted only when approved)."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="extensions")
    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="extensions")
    requested_at = models.DateTimeField(_("申请时间"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    working_days = models.PositiveSmallIntegerField(_("延期工作日"))
    reason = models.CharField(_("延期理由"), max_length=300)
    state = models.CharField(
        _("审批状态"),
        max_length=12,
        choices=ExtensionState.choices,
        default=ExtensionState.REQUESTED,
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"延期{self.working_days}个工作日"


class Attachment(models.Model):
    """A file the firm attached to its 诉求: type judged by content, size-limited, stored
    under MEDIA_ROOT (outside the web root) and served only through the ticket's scope."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("附件"), upload_to="tickets/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    kind = models.CharField(_("类型"), max_length=10)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_at = models.DateTimeField(_("上传时间"))

    class Meta:
        verbose_name = _("诉求附件")
        verbose_name_plural = _("诉求附件")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class TicketSupervision(models.Model):
    """督办 of an overdue ticket: one entry per dispatch, clock (response/handling) and level,
    issued by ``manage.py supervise_tickets`` exactly once (a unique constraint as well as the
    run's check) and resolved when the clock stops (contact, reply, 退单, re-dispatch, close)."""

    number = models.CharField(_("督办编号"), max_length=20, unique=True)
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="supervisions")
    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="supervisions")
    unit = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("承办单位"),
    )
    kind = models.CharField(_("督办事由"), max_length=10, choices=OverdueKind.choices)
    level = models.PositiveSmallIntegerField(_("督办级别"), choices=SupervisionLevel.choices)
    due_at = models.DateTimeField(_("已超时限"))
    issued_on = models.DateField(_("督办日期"))
    issued_at = models.DateTimeField(_("督办时间"))
    respond_by = models.DateField(_("答复期限"))
    reason = models.CharField(_("督办事由说明"), max_length=300)
    resolved_at = models.DateTimeField(_("解除时间"), null=True, blank=True)
    resolution = models.CharField(_("解除原因"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("企业诉求督办")
        verbose_name_plural = _("企业诉求督办")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dispatch", "kind", "level"], name="tickets_supervision_once_per_level"
            )
        ]
        indexes = [models.Index(fields=["resolved_at", "unit"], name="tickets_supervision_open")]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"
