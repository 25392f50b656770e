"""Choice sets of 三张清单 supervision: list kinds, lifecycle stages, lights, notices, events."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiazhou.tasks import PALETTE
from jiazhou_web.core.audit import register_events, register_value_choices


class ListKind(models.TextChoices):
    """The 三张清单 (seed 000: 重点科技项目攻关、科技创新平台创建、科技型企业培育)."""

    KEY_PROJECTS = "key_projects", _("Key S&T project tackling")
    PLATFORMS = "platforms", _("S&T innovation platform creation")
    ENTERPRISES = "enterprises", _("S&T enterprise cultivation")


class Stage(models.TextChoices):
    """立项 → 交办 → 签收 → 承办 → 办结申请 → 核查 → 销号."""

    DRAFT = "draft", _("Registered")
    ASSIGNED = "assigned", _("Assigned")
    SIGNED = "signed", _("Signed for")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETION_REQUESTED = "completion_requested", _("Completion requested")
    VERIFIED = "verified", _("Verified")
    CLOSED = "closed", _("Closed")


# Stages in which the lead unit is working against the deadline.
OPEN_STAGES = (Stage.ASSIGNED, Stage.SIGNED, Stage.IN_PROGRESS)
# Stages in which the unit has finished and the supervision group is checking.
AWAITING_CHECK = (Stage.COMPLETION_REQUESTED, Stage.VERIFIED)


class Light(models.TextChoices):
    """Computed status light (状态灯); never stored, never typed by hand."""

    GREEN = "green", _("On track")
    BLUE = "blue", _("Due soon")
    YELLOW = "yellow", _("Behind schedule")
    RED = "red", _("Overdue")
    DONE = "done", _("Closed")
    PENDING = "pending", _("Not yet assigned")
    UNKNOWN = "unknown", _("Calendar lacks the year")


# The dot's CSS class of each light, from the one palette (jiazhou.tasks.palette).
LIGHT_CSS = {Light(light.value): swatch.css for light, swatch in PALETTE.items()}


class NoticeKind(models.TextChoices):
    """督办单 colours: 蓝色提醒, 黄牌督办, 红牌督办."""

    BLUE = "blue", _("Blue reminder")
    YELLOW = "yellow", _("Yellow supervision notice")
    RED = "red", _("Red supervision notice")


class NoticeStatus(models.TextChoices):
    OPEN = "open", _("Awaiting response")
    ANSWERED = "answered", _("Answered")
    SUPERSEDED = "superseded", _("Superseded")
    CLOSED = "closed", _("Closed")


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", pgettext_lazy("supervision", "Approved")
    REJECTED = "rejected", _("Rejected")


class HolidayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday")
    WORKDAY = "workday", _("Make-up workday")


@register_events
class SupervisionEvent(models.TextChoices):
    """Audit events written by supervision actions."""

    LIST_CREATED = "supervision.list_created", _("Task list created")
    ITEM_CREATED = "supervision.item_created", _("Item registered")
    ITEM_UPDATED = "supervision.item_updated", _("Item edited")
    ITEM_ASSIGNED = "supervision.item_assigned", _("Item assigned")
    ITEM_SIGNED = "supervision.item_signed", _("Item signed for")
    PROGRESS_REPORTED = "supervision.progress_reported", _("Progress reported")
    COMPLETION_REQUESTED = "supervision.completion_requested", _("Completion requested")
    ITEM_VERIFIED = "supervision.item_verified", _("Item verified")
    ITEM_CLOSED = "supervision.item_closed", _("Item closed")
    ITEM_RETURNED = "supervision.item_returned", _("Item returned")
    EXTENSION_REQUESTED = "supervision.extension_requested", _("Extension requested")
    EXTENSION_APPROVED = "supervision.extension_approved", _("Extension approved")
    EXTENSION_REJECTED = "supervision.extension_rejected", _("Extension rejected")
    NOTICE_ISSUED = "supervision.notice_issued", _("Supervision notice issued")
    NOTICE_ESCALATED = "supervision.notice_escalated", _("Supervision notice escalated")
    NOTICE_ANSWERED = "supervision.notice_answered", _("Supervision notice answered")
    REMINDER_SENT = "supervision.reminder_sent", _("Deadline reminder sent")
    BULLETIN_DRAFTED = "supervision.bulletin_drafted", _("Bulletin drafted")
    HOLIDAY_SAVED = "supervision.holiday_saved", _("Holiday record saved")
    HOLIDAY_DELETED = "supervision.holiday_deleted", _("Holiday record deleted")
    SCHEDULE_ENTERED = "supervision.schedule_entered", _("Official holiday schedule entered")
    NOTIFICATIONS_READ = "supervision.notifications_read", _("Notifications marked read")


register_value_choices("kind", NoticeKind)
register_value_choices("stage", Stage)
