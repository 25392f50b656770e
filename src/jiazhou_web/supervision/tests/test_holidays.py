"""The holiday table is data: the engine calendar is rebuilt from its rows after each edit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from jiazhou.worktime import packaged_holiday_records
from jiazhou_web.core.models import AuditLog
from jiazhou_web.supervision import actions
from jiazhou_web.supervision.choices import SupervisionEvent
from jiazhou_web.supervision.models import Holiday
from jiazhou_web.supervision.working_calendar import current_calendar

pytestmark = pytest.mark.django_db


def test_the_migration_seeds_the_packaged_schedule() -> None:
    assert Holiday.objects.count() == len(packaged_holiday_records())
    assert current_calendar().is_working_day(dt.date(2024, 2, 4))  # 调休上班 (Sunday)


def test_editing_a_row_changes_the_calendar(city_admin: Any) -> None:
    day = dt.date(2025, 3, 12)  # an ordinary Wednesday
    assert current_calendar().is_working_day(day)
    holiday = actions.save_holiday(
        None, day=day, kind="holiday", name_zh="临时放假", year=2025, actor=city_admin
    )
    assert not current_calendar().is_working_day(day)
    actions.delete_holiday(holiday, actor=city_admin)
    assert current_calendar().is_working_day(day)
    assert (
        AuditLog.objects.filter(
            event_type__in=[SupervisionEvent.HOLIDAY_SAVED, SupervisionEvent.HOLIDAY_DELETED]
        ).count()
        == 2
    )


def test_adding_next_years_schedule_extends_the_calendar(city_admin: Any) -> None:
    last = current_calendar().years[1]
    actions.save_holiday(
        None,
        day=dt.date(last + 1, 1, 1),
        kind="holiday",
        name_zh="元旦",
        year=last + 1,
        actor=city_admin,
    )
    assert current_calendar().years[1] == last + 1


def test_only_the_supervision_group_edits_holidays(dept_officer: Any) -> None:
    with pytest.raises(PermissionDenied):
        actions.save_holiday(None, day=dt.date(2025, 3, 12), kind="holiday", actor=dept_officer)
