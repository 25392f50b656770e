"""What every supervision action shares: the error type, "now", and the role/stage checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from jiazhou_web.supervision.choices import Stage
from jiazhou_web.supervision.models import TaskItem
from jiazhou_web.supervision.permissions import may_act_for_item, may_manage


class SupervisionError(ValueError):
    """A step that cannot be taken; the message says why (中文 / English)."""


def now(at: dt.datetime | None) -> dt.datetime:
    return at if at is not None else timezone.now()


def require_manager(actor: Any, what: str) -> None:
    if actor is not None and not may_manage(actor):
        raise PermissionDenied(
            f"只有督导组（市科技局管理员）可以{what} / only the supervision group may do this"
        )


def require_unit(actor: Any, item: TaskItem, what: str) -> None:
    if not may_act_for_item(actor, item):
        raise PermissionDenied(
            f"只有牵头单位「{item.lead_unit}」的经办人可以{what} / "
            f"only officers of the lead unit may do this"
        )


def require_stage(item: TaskItem, allowed: Iterable[str], what_zh: str, what_en: str) -> None:
    allowed = tuple(allowed)
    if item.stage not in allowed:
        names = "、".join(str(Stage(s).label) for s in allowed)
        raise SupervisionError(
            f"事项「{item.code}」当前处于「{item.get_stage_display()}」，不能{what_zh}"
            f"（仅限：{names}） / item {item.code} is '{item.stage}', so it cannot be {what_en} "
            f"(allowed from: {', '.join(allowed)})"
        )


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
