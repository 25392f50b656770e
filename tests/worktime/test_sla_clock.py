"""SLA clocks: 补正 pauses the clock, 延期 extends it (行政许可法 第四十二条 style periods)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from jiazhou.worktime import Extension, Pause, SlaClock, WorkingCalendar, evaluate_sla

SHANGHAI = ZoneInfo("Asia/Shanghai")
H = timedelta(hours=1)


def sh(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware Asia/Shanghai datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


START = sh(2025, 9, 30, 10)  # Tue before 国庆 2025


def test_running_clock(cal: WorkingCalendar) -> None:
    # 5 working days: 10-09, 10-10, 10-11 (Sat 调休), 10-13, 10-14.
    report = evaluate_sla(SlaClock(START, 5), cal, sh(2025, 10, 9, 12))
    assert report.state == "running"
    assert report.state_zh == "计时中"
    assert report.nominal_due_at == sh(2025, 10, 14, 17, 30)
    assert report.due_at == report.nominal_due_at
    assert report.budget == 6 * H + 5 * 7 * H
    assert report.elapsed == 6 * H + 3 * H
    assert report.remaining == report.budget - report.elapsed
    assert report.overdue == timedelta(0)
    assert report.elapsed_pct == pytest.approx(100 * 9 / 41)


def test_overdue_clock(cal: WorkingCalendar) -> None:
    report = evaluate_sla(SlaClock(START, 5), cal, sh(2025, 10, 15, 10))
    assert report.state == "overdue"
    assert report.overdue == 1 * H
    assert report.remaining == timedelta(0)


def test_exactly_at_the_deadline_is_not_overdue(cal: WorkingCalendar) -> None:
    report = evaluate_sla(SlaClock(START, 5), cal, sh(2025, 10, 14, 17, 30))
    assert report.state == "running"
    assert report.remaining == timedelta(0)
    assert report.elapsed_pct == pytest.approx(100.0)


def test_pause_for_buzheng_moves_the_due_date(cal: WorkingCalendar) -> None:
    # Paused Fri 10-10 09:00 → Mon 10-13 09:00: 10-10 and Sat 10-11 (调休) = 14 h stopped.
    pause = Pause(sh(2025, 10, 10, 9), sh(2025, 10, 13, 9), "补正材料")
    report = evaluate_sla(SlaClock(START, 5, pauses=(pause,)), cal, sh(2025, 10, 20, 9))
    assert report.paused == 14 * H
    assert report.due_at == sh(2025, 10, 16, 17, 30)
    # 6 h + 8 working days × 7 h (10-09 … 10-17) − 14 h paused = 48 h; budget 41 h.
    assert report.elapsed == 48 * H
    assert report.state == "overdue"
    assert report.overdue == 7 * H


def test_open_pause_reports_paused_and_freezes_elapsed(cal: WorkingCalendar) -> None:
    pause = Pause(sh(2025, 10, 9, 12))
    clock = SlaClock(START, 5, pauses=(pause,))
    early = evaluate_sla(clock, cal, sh(2025, 10, 10, 9))
    late = evaluate_sla(clock, cal, sh(2025, 11, 30, 9))
    assert early.state == late.state == "paused"
    assert early.elapsed == late.elapsed == 6 * H + 3 * H
    # While paused, due_at assumes the clock resumes now: 32 h remain from 2025-11-30 09:00
    # (Sunday) → Mon 12-01 … Thu 12-04 (28 h) + 4 h on Fri 12-05 → 14:30.
    assert late.due_at == sh(2025, 12, 5, 14, 30)


def test_pause_after_at_is_ignored(cal: WorkingCalendar) -> None:
    pause = Pause(sh(2025, 10, 13, 9), sh(2025, 10, 14, 9))
    report = evaluate_sla(SlaClock(START, 5, pauses=(pause,)), cal, sh(2025, 10, 10, 9))
    assert report.state == "running"
    assert report.paused == timedelta(0)


def test_extension_counts_only_once_granted(cal: WorkingCalendar) -> None:
    ext = Extension(sh(2025, 10, 13, 10), 10, "经负责人批准延长十日")
    clock = SlaClock(START, 5, extensions=(ext,))
    before = evaluate_sla(clock, cal, sh(2025, 10, 13, 9))
    after = evaluate_sla(clock, cal, sh(2025, 10, 15, 9))
    assert before.extension_days == 0
    assert after.extension_days == 10
    assert after.budget == before.budget + 70 * H
    assert after.state == "running"
    # 10 more working days after 10-14: 10-15 … 10-28.
    assert after.due_at == sh(2025, 10, 28, 17, 30)


def test_completed_on_time_and_late(cal: WorkingCalendar) -> None:
    on_time = SlaClock(START, 5, completed_at=sh(2025, 10, 14, 16))
    late = SlaClock(START, 5, completed_at=sh(2025, 10, 15, 16))
    r1 = evaluate_sla(on_time, cal, sh(2025, 12, 1, 9))
    r2 = evaluate_sla(late, cal, sh(2025, 12, 1, 9))
    assert (r1.state, r1.state_zh) == ("completed_on_time", "按期办结")
    assert r1.remaining == 1.5 * H
    assert (r2.state, r2.overdue) == ("completed_late", 5.5 * H)  # 09:00–12:00, 13:30–16:00
    # Completion after ``at`` is not yet known.
    assert evaluate_sla(late, cal, sh(2025, 10, 10, 9)).state == "running"


def test_completion_during_an_open_pause(cal: WorkingCalendar) -> None:
    clock = SlaClock(
        START, 5, pauses=(Pause(sh(2025, 10, 9, 12)),), completed_at=sh(2025, 10, 20, 9)
    )
    report = evaluate_sla(clock, cal, sh(2025, 10, 21, 9))
    assert report.state == "completed_on_time"
    assert report.elapsed == 9 * H


@pytest.mark.parametrize(
    ("pauses", "message"),
    [
        ((Pause(sh(2025, 9, 29, 9), sh(2025, 9, 30, 9)),), "早于受理时间"),
        ((Pause(sh(2025, 10, 10, 9), sh(2025, 10, 9, 9)),), "结束早于开始"),
        (
            (Pause(sh(2025, 10, 9, 9), sh(2025, 10, 13, 9)), Pause(sh(2025, 10, 10, 9))),
            "与前一次重叠",
        ),
        ((Pause(sh(2025, 10, 9, 9)), Pause(sh(2025, 10, 13, 9))), "尚未结束"),
    ],
)
def test_inconsistent_pauses_are_refused(
    cal: WorkingCalendar, pauses: tuple[Pause, ...], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        evaluate_sla(SlaClock(START, 5, pauses=pauses), cal, sh(2025, 11, 1, 9))
