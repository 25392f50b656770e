"""三张清单 supervision: lists, items with milestones, progress, extensions, 督办单, 通报,
in-app notifications and the editable holiday table the working calendar is built from.

Status lights are not stored: :mod:`jiazhou_web.supervision.lights` computes them from the item,
the day and the calendar.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou_web.core.models import TimeStampedModel
from jiazhou_web.core.scopes import ScopedModel
from jiazhou_web.supervision.choices import (
    ExtensionStatus,
    HolidayKind,
    ListKind,
    NoticeKind,
    NoticeStatus,
    Stage,
)


class Holiday(TimeStampedModel):
    """One dated exception to Monday–Friday (国务院办公厅放假安排): 放假 or 调休上班."""

    day = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=HolidayKind.choices)
    name = models.CharField(_("name"), max_length=60, blank=True)
    name_zh = models.CharField(_("Chinese name"), max_length=60, blank=True)
    year = models.PositiveSmallIntegerField(_("schedule year"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("holiday record")
        verbose_name_plural = _("holiday records")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {self.name_zh or self.name} ({self.get_kind_display()})"


class TaskList(TimeStampedModel):
    """A 清单: 重点科技项目攻关 (incl. the 110 “四个一批” projects), 平台创建, 企业培育."""

    code = models.SlugField(pgettext_lazy("supervision", "code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ListKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("task list")
        verbose_name_plural = _("task lists")
        ordering = ["-year", "code"]

    def __str__(self) -> str:
        return self.title


class TaskItem(ScopedModel, TimeStampedModel):
    """One supervised item (督办事项) of a list: 责任单位, 责任人, 时限, 里程碑."""

    task_list = models.ForeignKey(
        TaskList, verbose_name=_("list"), on_delete=models.PROTECT, related_name="items"
    )
    code = models.CharField(_("item number"), max_length=30)
    title = models.CharField(_("title"), max_length=200)
    category = models.CharField(_("category"), max_length=60, blank=True)
    lead_unit = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("lead unit"),
        on_delete=models.PROTECT,
        related_name="led_items",
    )
    partner_units = models.ManyToManyField(
        "accounts.Department",
        verbose_name=_("partner units"),
        blank=True,
        related_name="partner_items",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_items",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=pgettext_lazy("supervision", "region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    enterprises = models.ManyToManyField(
        "enterprises.Enterprise",
        verbose_name=pgettext_lazy("supervision", "enterprises"),
        blank=True,
        related_name="supervision_items",
    )
    platforms = models.CharField(_("platforms"), max_length=300, blank=True)
    expected_outputs = models.TextField(_("expected outputs"), blank=True)
    start_date = models.DateField(_("start date"))
    deadline = models.DateField(_("deadline"))
    original_deadline = models.DateField(_("original deadline"))
    stage = models.CharField(
        _("stage"), max_length=24, choices=Stage.choices, default=Stage.DRAFT, db_index=True
    )
    percent_done = models.PositiveSmallIntegerField(_("Percent done"), default=0)
    assigned_at = models.DateTimeField(
        pgettext_lazy("supervision", "assigned at"), null=True, blank=True
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    completion_requested_at = models.DateTimeField(
        _("completion requested at"), null=True, blank=True
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    synthetic = models.BooleanField(_("synthetic (demo) record"), default=False)

    scope_paths: ClassVar[dict[str, tuple[str, ...]]] = {
        "department": ("lead_unit_id", "partner_units__id"),
        "region": ("region__code", "lead_unit__region__code"),
    }

    class Meta:
        verbose_name = _("supervised item")
        verbose_name_plural = _("supervised items")
        ordering = ["deadline", "task_list__code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["task_list", "code"], name="item_code_unique_in_list"),
            models.CheckConstraint(
                name="item_deadline_not_before_start",
                condition=Q(deadline__gte=models.F("start_date")),
            ),
            models.CheckConstraint(
                name="item_percent_at_most_100", condition=Q(percent_done__lte=100)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:item_detail", args=[self.pk])


class ItemIndicator(models.Model):
    """An indicator the item contributes to, by indicator code (monitoring's catalogue)."""

    item = models.ForeignKey(
        TaskItem,
        on_delete=models.CASCADE,
        related_name="indicator_links",
        verbose_name=_("supervised item"),
    )
    code = models.CharField(_("indicator code"), max_length=40, db_index=True)

    class Meta:
        verbose_name = _("linked indicator")
        verbose_name_plural = _("linked indicators")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["item", "code"], name="item_indicator_once")]

    def __str__(self) -> str:
        return self.code


