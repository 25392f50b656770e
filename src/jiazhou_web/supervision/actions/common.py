"""What every supervision action shares: the error type, "now", and the role/stage checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from jiazhou.tasks import TransitionError, check_step
from jiazhou_web.core.access import can
from jiazhou_web.supervision.models import TaskItem


class SupervisionError(ValueError):
    """A step that cannot be taken; the message says why (中文 / English)."""


def now(at: dt.datetime | None) -> dt.datetime:
    return at if at is not None else timezone.now()


def require_manager(actor: Any, what: str) -> None:
    if actor is not None and not can(actor, "supervision.manage"):
        raise PermissionDenied(
            f"只有督导组（市科技局管理员）可以{what} / only the supervision group may do this"
        )


def require_unit(actor: Any, item: TaskItem, what: str) -> None:
    if not can(actor, "supervision.act", item):
        raise PermissionDenied(
            f"只有牵头单位「{item.lead_unit}」的经办人可以{what} / "
            f"only officers of the lead unit may do this"
        )


def require_step(item: TaskItem, name: str) -> None:
    """The engine's lifecycle (``jiazhou.tasks.stages``) must allow step ``name`` from here."""
    try:
        check_step(item.stage, name, item.code)
    except TransitionError as exc:
        raise SupervisionError(str(exc)) from exc


#: Dates a supervision item may carry: the working calendar and the lights are defined here.
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


def require_plausible_date(day: dt.date, what_zh: str, what_en: str) -> None:
    """Refuse a date outside 2000-01-01..2100-12-31 (0001-01-01, 9999-12-31 are typos)."""
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise SupervisionError(
            f"{what_zh} {day} 超出允许范围（{EARLIEST_DATE}–{LATEST_DATE}） / "
            f"{what_en} {day} is outside {EARLIEST_DATE}..{LATEST_DATE}"
        )
