"""SLA clocks: 补正 pauses the clock, 延期 extends it (行政许可法 第四十二条 style periods)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from jiazhou.worktime import (
    Extension,
    Pause,
    SlaClock,
    WorkingCalendar,
    evaluate_sla,
    merge_pauses,
)

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


# -- issue 22: histories that cannot happen, and the 延期 rule -----------------------------------
# START Tue 2025-09-30 10:00, 5 working days: due Tue 10-14 17:30, budget 41 h (see above).


def test_chinese_state_labels(cal: WorkingCalendar) -> None:
    paused = SlaClock(START, 5, pauses=(Pause(sh(2025, 10, 9, 12)),))
    assert evaluate_sla(paused, cal, sh(2025, 10, 10, 9)).state_zh == "暂停计时（补正）"
    assert evaluate_sla(SlaClock(START, 5), cal, sh(2025, 10, 15, 10)).state_zh == "已超期"
    late = SlaClock(START, 5, completed_at=sh(2025, 10, 15, 16))
    assert evaluate_sla(late, cal, sh(2025, 12, 1, 9)).state_zh == "超期办结"


def test_completing_exactly_at_the_budget_is_on_time(cal: WorkingCalendar) -> None:
    report = evaluate_sla(
        SlaClock(START, 5, completed_at=sh(2025, 10, 14, 17, 30)), cal, sh(2025, 12, 1, 9)
    )
    assert (report.state, report.elapsed, report.overdue) == (
        "completed_on_time",
        41 * H,
        timedelta(0),
    )
    # One minute of working time later is late: Wed 10-15 09:01.
    late = evaluate_sla(
        SlaClock(START, 5, completed_at=sh(2025, 10, 15, 9, 1)), cal, sh(2025, 12, 1, 9)
    )
    assert (late.state, late.overdue) == ("completed_late", timedelta(minutes=1))


def test_an_extension_granted_at_the_evaluation_instant_counts(cal: WorkingCalendar) -> None:
    ext = Extension(sh(2025, 10, 13, 10), 10)
    report = evaluate_sla(SlaClock(START, 5, extensions=(ext,)), cal, sh(2025, 10, 13, 10))
    assert report.extension_days == 10
    assert report.budget == 41 * H + 70 * H


def test_zero_length_and_back_to_back_pauses(cal: WorkingCalendar) -> None:
    # A zero-length pause stops nothing; back-to-back pauses Thu 10-09 09:00–12:00 and
    # 12:00–Fri 10-10 12:00 stop 3 h + (4 h afternoon + 3 h morning) = 10 h of working time,
    # the due instant moving from Tue 10-14 17:30 by 10 h: Wed 10-15 (7 h) + 3 h on Thu 10-16
    # → 12:00.
    zero = Pause(sh(2025, 10, 8, 10), sh(2025, 10, 8, 10))
    first = Pause(sh(2025, 10, 9, 9), sh(2025, 10, 9, 12))
    second = Pause(sh(2025, 10, 9, 12), sh(2025, 10, 10, 12))
    report = evaluate_sla(
        SlaClock(START, 5, pauses=(zero, first, second)), cal, sh(2025, 10, 13, 9)
    )
    assert report.paused == 10 * H
    assert report.due_at == sh(2025, 10, 16, 12)
    assert report.state == "running"


def test_completion_before_the_start_is_refused(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError, match="办结时间 .* 早于受理时间"):
        evaluate_sla(SlaClock(START, 5, completed_at=sh(2025, 9, 29, 9)), cal, sh(2025, 11, 1))


def test_negative_extension_is_refused(cal: WorkingCalendar) -> None:
    clock = SlaClock(START, 5, extensions=(Extension(sh(2025, 10, 13, 10), -3),))
    with pytest.raises(ValueError, match="延期天数须为非负工作日数，收到 -3"):
        evaluate_sla(clock, cal, sh(2025, 10, 20, 9))


def test_extension_granted_after_completion_is_refused(cal: WorkingCalendar) -> None:
    # Completed late on 10-15 16:00; a 延期 granted on 10-16 would make it on time.
    ext = Extension(sh(2025, 10, 16, 9), 10, requested_at=sh(2025, 10, 14, 9))
    clock = SlaClock(START, 5, extensions=(ext,), completed_at=sh(2025, 10, 15, 16))
    with pytest.raises(ValueError, match="办结后不能延期"):
        evaluate_sla(clock, cal, sh(2025, 12, 1, 9))
    # Granted exactly at completion is still before it ends.
    ok = SlaClock(
        START,
        5,
        extensions=(Extension(sh(2025, 10, 15, 16), 10, requested_at=sh(2025, 10, 14, 9)),),
        completed_at=sh(2025, 10, 15, 16),
    )
    assert evaluate_sla(ok, cal, sh(2025, 12, 1, 9)).state == "completed_on_time"


def test_extension_requested_after_the_due_instant_is_refused(cal: WorkingCalendar) -> None:
    # Budget ran out Tue 10-14 17:30 = Wed 10-15 09:00 in working time; 09:01 is one minute late.
    late = SlaClock(START, 5, extensions=(Extension(sh(2025, 10, 15, 9, 1), 10),))
    with pytest.raises(ValueError, match="超期后不能延期"):
        evaluate_sla(late, cal, sh(2025, 10, 16, 9))
    in_time = SlaClock(START, 5, extensions=(Extension(sh(2025, 10, 15, 9), 10),))
    assert evaluate_sla(in_time, cal, sh(2025, 10, 16, 9)).state == "running"


def test_extension_requested_in_time_and_approved_late_counts(cal: WorkingCalendar) -> None:
    # Requested Tue 10-14 17:30 (the due instant), approved Thu 10-16 10:00: the case is judged
    # with the extension — 10 more working days, due Tue 10-28 17:30 — not as overdue.
    ext = Extension(sh(2025, 10, 16, 10), 10, requested_at=sh(2025, 10, 14, 17, 30))
    report = evaluate_sla(SlaClock(START, 5, extensions=(ext,)), cal, sh(2025, 10, 16, 12))
    assert (report.state, report.due_at) == ("running", sh(2025, 10, 28, 17, 30))
    # Before the approval the case is overdue (the request alone does not extend): Wed 10-15
    # (7 h) and 30 minutes of Thu 10-16.
    waiting = evaluate_sla(SlaClock(START, 5, extensions=(ext,)), cal, sh(2025, 10, 16, 9, 30))
    assert (waiting.state, waiting.overdue) == ("overdue", 7.5 * H)


def test_a_pause_moves_the_limit_for_an_extension_request(cal: WorkingCalendar) -> None:
    # 补正 Fri 10-10 09:00 → Mon 10-13 09:00 stops 14 h: a request on Wed 10-15 10:00 is at
    # 6 + 6×7 + 1 − 14 = 35 h of 41 h → in time.
    pause = Pause(sh(2025, 10, 10, 9), sh(2025, 10, 13, 9))
    ext = Extension(sh(2025, 10, 15, 10), 5)
    report = evaluate_sla(
        SlaClock(START, 5, pauses=(pause,), extensions=(ext,)), cal, sh(2025, 10, 15, 11)
    )
    assert (report.state, report.extension_days) == ("running", 5)


@pytest.mark.parametrize(
    ("extension", "message"),
    [
        (Extension(sh(2025, 9, 29, 9), 5), "早于受理时间"),
        (Extension(sh(2025, 10, 9, 9), 5, requested_at=sh(2025, 10, 10, 9)), "早于申请时间"),
    ],
)
def test_extension_out_of_order_is_refused(
    cal: WorkingCalendar, extension: Extension, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        evaluate_sla(SlaClock(START, 5, extensions=(extension,)), cal, sh(2025, 11, 1, 9))


def test_pause_after_completion_is_refused(cal: WorkingCalendar) -> None:
    clock = SlaClock(
        START,
        5,
        pauses=(Pause(sh(2025, 10, 13, 9), sh(2025, 10, 14, 9)),),
        completed_at=sh(2025, 10, 10, 9),
    )
    with pytest.raises(ValueError, match="晚于办结时间"):
        evaluate_sla(clock, cal, sh(2025, 11, 1, 9))


def test_merge_pauses_joins_overlapping_and_back_to_back_records() -> None:
    a = Pause(sh(2025, 10, 9, 9), sh(2025, 10, 10, 9), "补正身份证明")
    b = Pause(sh(2025, 10, 9, 15), sh(2025, 10, 13, 9), "补正财务报表")  # overlaps a
    c = Pause(sh(2025, 10, 13, 9), sh(2025, 10, 13, 12))  # starts where b ends
    d = Pause(sh(2025, 10, 20, 9), sh(2025, 10, 21, 9), "补正")
    merged = merge_pauses([d, c, b, a])
    assert merged == (
        Pause(sh(2025, 10, 9, 9), sh(2025, 10, 13, 12), "补正身份证明；补正财务报表"),
        d,
    )
    # An open pause absorbs everything after it.
    open_ = Pause(sh(2025, 10, 9, 9), None, "补正")
    assert merge_pauses([open_, d]) == (open_,)
    assert merge_pauses([d, Pause(sh(2025, 10, 20, 12))]) == (Pause(d.start, None, "补正"),)
    # Merged pauses are accepted where the raw ones are refused as overlapping.
    with pytest.raises(ValueError, match="重叠"):
        evaluate_sla(
            SlaClock(START, 5, pauses=(a, b)), WorkingCalendar.packaged(), sh(2025, 10, 20, 9)
        )
    report = evaluate_sla(
        SlaClock(START, 5, pauses=merge_pauses([a, b])),
        WorkingCalendar.packaged(),
        sh(2025, 10, 20, 9),
    )
    # 10-09 09:00 → 10-13 09:00: 10-09, 10-10, Sat 10-11 (调休) = 21 h stopped.
    assert report.paused == 21 * H


def test_evaluated_exactly_when_a_pause_ends_the_clock_runs_again(cal: WorkingCalendar) -> None:
    # 补正 Fri 10-10 09:00 → Mon 10-13 09:00; at 10-13 09:00 the applicant has answered.
    pause = Pause(sh(2025, 10, 10, 9), sh(2025, 10, 13, 9))
    report = evaluate_sla(SlaClock(START, 5, pauses=(pause,)), cal, sh(2025, 10, 13, 9))
    assert (report.state, report.paused) == ("running", 14 * H)


def test_a_zero_budget_is_fully_used(cal: WorkingCalendar) -> None:
    # Accepted at close of business with 0 working days: due at once, nothing to divide by.
    start = sh(2025, 10, 14, 17, 30)
    report = evaluate_sla(SlaClock(start, 0), cal, start)
    assert (report.budget, report.elapsed_pct, report.state) == (timedelta(0), 100.0, "running")
    late = evaluate_sla(SlaClock(start, 0), cal, sh(2025, 10, 15, 10))
    assert (late.state, late.overdue, late.elapsed_pct) == ("overdue", 1 * H, 100.0)


def test_merge_pauses_compares_with_the_latest_merged_pause() -> None:
    # a stands alone; c overlaps b but not a: two pauses, b and c joined.
    a = Pause(sh(2025, 10, 9, 9), sh(2025, 10, 9, 10))
    b = Pause(sh(2025, 10, 10, 9), sh(2025, 10, 10, 15))
    c = Pause(sh(2025, 10, 10, 14), sh(2025, 10, 13, 9))
    assert merge_pauses([a, b, c]) == (a, Pause(b.start, c.end))


def test_an_earlier_extension_keeps_a_later_request_in_time(cal: WorkingCalendar) -> None:
    # 10 days granted Mon 10-13 move the limit to Tue 10-28 17:30: a second request on Mon
    # 10-20 is in time (though after the nominal due instant 10-14 17:30).
    first = Extension(sh(2025, 10, 13, 10), 10)
    second = Extension(sh(2025, 10, 20, 10), 3)
    report = evaluate_sla(SlaClock(START, 5, extensions=(first, second)), cal, sh(2025, 10, 21, 9))
    assert (report.state, report.extension_days) == ("running", 13)


def test_a_pending_extension_does_not_keep_a_second_request_in_time(
    cal: WorkingCalendar,
) -> None:
    # The first 延期 was asked in time (10-13) but only granted on 10-20; a second one asked on
    # Wed 10-15 09:01 finds the case overdue (the pending one does not extend yet): refused.
    first = Extension(sh(2025, 10, 20, 10), 10, requested_at=sh(2025, 10, 13, 10))
    second = Extension(sh(2025, 10, 21, 10), 3, requested_at=sh(2025, 10, 15, 9, 1))
    with pytest.raises(ValueError, match="超期后不能延期"):
        evaluate_sla(SlaClock(START, 5, extensions=(first, second)), cal, sh(2025, 10, 22, 9))


def test_a_finished_pause_counts_only_its_own_length_for_a_request(
    cal: WorkingCalendar,
) -> None:
    # 补正 Fri 10-10 09:00 → Mon 10-13 09:00 (14 h) moves the limit to Thu 10-16 17:30. A request
    # on Fri 10-17 10:00 is at 6 + 7 × 7 + 1 − 14 = 42 h of 41 h: too late.
    pause = Pause(sh(2025, 10, 10, 9), sh(2025, 10, 13, 9))
    clock = SlaClock(START, 5, pauses=(pause,), extensions=(Extension(sh(2025, 10, 17, 10), 5),))
    with pytest.raises(ValueError, match="超期后不能延期"):
        evaluate_sla(clock, cal, sh(2025, 10, 20, 9))


def test_completion_at_the_start_instant_and_a_pause_at_completion(cal: WorkingCalendar) -> None:
    done_at_once = evaluate_sla(SlaClock(START, 5, completed_at=START), cal, sh(2025, 10, 9, 9))
    assert (done_at_once.state, done_at_once.elapsed) == ("completed_on_time", timedelta(0))
    # A (zero-length) pause recorded at the completion instant is not after completion.
    done = sh(2025, 10, 10, 9)
    clock = SlaClock(START, 5, pauses=(Pause(done, done),), completed_at=done)
    assert evaluate_sla(clock, cal, sh(2025, 10, 20, 9)).state == "completed_on_time"


def test_a_pause_after_the_due_instant_does_not_move_it(cal: WorkingCalendar) -> None:
    # Overdue since Tue 10-14 17:30, then paused Thu 10-16 09:00 → Fri 10-17 09:00: the due
    # instant stays; overdue is Wed 10-15 (7 h) + Fri 10-17 and Mon 10-20 to 09:00 (7 h) = 14 h.
    pause = Pause(sh(2025, 10, 16, 9), sh(2025, 10, 17, 9))
    report = evaluate_sla(SlaClock(START, 5, pauses=(pause,)), cal, sh(2025, 10, 20, 9))
    assert report.due_at == sh(2025, 10, 14, 17, 30)
    assert (report.state, report.overdue) == ("overdue", 14 * H)


def test_a_zero_day_extension_is_accepted_and_changes_nothing(cal: WorkingCalendar) -> None:
    clock = SlaClock(START, 5, extensions=(Extension(sh(2025, 10, 13, 10), 0),))
    report = evaluate_sla(clock, cal, sh(2025, 10, 14, 9))
    assert (report.extension_days, report.budget, report.state) == (0, 41 * H, "running")


def test_a_request_at_the_instant_an_earlier_extension_is_granted_counts_it(
    cal: WorkingCalendar,
) -> None:
    # First 延期 asked 10-13, granted Mon 10-20 10:00; the second asked at that very instant
    # already has the first one's 10 days (limit 10-28 17:30): in time.
    first = Extension(sh(2025, 10, 20, 10), 10, requested_at=sh(2025, 10, 13, 10))
    second = Extension(sh(2025, 10, 21, 10), 3, requested_at=sh(2025, 10, 20, 10))
    report = evaluate_sla(SlaClock(START, 5, extensions=(first, second)), cal, sh(2025, 10, 22, 9))
    assert (report.state, report.extension_days) == ("running", 13)


def test_a_pause_after_the_request_does_not_count_for_it(cal: WorkingCalendar) -> None:
    # Asked Tue 10-14 17:00 (40.5 h of 41 h): in time, whatever 补正 follows on Thu 10-16.
    pause = Pause(sh(2025, 10, 16, 9), sh(2025, 10, 16, 12))
    ext = Extension(sh(2025, 10, 14, 17), 5)
    report = evaluate_sla(
        SlaClock(START, 5, pauses=(pause,), extensions=(ext,)), cal, sh(2025, 10, 17, 9)
    )
    assert (report.extension_days, report.state) == (5, "running")


def test_extension_day_boundaries(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError, match="收到 -1"):
        evaluate_sla(
            SlaClock(START, 5, extensions=(Extension(sh(2025, 10, 13, 10), -1),)),
            cal,
            sh(2025, 10, 14, 9),
        )
    # Granted before a (late) completion: accepted, and the completion is then on time.
    ext = Extension(sh(2025, 10, 13, 10), 1)
    clock = SlaClock(START, 5, extensions=(ext,), completed_at=sh(2025, 10, 15, 16))
    assert evaluate_sla(clock, cal, sh(2025, 12, 1, 9)).state == "completed_on_time"


def test_clocks_and_their_events_are_values() -> None:
    # Frozen records: a report can be cached by its clock, and history cannot be edited in place.
    ext = Extension(START, 1)
    clock = SlaClock(START, 5, extensions=(ext,))
    assert {clock: 1}[SlaClock(START, 5, extensions=(Extension(START, 1),))] == 1
    with pytest.raises(AttributeError):
        clock.working_days = 6  # type: ignore[misc]
    with pytest.raises(AttributeError):
        ext.working_days = 6  # type: ignore[misc]


def test_completion_at_the_evaluation_instant_is_known(cal: WorkingCalendar) -> None:
    done = sh(2025, 10, 14, 16)
    report = evaluate_sla(SlaClock(START, 5, completed_at=done), cal, done)
    assert (report.state, report.state_zh) == ("completed_on_time", "按期办结")


def test_events_at_the_start_instant_are_not_before_it(cal: WorkingCalendar) -> None:
    # A 补正 or a 延期 request at the very instant the case is accepted is allowed.
    pause = Pause(START, sh(2025, 10, 9, 9))
    report = evaluate_sla(SlaClock(START, 5, pauses=(pause,)), cal, sh(2025, 10, 9, 10))
    assert (report.state, report.elapsed) == ("running", 1 * H)
    ext = Extension(START, 2)
    assert evaluate_sla(SlaClock(START, 5, extensions=(ext,)), cal, START).extension_days == 2


def test_a_pause_starting_at_the_evaluation_instant_is_paused(cal: WorkingCalendar) -> None:
    start = sh(2025, 10, 10, 9)
    report = evaluate_sla(SlaClock(START, 5, pauses=(Pause(start),)), cal, start)
    assert (report.state, report.state_zh) == ("paused", "暂停计时（补正）")


def test_a_budget_used_up_as_a_pause_begins_is_due_then(cal: WorkingCalendar) -> None:
    # The 41 h run out at Tue 10-14 17:30, the instant a 补正 pause starts: due then, not when
    # the applicant answers.
    pause = Pause(sh(2025, 10, 14, 17, 30), sh(2025, 10, 16, 9))
    report = evaluate_sla(SlaClock(START, 5, pauses=(pause,)), cal, sh(2025, 10, 20, 9))
    assert report.due_at == sh(2025, 10, 14, 17, 30)


def test_pauses_are_values() -> None:
    pause = Pause(START)
    assert {pause: 1}[Pause(START)] == 1
    with pytest.raises(AttributeError):
        pause.reason = "x"  # type: ignore[misc]


def test_minus_one_working_day_is_refused(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError, match="收到 -1"):
        evaluate_sla(SlaClock(START, -1), cal, sh(2025, 10, 9, 9))
