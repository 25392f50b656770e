"""The working-day calendar (工作日历): 调休-aware working days and working time.

A day is a working day when it is a make-up workday (调休上班), or a Monday–Friday that is not a
holiday (放假). Holidays and make-up workdays are data (:class:`HolidayRecord`). A year after the
first official one whose State Council notice is not loaded is filled in with the provisional
(暂定) schedule of :mod:`jiazhou.worktime.provisional`, year by year as dates reach it, and every
date it touches answers ``True`` to :meth:`WorkingCalendar.is_provisional`: the calendar never
runs out, and never passes a guess off as the official schedule. Dates before the first official
year, or after :data:`~jiazhou.worktime.provisional.LAST_PROVISIONAL_YEAR`, are refused, and so
are those after an official table that ends before 2024 (no rule proposes a year before 2025).

Counting follows the rule for statutory periods (期间开始的当日不计入): ``add_working_days(d, n)``
is the n-th working day *after* ``d``, and ``working_days_between(a, b)`` counts the working days
in ``(a, b]``.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from jiazhou.worktime.holiday_records import HolidayRecord, packaged_holiday_records
from jiazhou.worktime.provisional import (
    FIRST_PROVISIONAL_YEAR,
    LAST_PROVISIONAL_YEAR,
    provisional_records,
)
from jiazhou.worktime.working_hours import WorkingHours

__all__ = ["CalendarRangeError", "WorkingCalendar"]

_ZERO = timedelta(0)


class CalendarRangeError(ValueError):
    """A date lies outside the schedule years the calendar knows."""


class WorkingCalendar:
    """Working days and working time for a set of schedule years.

    Build it with :meth:`from_records` (records from a database table or a CSV) or
    :meth:`packaged` (the seed schedule shipped with the package). Instances are immutable.
    """

    def __init__(
        self,
        holidays: frozenset[date],
        workdays: frozenset[date],
        years: tuple[int, int],
        hours: WorkingHours | None = None,
        *,
        official_years: Iterable[int] | None = None,
    ) -> None:
        first, last = years
        if first > last:
            raise ValueError(f"年份范围 {first}–{last} 无效 / invalid year range {first}–{last}")
        clash = sorted(holidays & workdays)
        if clash:
            raise ValueError(
                f"{clash[0]} 同时被记为放假日和调休上班日 / "
                f"{clash[0]} is recorded both as a holiday and as a make-up workday"
            )
        self.official_years = frozenset(
            official_years if official_years is not None else range(first, last + 1)
        )
        self.hours = hours if hours is not None else WorkingHours()
        self.first_day = date(first, 1, 1)
        self._official_last = date(last, 12, 31)
        self._lock = threading.Lock()
        self.holidays = holidays
        self.workdays = workdays
        self.provisional_days: frozenset[date] = frozenset()
        self._filled: set[int] = set()
        # Ordinals of every working day, sorted: counting and stepping are binary searches.
        self._working: tuple[int, ...] = ()
        self.last_day = self.first_day - timedelta(days=1)
        self._extend_to(last)

    def _extend_to(self, year: int) -> None:
        """Cover every day up to 31 December of ``year``, provisional years computed as needed.

        The next year's proposal is merged first: its 元旦 can reach back into December.
        """
        with self._lock:
            if self.last_day.year >= year:
                return
            holidays, workdays = set(self.holidays), set(self.workdays)
            marked = set(self.provisional_days)
            for y in range(self.last_day.year + 1, min(year + 1, LAST_PROVISIONAL_YEAR) + 1):
                if y in self._filled or y in self.official_years or y < FIRST_PROVISIONAL_YEAR:
                    continue
                self._filled.add(y)
                for r in provisional_records(y):
                    if r.day in holidays or r.day in workdays:
                        continue  # an official (or earlier) record for that day wins
                    (holidays if r.kind == "holiday" else workdays).add(r.day)
                    marked.add(r.day)
            start = self.last_day + timedelta(days=1)
            end = date(year, 12, 31)
            self.holidays, self.workdays = frozenset(holidays), frozenset(workdays)
            self.provisional_days = frozenset(marked)
            self._working = self._working + tuple(
                o
                for o in range(start.toordinal(), end.toordinal() + 1)
                if self._is_working(date.fromordinal(o))
            )
            self.last_day = end

    @classmethod
    def from_records(
        cls,
        records: Iterable[HolidayRecord],
        years: Iterable[int] | None = None,
        hours: WorkingHours | None = None,
    ) -> WorkingCalendar:
        """Calendar from holiday records.

        ``years`` are the schedule years the records cover completely (the official years); by
        default the years named by the records. A year missing between them, or after them, is
        filled in provisionally (暂定), never read as "no holidays that year".
        """
        rows = list(records)
        known = sorted(set(years) if years is not None else {r.year for r in rows})
        if not known:
            raise ValueError(
                "节假日记录为空，无法确定日历年份 / no holiday records, so no years are known"
            )
        missing = sorted(
            y
            for y in range(known[0], known[-1] + 1)
            if y not in known and y < FIRST_PROVISIONAL_YEAR
        )
        if missing:  # before the 2024 revision there is no rule to propose a schedule by
            raise ValueError(
                f"节假日记录缺少 {missing} 年的安排 / "
                f"holiday records lack the schedule for {missing}"
            )
        return cls(
            holidays=frozenset(r.day for r in rows if r.kind == "holiday"),
            workdays=frozenset(r.day for r in rows if r.kind == "workday"),
            years=(known[0], known[-1]),
            hours=hours,
            official_years=known,
        )

    @classmethod
    def packaged(cls, hours: WorkingHours | None = None) -> WorkingCalendar:
        """Calendar from the seed file ``jiazhou/worktime/data/holidays.csv``."""
        return cls.from_records(packaged_holiday_records(), hours=hours)

    @property
    def _reach(self) -> int:
        """The last year the calendar can cover: provisional years follow the official ones up
        to LAST_PROVISIONAL_YEAR only when no year before FIRST_PROVISIONAL_YEAR lies between
        (before the 2024 revision there is no rule to propose a schedule by)."""
        official = self._official_last.year
        if official < FIRST_PROVISIONAL_YEAR - 1:
            return official
        return max(LAST_PROVISIONAL_YEAR, official)

    @property
    def years(self) -> tuple[int, int]:
        """First and last official schedule year."""
        return self.first_day.year, self._official_last.year

    def is_provisional(self, day: date) -> bool:
        """True when ``day`` is in a year without the official notice, or a proposed record."""
        if day < self.first_day:
            return False
        return day.year not in self.official_years or day in self._provisional_marks(day.year)

    def _provisional_marks(self, year: int) -> frozenset[date]:
        if self.last_day.year < year:
            self._extend_to(year)
        return self.provisional_days

    def any_provisional(self, start: date, end: date) -> bool:
        """True when some day in ``[start, end]`` (either order) is provisional."""
        a, b = min(start, end), max(start, end)
        if any(
            y not in self.official_years
            for y in range(max(a.year, self.first_day.year), b.year + 1)
        ):
            return True
        return any(a <= d <= b for d in self._provisional_marks(b.year))

    # -- days -------------------------------------------------------------------------------

    def _is_working(self, day: date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def _check(self, day: date, field: str = "日期 date") -> None:
        if self.first_day <= day <= self.last_day:
            return
        if self.first_day <= day and day.year <= min(self._reach, LAST_PROVISIONAL_YEAR):
            self._extend_to(day.year)
            return
        last = self._reach
        raise CalendarRangeError(
            f"{field} {day.isoformat()} 超出工作日历可推算的年份 {self.first_day.year}–{last} / "
            f"{day.isoformat()} is outside the years the working calendar covers "
            f"({self.first_day.year}–{last})"
        )

    def _from_index(self, index: int, what_zh: str, what_en: str) -> date:
        while index >= len(self._working) and self.last_day.year < min(
            self._reach, LAST_PROVISIONAL_YEAR
        ):
            self._extend_to(self.last_day.year + 1)
        if not 0 <= index < len(self._working):
            raise CalendarRangeError(
                f"{what_zh}超出工作日历可推算的年份 {self.first_day.year}–{self.last_day.year} / "
                f"{what_en} falls outside the years the working calendar covers "
                f"({self.first_day.year}–{self.last_day.year})"
            )
        return date.fromordinal(self._working[index])

    def working_ordinals(self, through: date) -> tuple[int, ...]:
        """Sorted ordinals of every working day from the first year to at least ``through``.

        For vectorised counting: the number of working days on or before ``d`` is
        ``searchsorted(ordinals, d.toordinal(), "right")``.
        """
        self._check(through)
        return self._working

    def is_working_day(self, day: date) -> bool:
        """True on 工作日 and 调休上班日; False on weekends and 法定节假日."""
        self._check(day)
        return self._is_working(day)

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after ``day`` (n > 0), before it (n < 0), or ``day`` (n == 0)."""
        self._check(day)
        if n == 0:
            return day
        ordinal = day.toordinal()
        if n > 0:
            index = bisect_right(self._working, ordinal) + n - 1
        else:
            index = bisect_left(self._working, ordinal) + n
        return self._from_index(
            index, f"{day.isoformat()} 加 {n} 个工作日", f"{day.isoformat()} plus {n} working days"
        )

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in ``(start, end]``; negative when ``end`` is before ``start``.

        For every working day ``d`` and every ``n``,
        ``working_days_between(d, add_working_days(d, n)) == n``; for ``n >= 0`` this holds
        for any ``d``.
        """
        self._check(start, "起始日期 start")
        self._check(end, "截止日期 end")
        working = self._working
        return bisect_right(working, end.toordinal()) - bisect_right(working, start.toordinal())

    def roll_forward(self, day: date) -> date:
        """``day`` itself when it is a working day, else the next working day."""
        return day if self.is_working_day(day) else self.add_working_days(day, 1)

    # -- working time -----------------------------------------------------------------------

    def _worked_by(self, moment: datetime) -> timedelta:
        """Working time from the calendar's first day to ``moment`` (local time)."""
        day = moment.date()
        self._check(day)
        full_days = bisect_left(self._working, day.toordinal())
        today = self.hours.used_before(moment.time())
        return full_days * self.hours.day_length + (today if self._is_working(day) else _ZERO)

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time from ``start`` to ``end`` (aware datetimes); negative if reversed."""
        a = self.hours.local(start, "start")
        b = self.hours.local(end, "end")
        return self._worked_by(b) - self._worked_by(a)

    def add_working_time(self, start: datetime, duration: timedelta) -> datetime:
        """The instant at which ``duration`` (>= 0) of working time after ``start`` has passed.

        The result is in the calendar's time zone; a duration that ends exactly at the close of
        a period ends there (e.g. 17:30), not at the next opening.
        """
        if duration < _ZERO:
            raise ValueError(
                f"工作时长须为非负，收到 {duration} / working duration must be >= 0, got {duration}"
            )
        local = self.hours.local(start, "start")
        if duration == _ZERO:
            return local
        target = self._worked_by(local) + duration
        day_length = self.hours.day_length
        full_days, rest = divmod(target, day_length)
        if rest == _ZERO:  # ends at the close of the full_days-th working day
            full_days, rest = full_days - 1, day_length
        day = self._from_index(
            int(full_days),
            f"{local.isoformat()} 加工作时长 {duration} ",
            f"{local.isoformat()} plus {duration} of working time",
        )
        clock = self.hours.clock_after(rest)
        return datetime.combine(day, clock, tzinfo=self.hours.tz)

    def deadline(self, start: datetime, n: int) -> datetime:
        """Close of business on the n-th working day after ``start``'s date (期限届满).

        The day of ``start`` is not counted (期间开始的当日不计入); ``n == 0`` gives close of
        business on the start date itself.
        """
        local = self.hours.local(start, "start")
        due = self.add_working_days(local.date(), n)
        return datetime.combine(due, self.hours.closing_time, tzinfo=self.hours.tz)

    def elapsed_pct(self, start: datetime, deadline: datetime, at: datetime) -> float:
        """Share of the working time from ``start`` to ``deadline`` elapsed at ``at``, in %.

        This is a task's 序时进度, clipped to ``[0, 100]``; a window with no working time is
        0 % before the deadline and 100 % from it on.
        """
        total = self.working_time_between(start, deadline)
        if total <= _ZERO:
            return 100.0 if at >= deadline else 0.0
        done = self.working_time_between(start, min(max(at, start), deadline))
        return 100.0 * (done / total)
