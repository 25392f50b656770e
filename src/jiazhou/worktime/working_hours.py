"""Office hours (工作时间): the daily working periods and the time zone they are read in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

__all__ = ["WorkingHours"]

_US_PER_SECOND = 1_000_000


def _us(t: time) -> int:
    """Microseconds since midnight."""
    return ((t.hour * 60 + t.minute) * 60 + t.second) * _US_PER_SECOND + t.microsecond


def _time(us: int) -> time:
    seconds, micro = divmod(us, _US_PER_SECOND)
    return time(seconds // 3600, seconds % 3600 // 60, seconds % 60, micro)


@dataclass(frozen=True)
class WorkingHours:
    """Daily working periods, e.g. 09:00–12:00 and 13:30–17:30 in Asia/Shanghai.

    Periods are half-open ``[start, end)``, sorted and non-overlapping; the same periods apply
    to every working day (法定工作日 and 调休上班日 alike).
    """

    periods: tuple[tuple[time, time], ...] = (
        (time(9, 0), time(12, 0)),
        (time(13, 30), time(17, 30)),
    )
    timezone: str = "Asia/Shanghai"

    def __post_init__(self) -> None:
        if not self.periods:
            raise ValueError("工作时间至少需要一个时段 / working hours need at least one period")
        previous_end = -1
        for start, end in self.periods:
            if not _us(start) < _us(end):
                raise ValueError(
                    f"工作时段 {start}–{end} 的开始须早于结束 / "
                    f"working period {start}–{end} must start before it ends"
                )
            if _us(start) < previous_end:
                raise ValueError(
                    f"工作时段 {start}–{end} 与前一时段重叠或未按时间排序 / "
                    f"working period {start}–{end} overlaps or precedes the previous period"
                )
            previous_end = _us(end)
        ZoneInfo(self.timezone)  # fails early on an unknown zone name

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @cached_property
    def _bounds(self) -> tuple[tuple[int, int], ...]:
        """The periods in microseconds since midnight."""
        return tuple((_us(start), _us(end)) for start, end in self.periods)

    @cached_property
    def day_length(self) -> timedelta:
        """Working time in one working day (7 h for the default hours)."""
        return timedelta(microseconds=sum(end - start for start, end in self._bounds))

    @property
    def closing_time(self) -> time:
        """End of the last period: when a day's deadline falls (停止办公的时间)."""
        return self.periods[-1][1]

    def local(self, moment: datetime, field: str = "datetime") -> datetime:
        """``moment`` in this time zone; naive datetimes are refused."""
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(
                f"{field} 须为带时区的时间（aware datetime），收到无时区的 {moment.isoformat()} / "
                f"{field} must be an aware datetime, got naive {moment.isoformat()}"
            )
        return moment.astimezone(self.tz)

    def used_before(self, clock: time) -> timedelta:
        """Working time of one working day that lies before the wall-clock time ``clock``."""
        at = _us(clock)
        return timedelta(
            microseconds=sum(max(0, min(at, end) - start) for start, end in self._bounds)
        )

    def clock_after(self, used: timedelta) -> time:
        """Wall-clock time at which ``used`` of the working day has been worked.

        ``0 < used <= day_length``; an amount that exactly fills a period ends at that period's
        end, not at the start of the next one.
        """
        left = used // timedelta(microseconds=1)
        for start, end in self._bounds:
            if left <= end - start:
                return _time(start + left)
            left -= end - start
        raise ValueError(
            f"{used} 超过一个工作日的工作时长 {self.day_length} / "
            f"{used} exceeds one working day of {self.day_length}"
        )
