"""Working time between aware datetimes, deadlines and task 序时进度."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from jiazhou.worktime import WorkingCalendar, WorkingHours

SHANGHAI = ZoneInfo("Asia/Shanghai")
H = timedelta(hours=1)


def sh(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware Asia/Shanghai datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def test_same_morning(cal: WorkingCalendar) -> None:
    assert cal.working_time_between(sh(2025, 3, 3, 9, 30), sh(2025, 3, 3, 11, 0)) == 1.5 * H


def test_lunch_break_is_not_counted(cal: WorkingCalendar) -> None:
    # 11:00–14:00 = 1 h (11–12) + 0.5 h (13:30–14:00).
    assert cal.working_time_between(sh(2025, 3, 3, 11, 0), sh(2025, 3, 3, 14, 0)) == 1.5 * H


def test_outside_hours_counts_nothing(cal: WorkingCalendar) -> None:
    assert cal.working_time_between(sh(2025, 3, 3, 18, 0), sh(2025, 3, 4, 8, 0)) == timedelta(0)
    assert cal.working_time_between(sh(2025, 3, 8, 9), sh(2025, 3, 8, 17)) == timedelta(0)


def test_across_spring_festival_2024_and_make_up_sunday(cal: WorkingCalendar) -> None:
    # Fri 02-09 16:00 → Sun 02-18 10:00: 1.5 h on 02-09, holidays, 1 h on the 调休 Sunday.
    assert cal.working_time_between(sh(2024, 2, 9, 16), sh(2024, 2, 18, 10)) == 2.5 * H


def test_across_year_end(cal: WorkingCalendar) -> None:
    # Tue 2024-12-31 15:00 → Thu 2025-01-02 10:00: 2.5 h + 1 h (01-01 is 元旦).
    assert cal.working_time_between(sh(2024, 12, 31, 15), sh(2025, 1, 2, 10)) == 3.5 * H


def test_reversed_is_negative(cal: WorkingCalendar) -> None:
    assert cal.working_time_between(sh(2025, 3, 3, 11), sh(2025, 3, 3, 9, 30)) == -1.5 * H


def test_other_time_zones_are_converted(cal: WorkingCalendar) -> None:
    # 01:00 UTC = 09:00 Shanghai; 04:00 UTC = 12:00.
    start = datetime(2025, 3, 3, 1, tzinfo=UTC)
    end = datetime(2025, 3, 3, 4, tzinfo=UTC)
    assert cal.working_time_between(start, end) == 3 * H


def test_naive_datetimes_are_refused(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError, match=r"^start 须为带时区的时间"):
        cal.working_time_between(datetime(2025, 3, 3, 9), sh(2025, 3, 3, 10))  # noqa: DTZ001


def test_configurable_hours() -> None:
    hours = WorkingHours(periods=((time(8, 30), time(12)), (time(14), time(18))))
    cal = WorkingCalendar.packaged(hours=hours)
    assert cal.hours.day_length == 7.5 * H
    assert cal.working_time_between(sh(2025, 3, 3, 8), sh(2025, 3, 4, 9)) == 8 * H


@pytest.mark.parametrize(
    "periods",
    [
        (),
        ((time(12), time(9)),),
        ((time(9), time(12)), (time(11), time(14))),
    ],
)
def test_invalid_hours_are_refused(periods: tuple[tuple[time, time], ...]) -> None:
    with pytest.raises(ValueError, match="工作"):
        WorkingHours(periods=periods)


def test_add_working_time_ends_at_close_not_next_opening(cal: WorkingCalendar) -> None:
    start = sh(2025, 9, 30, 10)
    assert cal.add_working_time(start, 6 * H) == sh(2025, 9, 30, 17, 30)
    # The 7th hour is on the next working day after 国庆 2025-10-01..08.
    assert cal.add_working_time(start, 7 * H) == sh(2025, 10, 9, 10)
    assert cal.add_working_time(sh(2025, 3, 3, 11, 30), 0.5 * H) == sh(2025, 3, 3, 12)
    assert cal.add_working_time(sh(2025, 3, 3, 11, 30), 0.75 * H) == sh(2025, 3, 3, 13, 45)


def test_add_working_time_from_a_holiday(cal: WorkingCalendar) -> None:
    # Starting on Sunday 2025-01-26 (调休上班) counts that day; from 2025-01-28 (春节) it does not.
    assert cal.add_working_time(sh(2025, 1, 26, 8), 1 * H) == sh(2025, 1, 26, 10)
    assert cal.add_working_time(sh(2025, 1, 28, 8), 1 * H) == sh(2025, 2, 5, 10)


def test_deadline_does_not_count_the_start_day(cal: WorkingCalendar) -> None:
    # Received Thu 2024-02-08 10:00; 3 working days: 02-09, 02-18 (Sunday 调休), 02-19.
    assert cal.deadline(sh(2024, 2, 8, 10), 3) == sh(2024, 2, 19, 17, 30)
    assert cal.deadline(sh(2024, 2, 8, 10), 0) == sh(2024, 2, 8, 17, 30)


def test_elapsed_pct_is_task_xushi_jindu(cal: WorkingCalendar) -> None:
    start = sh(2025, 3, 3, 9)  # Monday
    due = cal.deadline(start, 1)  # Tue 17:30: budget 7 h + 7 h = 14 h
    assert cal.elapsed_pct(start, due, sh(2025, 3, 3, 17, 30)) == pytest.approx(50.0)
    assert cal.elapsed_pct(start, due, sh(2025, 3, 3, 12)) == pytest.approx(300 / 14)
    assert cal.elapsed_pct(start, due, sh(2025, 3, 1, 12)) == 0.0
    assert cal.elapsed_pct(start, due, sh(2025, 3, 10, 12)) == 100.0


def test_elapsed_pct_of_an_empty_window(cal: WorkingCalendar) -> None:
    start = sh(2025, 10, 2, 9)
    due = sh(2025, 10, 3, 17)  # both inside 国庆: no working time
    assert cal.elapsed_pct(start, due, sh(2025, 10, 2, 10)) == 0.0
    assert cal.elapsed_pct(start, due, due) == 100.0
