"""企业诉求 engine: the hand-computed cases of docs/specs/next-capabilities.md §4.7, and every
boundary of the clocks, 三率, points rule, 红黑榜 and repeat rule."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from jiazhou.tickets import (
    Candidate,
    DayConvention,
    TicketFacts,
    TransitionError,
    available_steps,
    check_step,
    composite_score,
    deduction_points,
    find_repeat,
    handling_clock,
    handling_due,
    rank_peer_group,
    response_due,
    return_is_late,
    similarity,
    three_rates,
    three_rates_naive,
)
from jiazhou.worktime import Extension, Pause, WorkingCalendar, evaluate_sla

SH = ZoneInfo("Asia/Shanghai")
CAL = WorkingCalendar.packaged()


def t(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=SH)


# -- §4.7 case 1: 端午 2025 (05-31..06-02 holidays) -------------------------------------------


def test_case1_dispatch_friday_evening_due_monday_after_dragon_boat() -> None:
    dispatched = t(2025, 5, 30, 17)
    # wd1 = Tue 06-03, wd2 06-04, wd3 06-05, wd4 06-06, wd5 Mon 06-09
    assert handling_due(CAL, dispatched, 5) == t(2025, 6, 9, 17, 30)


def test_case1_dispatch_day_counting_convention_gives_friday() -> None:
    dispatched = t(2025, 5, 30, 17)
    # wd1 = Fri 05-30 itself, wd2 06-03, wd3 06-04, wd4 06-05, wd5 Fri 06-06
    due = handling_due(CAL, dispatched, 5, DayConvention.DISPATCH_DAY_COUNTS)
    assert due == t(2025, 6, 6, 17, 30)


def test_dispatch_day_counting_on_a_holiday_does_not_count_the_holiday() -> None:
    # dispatched Sat 05-31 (端午): the day is not a working day, so wd1 = Tue 06-03 either way
    sat = t(2025, 5, 31, 10)
    assert handling_due(CAL, sat, 5, DayConvention.DISPATCH_DAY_COUNTS) == t(2025, 6, 9, 17, 30)
    assert handling_due(CAL, sat, 5) == t(2025, 6, 9, 17, 30)


def test_due_instant_is_close_of_business_and_the_next_working_minute_is_overdue() -> None:
    clock = handling_clock(CAL, t(2025, 5, 30, 17), 5)
    assert evaluate_sla(clock, CAL, t(2025, 6, 9, 17, 30)).state == "running"
    # after hours no working time passes: the budget is used up, not exceeded
    assert evaluate_sla(clock, CAL, t(2025, 6, 9, 20, 0)).state == "running"
    assert evaluate_sla(clock, CAL, t(2025, 6, 10, 9, 1)).state == "overdue"


# -- §4.7 case 2: 补正 pause of 2 working days → due + 2 wd -----------------------------------


def test_case2_pause_of_two_working_days_moves_the_due_date_two_working_days() -> None:
    dispatched = t(2025, 6, 3, 9)  # Tue; due Tue 06-10 17:30 (06-04,05,06,09,10)
    assert handling_due(CAL, dispatched, 5) == t(2025, 6, 10, 17, 30)
    pause = Pause(t(2025, 6, 4, 9), t(2025, 6, 6, 9), "补正材料")  # Wed 09:00 → Fri 09:00 = 2 wd
    clock = handling_clock(CAL, dispatched, 5, pauses=(pause,))
    report = evaluate_sla(clock, CAL, t(2025, 6, 6, 10))
    assert report.paused == timedelta(hours=14)  # 2 × 7 h
    assert report.due_at == t(2025, 6, 12, 17, 30)  # 06-10 + 2 wd = Thu 06-12


def test_open_pause_reads_paused_and_approved_extension_adds_days() -> None:
    dispatched = t(2025, 6, 3, 9)
    clock = handling_clock(CAL, dispatched, 5, pauses=(Pause(t(2025, 6, 4, 9)),))
    assert evaluate_sla(clock, CAL, t(2025, 6, 5, 9)).state == "paused"
    ext = Extension(granted_at=t(2025, 6, 5, 9), working_days=3, requested_at=t(2025, 6, 4, 16))
    clock = handling_clock(CAL, dispatched, 5, extensions=(ext,))
    assert evaluate_sla(clock, CAL, t(2025, 6, 6, 9)).due_at == t(2025, 6, 13, 17, 30)


# -- §4.7 case 3: 退单 after 3 wd is late (limit 2 wd); re-dispatch resets for the new unit ----


def test_case3_return_after_three_working_days_is_late() -> None:
    dispatched = t(2025, 6, 3, 9)  # limit: close of Thu 06-05
    assert not return_is_late(CAL, dispatched, t(2025, 6, 5, 17, 30))  # boundary: on time
    assert return_is_late(CAL, dispatched, t(2025, 6, 5, 17, 31))
    assert return_is_late(CAL, dispatched, t(2025, 6, 6, 10))  # 3rd working day
    with pytest.raises(ValueError, match="退单时间早于派单时间"):
        return_is_late(CAL, dispatched, t(2025, 6, 2, 10))


def test_case3_redispatch_starts_a_new_clock_for_the_new_unit() -> None:
    first = handling_clock(CAL, t(2025, 6, 3, 9), 5)
    second = handling_clock(CAL, t(2025, 6, 6, 10), 5)  # after the 退单, to the new unit
    at = t(2025, 6, 11, 10)
    assert evaluate_sla(first, CAL, at).state == "overdue"  # the first unit's clock ran out 06-10
    assert evaluate_sla(second, CAL, at).state == "running"
    assert evaluate_sla(second, CAL, at).due_at == t(2025, 6, 13, 17, 30)


def test_response_clock_starts_at_dispatch_in_working_hours() -> None:
    # Fri 05-30 17:00 + 2 working hours: 30 min on Fri, 1 h 30 on Tue 06-03 → 10:30
    assert response_due(CAL, t(2025, 5, 30, 17), 2) == t(2025, 6, 3, 10, 30)
    # 11:30 + 1 h: 30 min to 12:00, lunch, 30 min from 13:30 → 14:00
    assert response_due(CAL, t(2025, 6, 3, 11, 30), 1) == t(2025, 6, 3, 14, 0)
    assert response_due(CAL, t(2025, 6, 3, 11), 1) == t(2025, 6, 3, 12, 0)  # ends at the close
    with pytest.raises(ValueError):
        response_due(CAL, t(2025, 6, 3, 11), -1)


# -- §4.7 case 4: 三率 98 / 80 / 90 with 30/35/35 → 88.9 -------------------------------------


def test_case4_composite_score() -> None:
    assert composite_score(Decimal(98), Decimal(80), Decimal(90)) == Decimal("88.9")


def test_composite_needs_every_rate_and_weights_summing_to_one() -> None:
    assert composite_score(None, Decimal(80), Decimal(90)) is None
    bad = {"response": Decimal("0.3"), "resolution": Decimal("0.3"), "satisfaction": Decimal("0.3")}
    with pytest.raises(ValueError, match="权重之和须为 1"):
        composite_score(Decimal(1), Decimal(1), Decimal(1), bad)


def test_case4_from_tickets() -> None:
    """50 tickets due for response (49 in time = 98 %), 10 callbacks (8 resolved = 80 %;
    9 of 10 at 基本满意 or better = 90 %) → 88.9."""
    start, end = t(2025, 6, 1, 0), t(2025, 7, 1, 0)
    due = t(2025, 6, 10, 10)
    facts = [TicketFacts("U", response_due_at=due, first_contact_at=due) for _ in range(49)]
    facts.append(TicketFacts("U", response_due_at=due, first_contact_at=due + timedelta(minutes=1)))
    levels = [5, 5, 4, 4, 3, 3, 3, 3, 3, 2]
    for i, level in enumerate(levels):
        facts.append(
            TicketFacts("U", callback_at=t(2025, 6, 20), resolved=i < 8, satisfaction=level)
        )
    rates = three_rates(facts, start, end)["U"]
    assert (rates.response_due, rates.responded_in_time) == (50, 49)
    assert rates.response_rate == Decimal(98)
    assert rates.resolution_rate == Decimal(80)
    assert rates.satisfaction_rate == Decimal(90)
    assert rates.score == Decimal("88.9")


def test_period_is_half_open_and_repeats_count_against_the_first_unit() -> None:
    start, end = t(2025, 6, 1, 0), t(2025, 7, 1, 0)
    facts = [
        TicketFacts("A", response_due_at=start, first_contact_at=start),  # in (start included)
        TicketFacts("A", response_due_at=end, first_contact_at=None),  # out (end excluded)
        TicketFacts("A", callback_at=t(2025, 6, 5), resolved=True, satisfaction=5),
        TicketFacts("B", received_at=t(2025, 6, 9), repeat_of_unit="A"),  # a repeat of A's
    ]
    a = three_rates(facts, start, end)["A"]
    assert (a.response_due, a.responded_in_time) == (1, 1)
    assert (a.callbacks, a.resolved, a.repeats_against) == (1, 1, 1)
    assert a.resolution_rate == Decimal(50)
    assert "B" not in three_rates(facts, start, end)


def test_one_pass_rates_equal_the_naive_rescan() -> None:
    rng = random.Random(7)
    start, end = t(2025, 1, 1, 0), t(2026, 1, 1, 0)
    facts = []
    for _ in range(3000):
        due = t(2024, 12, 1) + timedelta(hours=rng.randrange(0, 24 * 420))
        cb = due + timedelta(days=rng.randrange(1, 20)) if rng.random() < 0.7 else None
        facts.append(
            TicketFacts(
                unit=f"U{rng.randrange(20)}",
                response_due_at=due,
                first_contact_at=due + timedelta(minutes=rng.randrange(-300, 60)),
                callback_at=cb,
                resolved=None if cb is None else rng.random() < 0.8,
                satisfaction=None if cb is None else rng.randint(1, 5),
                received_at=due,
                repeat_of_unit=f"U{rng.randrange(20)}" if rng.random() < 0.05 else None,
            )
        )
    fast, naive = three_rates(facts, start, end), three_rates_naive(facts, start, end)
    assert fast.keys() == naive.keys()
    for unit, r in fast.items():
        n = naive[unit]
        assert (r.response_rate, r.resolution_rate, r.satisfaction_rate, r.score) == (
            n.response_rate,
            n.resolution_rate,
            n.satisfaction_rate,
            n.score,
        )


# -- §4.7 case 5: 一次性办结率 87 % → 25 − 3 = 22 -------------------------------------------


@pytest.mark.parametrize(
    ("rate", "points"),
    [
        (Decimal(87), 22),  # §4.7 case 5
        (Decimal(90), 25),  # boundary: at the line, full marks
        (Decimal("89.9"), 24),  # a started point costs a point [U]
        (Decimal(89), 24),
        (Decimal(100), 25),
        (Decimal(65), 0),
        (Decimal(0), 0),  # never negative
    ],
)
def test_case5_points_rule(rate: Decimal, points: int) -> None:
    assert deduction_points(rate) == points


# -- 红黑榜 ------------------------------------------------------------------------------------


def test_peer_group_boards_top_and_bottom_five_never_overlap() -> None:
    scores = {f"U{i:02d}": Decimal(100 - i) for i in range(12)}
    ranked = rank_peer_group(scores)
    assert [r.unit for r in ranked if r.board == "red"] == ["U00", "U01", "U02", "U03", "U04"]
    assert [r.unit for r in ranked if r.board == "black"] == ["U07", "U08", "U09", "U10", "U11"]
    small = rank_peer_group({"A": Decimal(90), "B": Decimal(80), "C": Decimal(70)})
    assert [r.board for r in small] == ["red", "", "black"]  # 3 units: 1 each (half, floored)


def test_ties_share_a_rank_and_unscored_units_come_last() -> None:
    ranked = rank_peer_group({"A": Decimal(90), "B": Decimal(90), "C": Decimal(80), "D": None})
    assert [(r.unit, r.rank) for r in ranked] == [("A", 1), ("B", 1), ("C", 3), ("D", None)]
    assert ranked[-1].board == ""


# -- §4.7 case 6: repeats ----------------------------------------------------------------------

USCC = "91511100MA62000001"
TEXT = "园区用电增容申请提交两个月仍未批复，影响新产线投产"


def _closed(days_ago: int, **kw: object) -> Candidate:
    base: dict[str, object] = {
        "key": 1,
        "uscc": USCC,
        "caller": "",
        "leaf": "02-04-01",
        "text": "用电增容申请提交两个月仍未批复，新产线无法投产",
        "closed_at": t(2025, 6, 20) - timedelta(days=days_ago),
    }
    base.update(kw)
    return Candidate(**base)  # type: ignore[arg-type]


def test_case6_same_uscc_same_leaf_similar_text_12_days_after_closure_is_a_repeat() -> None:
    c = _closed(12)
    assert similarity(TEXT, c.text) >= 0.5
    found = find_repeat(
        uscc=USCC, caller="", leaf="02-04-01", text=TEXT, at=t(2025, 6, 20), earlier=[c]
    )
    assert found is c


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        (_closed(30), True),  # day 30 counts
        (_closed(31), False),  # day 31 does not
        (_closed(12, leaf="02-04-02"), False),  # another leaf
        (_closed(12, uscc="91511100MA62000002"), False),  # another firm
        (_closed(12, text="专利申请资助政策咨询"), False),  # dissimilar text
        (_closed(12, closed_at=None), False),  # not closed
        (_closed(-1), False),  # closed after the new ticket (not earlier)
    ],
)
def test_repeat_boundaries(candidate: Candidate, expected: bool) -> None:
    found = find_repeat(
        uscc=USCC, caller="", leaf="02-04-01", text=TEXT, at=t(2025, 6, 20), earlier=[candidate]
    )
    assert (found is not None) is expected


def test_same_caller_without_uscc_counts_and_the_latest_closure_wins() -> None:
    old = _closed(20, key=1, uscc="", caller="13800000000")
    new = _closed(5, key=2, uscc="", caller="13800000000")
    found = find_repeat(
        uscc="",
        caller="13800000000",
        leaf="02-04-01",
        text=TEXT,
        at=t(2025, 6, 20),
        earlier=[old, new],
    )
    assert found is new


def test_similarity_bounds() -> None:
    assert similarity("用电增容", "用电增容") == 1.0
    assert similarity("", "用电") == 0.0
    assert similarity("甲乙", "丙丁") == 0.0


# -- states ------------------------------------------------------------------------------------


def test_steps_as_data() -> None:
    assert check_step("dispatched", "sign").target == "signed"
    assert check_step("returned", "dispatch").target == "dispatched"  # 审定 / re-dispatch
    assert check_step("handling", "extend").target == "handling"  # side record
    assert check_step("closed", "reopen").target == "dispatched"
    with pytest.raises(TransitionError, match="不能「签收」"):
        check_step("signed", "sign")  # a double 签收
    with pytest.raises(TransitionError, match="未知"):
        check_step("nowhere", "sign")
    assert [s.value for s in available_steps("dispatched")] == ["sign", "return"]


# -- bulk SLA states agree with evaluate_sla ---------------------------------------------------


@pytest.mark.parametrize("when", [t(2025, 6, 5, 10), t(2026, 1, 5, 10), t(2025, 3, 1, 12)])
def test_bulk_sla_states_equal_evaluate_sla_clock_by_clock(when: datetime) -> None:
    from jiazhou.tickets import sla_states

    rng = random.Random(11)
    clocks = []
    for _ in range(1500):
        d = t(2025, 1, 1) + timedelta(minutes=rng.randrange(0, 400 * 24 * 60))
        r = rng.random()
        pauses: tuple[Pause, ...] = ()
        if r < 0.3:
            pauses = (
                Pause(
                    d + timedelta(hours=rng.randrange(1, 60)),
                    d + timedelta(hours=rng.randrange(61, 200)),
                ),
            )
        elif r < 0.4:
            pauses = (Pause(d + timedelta(hours=rng.randrange(1, 60))),)
        ext: tuple[Extension, ...] = ()
        if rng.random() < 0.1:
            ext = (Extension(d + timedelta(days=2), 3, requested_at=d + timedelta(days=1)),)
        done = d + timedelta(hours=rng.randrange(1, 400)) if rng.random() < 0.5 else None
        if done and pauses and (pauses[0].start > done or (pauses[0].end or done) > done):
            pauses = ()
        if done and ext and ext[0].granted_at > done:
            ext = ()
        clocks.append(handling_clock(CAL, d, 5, pauses=pauses, extensions=ext, replied_at=done))
    fast = sla_states(clocks, CAL, when)
    checked = 0
    for clock, state in zip(clocks, fast, strict=True):
        try:
            expected = evaluate_sla(clock, CAL, when).state
        except ValueError:  # a history the actions would have refused (late extension)
            continue
        checked += 1
        assert state == expected
    assert checked > 1000
    assert {"running", "overdue", "completed_on_time"} <= set(fast) or when == t(2025, 3, 1, 12)


# -- the stored due instant: 超期 as one comparison -------------------------------------------


def _sec(moment: datetime, seconds: int = 1) -> datetime:
    return moment + timedelta(seconds=seconds)


@pytest.mark.parametrize(
    ("when", "cutoff"),
    [
        (t(2025, 6, 9, 10, 15), t(2025, 6, 9, 10, 15)),  # in office hours: the instant itself
        (t(2025, 6, 9, 12, 40), t(2025, 6, 9, 12)),  # lunch break: the morning's close
        (t(2025, 6, 9, 13, 30), t(2025, 6, 9, 12)),  # 13:30 sharp: no working time yet
        (t(2025, 6, 9, 20), t(2025, 6, 9, 17, 30)),  # evening: the day's close
        (t(2025, 6, 10, 9), t(2025, 6, 9, 17, 30)),  # 09:00 sharp: still yesterday's close
        (_sec(t(2025, 6, 10, 9)), _sec(t(2025, 6, 10, 9))),
        (t(2025, 6, 2, 10), t(2025, 5, 30, 17, 30)),  # 端午 Monday: the last working day
    ],
)
def test_overdue_cutoff_is_the_earliest_instant_with_the_same_working_time(
    when: datetime, cutoff: datetime
) -> None:
    from jiazhou.tickets import overdue_cutoff

    assert overdue_cutoff(CAL, when) == cutoff
    assert CAL.working_time_between(cutoff, when) == timedelta(0)
    assert CAL.working_time_between(cutoff - timedelta(microseconds=1), when) > timedelta(0)


def test_stored_due_at_close_of_business_is_overdue_one_second_after_the_next_opening() -> None:
    from jiazhou.tickets import overdue_cutoff, running_due

    clock = handling_clock(CAL, t(2025, 5, 30, 17), 5)
    due = running_due(clock, CAL, t(2025, 5, 30, 17))
    assert due == t(2025, 6, 9, 17, 30) == evaluate_sla(clock, CAL, t(2025, 6, 1)).due_at
    for when, overdue in [
        (t(2025, 6, 9, 17, 29), False),
        (t(2025, 6, 9, 17, 30), False),  # the due instant itself
        (_sec(t(2025, 6, 9, 17, 30)), False),  # one second later: no working time has passed
        (t(2025, 6, 10, 9), False),
        (_sec(t(2025, 6, 10, 9)), True),
    ]:
        assert (evaluate_sla(clock, CAL, when).state == "overdue") is overdue, when
        assert (due < overdue_cutoff(CAL, when)) is overdue, when


def test_stored_due_inside_office_hours_is_overdue_one_second_after_it() -> None:
    from jiazhou.tickets import overdue_cutoff, running_due

    # a 补正 pause of 1 h 30 min of working time moves the due instant into office hours
    pause = Pause(t(2025, 6, 4, 9), t(2025, 6, 4, 10, 30))
    clock = handling_clock(CAL, t(2025, 6, 3, 9), 2, pauses=(pause,))
    due = running_due(clock, CAL, t(2025, 6, 4, 10, 30))
    assert due == t(2025, 6, 6, 10, 30)
    assert running_due(clock, CAL, t(2025, 6, 4, 10)) is None  # paused: no running due instant
    assert evaluate_sla(clock, CAL, due).state == "running"
    assert evaluate_sla(clock, CAL, _sec(due)).state == "overdue"
    assert not due < overdue_cutoff(CAL, due)
    assert due < overdue_cutoff(CAL, _sec(due))


def test_budget_used_up_exactly_when_a_pause_began_is_overdue_after_the_resume() -> None:
    from jiazhou.tickets import overdue_cutoff, running_due

    # 1 wd from Tue 06-03 09:00 runs out Wed 06-04 17:30; 补正 from then until Fri 06-06 10:00
    pause = Pause(t(2025, 6, 4, 17, 30), t(2025, 6, 6, 10))
    clock = handling_clock(CAL, t(2025, 6, 3, 9), 1, pauses=(pause,))
    due = running_due(clock, CAL, t(2025, 6, 6, 10))
    assert due is not None
    assert evaluate_sla(clock, CAL, t(2025, 6, 6, 10)).state == "running"
    assert not due < overdue_cutoff(CAL, t(2025, 6, 6, 10))
    assert evaluate_sla(clock, CAL, _sec(t(2025, 6, 6, 10))).state == "overdue"
    assert due < overdue_cutoff(CAL, _sec(t(2025, 6, 6, 10)))


def test_completed_clock_has_no_running_due_instant() -> None:
    from jiazhou.tickets import running_due

    clock = handling_clock(CAL, t(2025, 6, 3, 9), 2, replied_at=t(2025, 6, 4, 9))
    assert running_due(clock, CAL, t(2025, 6, 3, 10)) is not None  # before the reply
    assert running_due(clock, CAL, t(2025, 6, 4, 9)) is None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stored_due_instant_gives_the_engines_overdue_state_at_every_later_instant(
    seed: int,
) -> None:
    """Random histories (补正 pauses, 延期 requested in time and granted, replies): for each
    event instant, the due instant computed then is the same at every later instant until the
    next event, and comparing it with the cutoff gives exactly evaluate_sla's 'overdue'."""
    from jiazhou.tickets import overdue_cutoff, running_due

    rng = random.Random(seed)
    checked = overdue_seen = 0
    for _ in range(150):
        start = t(2025, 1, 2) + timedelta(minutes=rng.randrange(0, 300 * 24 * 60))
        step = lambda base: base + timedelta(minutes=rng.randrange(1, 4 * 24 * 60))  # noqa: E731
        pauses: list[Pause] = []
        exts: list[Extension] = []
        cursor = start
        events = [start]
        for _ in range(rng.randrange(0, 4)):
            cursor = step(cursor)
            if rng.random() < 0.6:
                end = step(cursor)
                pauses.append(Pause(cursor, end))
                events += [cursor, end]
                cursor = end
            else:
                granted = step(cursor)
                exts.append(Extension(granted, rng.randrange(1, 4), requested_at=cursor))
                events.append(granted)
                cursor = granted
        replied = step(cursor) if rng.random() < 0.3 else None
        clock = handling_clock(
            CAL,
            start,
            rng.choice([1, 2, 5]),
            pauses=tuple(pauses),
            extensions=tuple(exts),
            replied_at=replied,
        )
        try:
            evaluate_sla(clock, CAL, cursor)
        except ValueError:  # a 延期 asked after the limit ran out: refused by the actions
            continue
        if replied is not None:
            events.append(replied)
        events.sort()
        for i, event in enumerate(events):
            due = running_due(clock, CAL, event)
            until = events[i + 1] if i + 1 < len(events) else event + timedelta(days=30)
            probes = [event, until - timedelta(seconds=1)]
            probes += [event + (until - event) * rng.random() for _ in range(4)]
            if due is not None:
                probes += [due, _sec(due), overdue_cutoff(CAL, due), _sec(overdue_cutoff(CAL, due))]
                opening = datetime.combine(CAL.add_working_days(due.date(), 1), time(9), SH)
                probes += [opening, _sec(opening)]
            for probe in probes:
                if not event <= probe < until:
                    continue
                state = evaluate_sla(clock, CAL, probe).state
                assert running_due(clock, CAL, probe) == due, (clock, event, probe)
                stored = due is not None and due < overdue_cutoff(CAL, probe)
                assert (state == "overdue") is stored, (clock, event, probe, due)
                checked += 1
                overdue_seen += stored
    assert checked > 1000 and overdue_seen > 100


