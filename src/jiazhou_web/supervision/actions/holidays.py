"""The editable holiday table (节假日/调休) the working calendar is built from."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from jiazhou_web.core import audit
from jiazhou_web.supervision.actions.common import SupervisionError, require_manager
from jiazhou_web.supervision.choices import SupervisionEvent
from jiazhou_web.supervision.models import Holiday
from jiazhou_web.supervision.working_calendar import current_calendar


@transaction.atomic
def save_holiday(
    holiday: Holiday | None,
    *,
    day: dt.date,
    kind: str,
    actor: Any,
    name: str = "",
    name_zh: str = "",
    year: int | None = None,
    source: str = "",
) -> Holiday:
    """Add or correct one 节假日/调休 record of the working calendar."""
    require_manager(actor, "维护节假日")
    fields = {
        "day": day,
        "kind": kind,
        "name": name,
        "name_zh": name_zh,
        "year": year or day.year,
        "source": source,
    }
    clash = Holiday.objects.filter(day=day)
    if holiday is not None:
        clash = clash.exclude(pk=holiday.pk)
    if clash.exists():
        raise SupervisionError(f"{day} 已有节假日记录 / {day} already has a holiday record")
    before = audit.snapshot(holiday, list(fields)) if holiday else {}
    if holiday is None:
        holiday = Holiday.objects.create(**fields)
    else:
        for name_, value in fields.items():
            setattr(holiday, name_, value)
        holiday.save(update_fields=[*fields, "updated"])
    current_calendar()  # refuses a table the engine cannot build a calendar from
    audit.record(
        SupervisionEvent.HOLIDAY_SAVED, actor=actor, target=holiday, before=before, after=fields
    )
    return holiday


@transaction.atomic
def delete_holiday(holiday: Holiday, *, actor: Any) -> None:
    require_manager(actor, "维护节假日")
    before = audit.snapshot(holiday, ["day", "kind", "name_zh", "year"])
    audit.record(SupervisionEvent.HOLIDAY_DELETED, actor=actor, target=holiday, before=before)
    holiday.delete()
