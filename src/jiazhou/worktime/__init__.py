"""Working-day calendar (调休-aware), working time, deadlines and SLA clocks.

>>> from datetime import date
>>> cal = WorkingCalendar.packaged()
>>> cal.is_working_day(date(2024, 2, 4))  # 调休上班 (Sunday)
True
>>> cal.add_working_days(date(2024, 2, 8), 1)  # 春节 2024-02-10..17
datetime.date(2024, 2, 9)
"""

from jiazhou.worktime.calendar import CalendarRangeError, WorkingCalendar
from jiazhou.worktime.holiday_records import (
    DayKind,
    HolidayRecord,
    packaged_holiday_records,
    read_holiday_csv,
)
from jiazhou.worktime.sla import (
    Extension,
    Pause,
    SlaClock,
    SlaReport,
    SlaState,
    check_extension,
    evaluate_sla,
    merge_pauses,
    refuse_late_extension,
)
from jiazhou.worktime.working_hours import WorkingHours

__all__ = [
    "CalendarRangeError",
    "DayKind",
    "Extension",
    "HolidayRecord",
    "Pause",
    "SlaClock",
    "SlaReport",
    "SlaState",
    "WorkingCalendar",
    "WorkingHours",
    "check_extension",
    "evaluate_sla",
    "merge_pauses",
    "packaged_holiday_records",
    "read_holiday_csv",
    "refuse_late_extension",
]