# -- attachments by content --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "names", "kind"),
    [
        (b"%PDF-1.7\n", None, "pdf"),
        (b"\x89PNG\r\n\x1a\n\0\0", None, "png"),
        (b"\xff\xd8\xff\xe0", None, "jpeg"),
        (b"PK\x03\x04", ["[Content_Types].xml", "word/document.xml"], "docx"),
        (b"PK\x03\x04", ["xl/workbook.xml"], "xlsx"),
        (b"PK\x03\x04", ["OFD.xml", "Doc_0/Document.xml"], "ofd"),
    ],
)
def test_attachment_kinds_by_content(head: bytes, names: list[str] | None, kind: str) -> None:
    from jiazhou.tickets.files import classify

    assert classify(head, names) == kind


@pytest.mark.parametrize(
    ("head", "names", "message"),
    [
        (b"MZ\x90\x00", None, "可执行程序"),
        (b"\x7fELF", None, "可执行程序"),
        (b"#!/bin/sh", None, "脚本"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1", None, "旧版 Office"),
        (b"PK\x03\x04", ["word/document.xml", "word/vbaProject.bin"], "含宏"),
        (b"PK\x03\x04", ["a.exe"], "压缩包"),
        (b"<html><script>", None, "无法识别"),
    ],
)
def test_attachment_refusals(head: bytes, names: list[str] | None, message: str) -> None:
    from jiazhou.tickets.files import classify

    with pytest.raises(ValueError, match=message):
        classify(head, names)