class Milestone(models.Model):
    """A 节点 of an item with its own deadline."""

    item = models.ForeignKey(
        TaskItem,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("supervised item"),
    )
    title = models.CharField(_("milestone"), max_length=200)
    deadline = models.DateField(_("deadline"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return f"{self.deadline} {self.title}"


class ProgressReport(ScopedModel):
    """承办: one progress report with % done and an optional attachment."""

    item = models.ForeignKey(
        TaskItem,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("supervised item"),
    )
    reported_at = models.DateTimeField(_("reported at"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reported by"),
    )
    percent_done = models.PositiveSmallIntegerField(_("Percent done"))
    text = models.TextField(_("progress"))
    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("milestone reached"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attachment = models.FileField(
        _("attachment"), upload_to="supervision/reports/%Y/%m/", blank=True
    )

    scope_paths = {
        "department": ("item__lead_unit_id", "item__partner_units__id"),
        "region": ("item__region__code", "item__lead_unit__region__code"),
    }

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-reported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.item.code} {self.percent_done}%"


class ExtensionRequest(models.Model):
    """延期申请 and its 审批."""

    item = models.ForeignKey(
        TaskItem,
        on_delete=models.CASCADE,
        related_name="extensions",
        verbose_name=_("supervised item"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"))
    proposed_deadline = models.DateField(_("proposed deadline"))
    previous_deadline = models.DateField(_("previous deadline"))
    reason = models.TextField(pgettext_lazy("supervision", "reason"))
    status = models.CharField(
        _("status"), max_length=10, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.item.code} → {self.proposed_deadline}"


class Notice(ScopedModel):
    """督办单: issued to the lead unit for a yellow/red item (or a blue reminder); escalates
    one level each time its reply window of working days passes unanswered."""

    number = models.CharField(_("number"), max_length=40, unique=True)
    item = models.ForeignKey(
        TaskItem,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("supervised item"),
    )
    kind = models.CharField(_("colour"), max_length=10, choices=NoticeKind.choices)
    level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    status = models.CharField(
        _("status"), max_length=12, choices=NoticeStatus.choices, default=NoticeStatus.OPEN
    )
    issued_on = models.DateField(pgettext_lazy("supervision", "issued on"))
    respond_by = models.DateField(_("reply due"))
    escalated_on = models.DateField(_("last escalated on"), null=True, blank=True)
    reason = models.TextField(pgettext_lazy("supervision", "reason"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answer = models.TextField(_("answer"), blank=True)

    scope_paths = {
        "department": ("item__lead_unit_id", "item__partner_units__id"),
        "region": ("item__region__code", "item__lead_unit__region__code"),
    }

    class Meta:
        verbose_name = _("supervision notice")
        verbose_name_plural = _("supervision notices")
        ordering = ["-issued_on", "-id"]
        constraints = [
            # The daily run is idempotent by construction: one open notice per item and colour.
            models.UniqueConstraint(
                fields=["item", "kind"],
                condition=Q(status="open"),
                name="one_open_notice_per_item_and_colour",
            )
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("supervision:item_detail", args=[self.item_id]) + f"#notice-{self.pk}"


class Notification(models.Model):
    """An in-app message (站内消息) to one user; ``key`` makes repeated sends no-ops."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="supervision_notifications",
        verbose_name=_("recipient"),
    )
    key = models.CharField(max_length=120, verbose_name=_("dedupe key"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key")
        ]

    def __str__(self) -> str:
        return self.title


class Bulletin(models.Model):
    """月度通报 of one list: Word and PDF drafted from the data."""

    task_list = models.ForeignKey(
        TaskList, verbose_name=_("list"), on_delete=models.PROTECT, related_name="bulletins"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    number = models.CharField(_("document number"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    issued_on = models.DateField(_("date"))
    docx = models.FileField(_("Word file"), upload_to="supervision/bulletins/")
    pdf = models.FileField(_("PDF file"), upload_to="supervision/bulletins/")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("drafted at"))

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        ordering = ["-year", "-month", "task_list__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["task_list", "year", "month"], name="one_bulletin_per_list_month"
            )
        ]

    def __str__(self) -> str:
        return self.title
