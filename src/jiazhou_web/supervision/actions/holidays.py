"""The editable holiday table (节假日/调休) the working calendar is built from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from jiazhou.worktime import HolidayRecord
from jiazhou.worktime.official_notice import ScheduleChange, schedule_changes
from jiazhou_web.core import audit
from jiazhou_web.core.contributions import calendar_changed
from jiazhou_web.supervision import rules
from jiazhou_web.supervision.actions.common import SupervisionError, require_manager
from jiazhou_web.supervision.choices import NoticeStatus, SupervisionEvent
from jiazhou_web.supervision.models import Holiday, Notice
from jiazhou_web.supervision.working_calendar import current_calendar, schedule_for_year


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
    calendar_changed(timezone.now())  # instants other apps stored from the old calendar
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
    calendar_changed(timezone.now())


@dataclass
class RecomputedDate:
    """A stored date computed on the calendar, before and after a schedule was entered."""

    what: str
    url: str
    before: dt.date
    after: dt.date


@dataclass
class ScheduleEntered:
    """What entering an official schedule changed: days, and dates computed from them."""

    year: int
    changes: list[ScheduleChange]
    recomputed: list[RecomputedDate] = field(default_factory=list)


@transaction.atomic
def enter_official_schedule(
    year: int, records: Sequence[HolidayRecord], *, actor: Any, source: str = ""
) -> ScheduleEntered:
    """Replace ``year``'s schedule (provisional or earlier official) by the official notice.

    The open 督办单 reply dates, which were counted on the old schedule, are counted again; the
    result lists every changed day and every recomputed date.
    """
    require_manager(actor, "录入国务院节假日安排")
    wrong = [r for r in records if r.year != year]
    if wrong or not records:
        raise SupervisionError(
            f"录入的安排须全部属于 {year} 年且不能为空 / "
            f"the schedule must be non-empty and belong to {year}"
        )
    before_records = schedule_for_year(year)
    changes = schedule_changes(before_records, list(records))
    days = [r.day for r in records]
    Holiday.objects.select_for_update().filter(year=year).delete()
    Holiday.objects.filter(day__in=days).delete()
    Holiday.objects.bulk_create(
        [
            Holiday(
                day=r.day,
                kind=r.kind,
                name=r.name,
                name_zh=r.name_zh,
                year=year,
                source=source or r.source,
            )
            for r in records
        ]
    )
    calendar = current_calendar()
    calendar_changed(timezone.now())
    result = ScheduleEntered(year, changes)
    for notice in Notice.objects.select_for_update().filter(status=NoticeStatus.OPEN):
        base = notice.escalated_on or notice.issued_on
        respond_by = calendar.add_working_days(base, rules.reply_days())
        if respond_by != notice.respond_by:
            result.recomputed.append(
                RecomputedDate(
                    f"督办单 {notice.number} 答复期限",
                    notice.get_absolute_url(),
                    notice.respond_by,
                    respond_by,
                )
            )
            notice.respond_by = respond_by
            notice.save(update_fields=["respond_by"])
    audit.record(
        SupervisionEvent.SCHEDULE_ENTERED,
        actor=actor,
        target=None,
        before={"year": year, "records": len(before_records)},
        after={"year": year, "records": len(records), "source": source},
        extra={
            "changes": [f"{c.day} {c.before or '-'}→{c.after or '-'}" for c in changes],
            "recomputed": [f"{r.what}: {r.before}→{r.after}" for r in result.recomputed],
        },
    )
    return result
