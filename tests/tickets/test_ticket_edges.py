"""Edges of the 企业诉求 engines left open by mutation testing (issue 23, third round):
docs/specs/next-capabilities.md §4.2 (states), §4.4 (三率), §4.5 (repeats), §4.7 (clocks), each
value computed by hand from the rule."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from jiazhou.tickets import (
    Candidate,
    DayConvention,
    TicketFacts,
    Tier,
    check_step,
    composite_score,
    find_repeat,
    first_overdue_day,
    handling_clock,
    handling_due,
    response_due,
    return_is_late,
    similarity,
    sla_states,
    supervision_level,
    three_rates,
    three_rates_naive,
)
from jiazhou.tickets.states import State
from jiazhou.worktime import Pause, WorkingCalendar, evaluate_sla

SH = ZoneInfo("Asia/Shanghai")
CAL = WorkingCalendar.packaged()


# -- states (§4.2) -----------------------------------------------------------------------------


def test_a_move_is_read_only() -> None:
    move = check_step("handling", "reply")
    assert (move.step, move.source, move.target) == ("reply", "handling", "replied")
    with pytest.raises(dataclasses.FrozenInstanceError):
        move.target = State.CLOSED  # type: ignore[misc]


# -- repeats (§4.5 [U]; repeats.py: Dice coefficient of character bigrams, threshold 0.5,
# window 0 <= at − closed_at <= 30 days) -------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("用电增容", "用电", 0.5),  # {用电, 电增, 增容} vs {用电}: 2 × 1 / (3 + 1)
        ("用电增", "用电", 2 / 3),  # {用电, 电增} vs {用电}: 2 × 1 / (2 + 1)
        ("用 电，增-容!", "用电增容", 1.0),  # whitespace and punctuation are dropped
        ("电", "电", 1.0),  # one character is its own single "bigram"
        ("电", "用电", 0.0),  # {电} vs {用电}
        ("", "", 0.0),  # nothing to compare
        ("！？", "电", 0.0),  # only punctuation: nothing left
        ("哈哈", "哈哈哈", 2 / 3),  # multisets: {哈哈} vs {哈哈, 哈哈} share one → 2 × 1 / 3
        ("哈哈哈", "哈哈", 2 / 3),
        ("哈哈哈", "哈哈哈", 1.0),  # {哈哈, 哈哈} twice over: both pairs shared
    ],
)
def test_similarity_by_hand(a: str, b: str, expected: float) -> None:
    assert similarity(a, b) == pytest.approx(expected)


USCC = "91511100MA62000005"
AT = datetime(2025, 6, 20, 9, tzinfo=SH)


def _c(key: int, **kw: object) -> Candidate:
    base: dict[str, object] = {
        "key": key,
        "uscc": USCC,
        "caller": "13800000005",
        "leaf": "02-04-05",
        "text": "用电增容",
        "closed_at": AT - timedelta(days=3),
    }
    base.update(kw)
    return Candidate(**base)  # type: ignore[arg-type]


def _find(
    *earlier: Candidate, uscc: str = USCC, caller: str = "", text: str = "用电增容"
) -> object:
    found = find_repeat(
        uscc=uscc, caller=caller, leaf="02-04-05", text=text, at=AT, earlier=list(earlier)
    )
    return None if found is None else found.key


@pytest.mark.parametrize(
    ("candidate", "repeat"),
    [
        (_c(1, leaf="02-04-04"), False),  # another leaf, sorting before ours
        (_c(1, leaf="02-04-06"), False),  # and after it
        (_c(1, uscc="91511100MA62000004", caller=""), False),  # another firm, before ours
        (_c(1, uscc="91511100MA62000006", caller=""), False),  # and after it
        (_c(1, closed_at=AT), True),  # closed at the very instant: 0 days, inside the window
        (_c(1, closed_at=AT + timedelta(seconds=1)), False),  # closed after the new ticket
        (_c(1, closed_at=AT - timedelta(days=30)), True),  # day 30 counts
        (_c(1, closed_at=AT - timedelta(days=30, seconds=1)), False),  # past day 30
        (_c(1, text="用电"), True),  # similarity exactly 0.5 = the threshold: counts
        (_c(1, text="增容"), True),  # {增容} vs {用电, 电增, 增容}: 0.5 as well
        (_c(1, text="用"), False),  # {用} shares nothing: 0
    ],
)
def test_repeat_rule_edges(candidate: Candidate, repeat: bool) -> None:
    assert (_find(candidate) == 1) is repeat


@pytest.mark.parametrize("other", ["13800000004", "13800000006"])
def test_a_caller_counts_only_when_it_is_the_same(other: str) -> None:
    # no USCC on the new ticket: only the caller can match
    assert _find(_c(1, uscc="", caller="13800000005"), uscc="", caller="13800000005") == 1
    assert _find(_c(1, uscc="", caller=other), uscc="", caller="13800000005") is None
    # the caller matches even when the firms differ
    assert _find(_c(1, uscc="91511100MA62000004"), caller="13800000005") == 1


def test_rejected_candidates_do_not_stop_the_search() -> None:
    good = _c(9)
    rejected = [
        _c(1, closed_at=None),
        _c(2, leaf="02-04-04"),
        _c(3, uscc="91511100MA62000004", caller=""),
        _c(4, closed_at=AT - timedelta(days=31)),
        _c(5, text="专利资助"),
    ]
    assert _find(*rejected, good) == 9


def test_the_most_recent_closure_wins_in_any_order_and_the_first_on_a_tie() -> None:
    old, new = _c(1, closed_at=AT - timedelta(days=9)), _c(2, closed_at=AT - timedelta(days=2))
    assert _find(old, new) == 2
    assert _find(new, old) == 2
    assert _find(_c(3), _c(4)) == 3  # same closure instant: the first of `earlier`


def test_a_candidate_is_read_only() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        _c(1).text = "x"  # type: ignore[misc]


# -- clocks (§4.2, §4.3, §4.7 cases 1-3; clocks.py docstrings). Calendar: 2025 端午 holidays
# Sat 05-31 … Mon 06-02; office hours 09:00-12:00 and 13:30-17:30 ------------------------------


def t(m: int, d: int, hh: int = 9, mm: int = 0) -> datetime:
    return datetime(2025, m, d, hh, mm, tzinfo=SH)


def test_tier_defaults_are_the_shandong_limits() -> None:
    # §4.3 山东 政务服务热线管理办法 [S]: 回退 within 2 wd, extension ≤ 10 wd
    tier = Tier("general", "一般诉求", 2.0, 5)
    assert (tier.return_days, tier.max_extension_days) == (2, 10)


def test_dispatch_day_counting_as_day_one() -> None:
    counts = DayConvention.DISPATCH_DAY_COUNTS
    # Tue 06-03 10:00, 1 wd: the dispatch day is wd1 → its own close; by default wd1 = Wed 06-04
    assert handling_due(CAL, t(6, 3, 10), 1, counts) == t(6, 3, 17, 30)
    assert handling_due(CAL, t(6, 3, 10), 1) == t(6, 4, 17, 30)
    # a 0-day limit is the dispatch day's close under either convention (nothing to count twice)
    assert handling_due(CAL, t(6, 3, 10), 0, counts) == t(6, 3, 17, 30)
    assert handling_due(CAL, t(6, 3, 10), 0) == t(6, 3, 17, 30)
    # the clock: 5 wd counting Tue 06-03 → 03, 04, 05, 06, Mon 09 → due 06-09 17:30
    clock = handling_clock(CAL, t(6, 3, 10), 5, convention=counts)
    assert evaluate_sla(clock, CAL, t(6, 4)).due_at == t(6, 9, 17, 30)


def test_a_response_limit_of_zero_hours_is_due_at_dispatch() -> None:
    assert response_due(CAL, t(6, 3, 10), 0) == t(6, 3, 10)


def test_a_return_at_the_dispatch_instant_is_in_time() -> None:
    assert return_is_late(CAL, t(6, 3, 10), t(6, 3, 10)) is False


def test_return_limit_under_the_dispatch_day_convention() -> None:
    # 2 wd counting Tue 06-03 itself: close of Wed 06-04; by default close of Thu 06-05
    counts = DayConvention.DISPATCH_DAY_COUNTS
    assert not return_is_late(CAL, t(6, 3), t(6, 4, 17, 30), 2, counts)
    assert return_is_late(CAL, t(6, 3), t(6, 5, 10), 2, counts)
    assert not return_is_late(CAL, t(6, 3), t(6, 5, 10))
    # a 3-wd limit moves the default one day on
    assert not return_is_late(CAL, t(6, 3), t(6, 6, 10), 3)


@pytest.mark.parametrize(
    ("due", "first"),
    [
        (t(6, 9, 10, 30), date(2025, 6, 9)),  # inside office hours: that day
        (t(6, 9, 12, 30), date(2025, 6, 9)),  # lunch break: the afternoon is still to come
        (t(6, 9, 17, 29), date(2025, 6, 9)),  # one working minute left
        (t(6, 9, 17, 30), date(2025, 6, 10)),  # close of business: the next working morning
        (t(6, 9, 20), date(2025, 6, 10)),  # evening
        (t(5, 30, 17, 30), date(2025, 6, 3)),  # Friday close before 端午: Tuesday
        (t(5, 31, 10), date(2025, 6, 3)),  # on a holiday: the next working day
    ],
)
def test_first_overdue_day(due: datetime, first: date) -> None:
    assert first_overdue_day(CAL, due) == first


@pytest.mark.parametrize(
    ("today", "step", "top", "level"),
    [
        (date(2025, 6, 9), 2, 2, -1),  # the due day itself (due at its close): not yet
        (date(2025, 6, 10), 2, 2, 0),  # first overdue day
        (date(2025, 6, 11), 2, 2, 0),
        (date(2025, 6, 12), 2, 2, 1),  # 06-10 + 2 wd
        (date(2025, 6, 14), 2, 2, 1),  # Saturday: still 1
        (date(2025, 6, 16), 2, 2, 2),  # 06-10 + 4 wd (11, 12, 13, 16)
        (date(2025, 6, 18), 2, 2, 2),  # capped at top 2
        (date(2025, 6, 17), 2, 3, 2),
        (date(2025, 6, 18), 2, 3, 3),  # 06-10 + 6 wd (… 17, 18)
        (date(2025, 6, 11), 1, 2, 1),  # one working day per level
        (date(2025, 6, 12), 1, 2, 2),
    ],
)
def test_supervision_level_climbs_every_step_days(
    today: date, step: int, top: int, level: int
) -> None:
    # due Mon 06-09 at close of business → overdue from Tue 06-10
    assert supervision_level(CAL, t(6, 9, 17, 30), today, step_days=step, top=top) == level


def test_supervision_level_default_top_is_two_and_step_must_be_a_working_day() -> None:
    assert supervision_level(CAL, t(6, 9, 17, 30), date(2025, 7, 31), step_days=1) == 2
    with pytest.raises(ValueError, match="至少 1 个工作日"):
        supervision_level(CAL, t(6, 9, 17, 30), date(2025, 6, 10), step_days=0)


def test_the_optional_clock_arguments_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        handling_clock(CAL, t(6, 3), 5, ())  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        supervision_level(CAL, t(6, 9, 17, 30), date(2025, 6, 10), 2)  # type: ignore[call-arg]


def test_bulk_states_at_the_exact_end_of_the_budget() -> None:
    # 补正 Wed 06-04 09:00-10:30 moves the 2-wd due instant (Thu 06-05 close) on by 1 h 30 of
    # working time: Fri 06-06 10:30. At it: running; one microsecond later: overdue.
    pause = Pause(t(6, 4, 9), t(6, 4, 10, 30))
    clock = handling_clock(CAL, t(6, 3), 2, pauses=(pause,))
    due = t(6, 6, 10, 30)
    micro = timedelta(microseconds=1)
    assert sla_states([clock], CAL, due) == ["running"]
    assert sla_states([clock], CAL, due + micro) == ["overdue"]
    # without a pause: 1 wd from Tue 06-03 09:00 ends Wed 06-04 17:30 (close of business)
    plain = handling_clock(CAL, t(6, 3), 1)
    assert sla_states([plain], CAL, t(6, 4, 17, 29)) == ["running"]
    assert sla_states([plain], CAL, t(6, 4, 17, 30)) == ["running"]
    assert sla_states([plain], CAL, t(6, 5, 9) + micro) == ["overdue"]


def test_bulk_states_across_the_end_of_the_official_calendar() -> None:
    # a fresh calendar: official years end 2026-12-31, 2027 is computed on demand (元旦 holidays
    # Fri 01-01 … Sun 01-03). Dispatched Mon 2026-12-28 09:00, 5 wd: 29, 30, 31, Mon 01-04,
    # Tue 01-05 → due 2027-01-05 17:30; 6 full working days from the dispatch instant.
    start = datetime(2026, 12, 28, 9, tzinfo=SH)
    for when, state in [
        (datetime(2027, 1, 5, 17, 30, tzinfo=SH), "running"),
        (datetime(2027, 1, 6, 10, tzinfo=SH), "overdue"),
    ]:
        cal = WorkingCalendar.packaged()  # fresh each time: nothing extended it beforehand
        assert sla_states([handling_clock(cal, start, 5)], cal, when) == [state], when
    assert handling_due(WorkingCalendar.packaged(), start, 5) == datetime(
        2027, 1, 5, 17, 30, tzinfo=SH
    )


def test_bulk_states_with_pauses_listed_out_of_order() -> None:
    # 补正 Wed 06-04 09:00-12:00 and Thu 06-05 09:00-12:00, listed later first: at Wed 10:00
    # the first is open → paused; at Thu 10:00 the second is → paused; Wed 14:00 → running
    later, earlier = Pause(t(6, 5, 9), t(6, 5, 12)), Pause(t(6, 4, 9), t(6, 4, 12))
    clock = handling_clock(CAL, t(6, 3), 5, pauses=(later, earlier))
    for when, state in [(t(6, 4, 10), "paused"), (t(6, 4, 14), "running"), (t(6, 5, 10), "paused")]:
        assert sla_states([clock], CAL, when) == [state], when
        assert evaluate_sla(clock, CAL, when).state == state, when


def test_bulk_states_read_instants_in_any_time_zone() -> None:
    # dispatched Tue 2025-06-03 09:00 Shanghai, 1 wd → due Wed 06-04 17:30 Shanghai. Replies
    # written in UTC: 2025-06-04 09:30 UTC = 17:30 Shanghai (on time); 2025-06-05 01:00:01 UTC =
    # Thu 09:00:01 Shanghai, one second of working time over (late).
    utc = ZoneInfo("UTC")
    for replied, state in [
        (datetime(2025, 6, 4, 9, 30, tzinfo=utc), "completed_on_time"),
        (datetime(2025, 6, 5, 1, 0, 1, tzinfo=utc), "completed_late"),
    ]:
        clock = handling_clock(CAL, t(6, 3), 1, replied_at=replied)
        assert sla_states([clock], CAL, t(6, 6)) == [state], replied
    # a 补正 pause written in UTC: Wed 01:00-02:00 UTC = 09:00-10:00 Shanghai
    pause = Pause(datetime(2025, 6, 4, 1, tzinfo=utc), datetime(2025, 6, 4, 2, tzinfo=utc))
    clock = handling_clock(CAL, t(6, 3), 1, pauses=(pause,))
    assert sla_states([clock], CAL, t(6, 4, 9, 30)) == ["paused"]
    assert sla_states([clock], CAL, t(6, 5, 9, 59)) == ["running"]  # due moved to Thu 10:00
    assert sla_states([clock], CAL, t(6, 5, 10, 1)) == ["overdue"]


# -- 三率 (§4.4: the period is [start, end); 准格尔旗 weights 30/35/35 [S], half-up to 0.1) -------


START, END = t(6, 1, 0), t(7, 1, 0)


def test_a_callback_at_the_end_of_the_period_belongs_to_the_next() -> None:
    facts = [
        TicketFacts("A", callback_at=START, resolved=True, satisfaction=5),  # in
        TicketFacts("A", callback_at=END, resolved=False, satisfaction=1),  # out
    ]
    a = three_rates(facts, START, END)["A"]
    assert (a.callbacks, a.resolved, a.rated, a.satisfied) == (1, 1, 1, 1)
    n = three_rates_naive(facts, START, END)["A"]
    assert (n.callbacks, n.resolved, n.rated, n.satisfied) == (1, 1, 1, 1)


def test_a_unit_with_nothing_in_the_period_has_no_rates() -> None:
    # B's only ticket was due, called back and repeated outside the period
    facts = [
        TicketFacts("A", response_due_at=t(6, 10), first_contact_at=t(6, 10)),
        TicketFacts("B", response_due_at=END, callback_at=END, resolved=True, received_at=END),
        TicketFacts("C", received_at=t(5, 31), repeat_of_unit="B"),
    ]
    assert set(three_rates(facts, START, END)) == {"A"}
    assert set(three_rates_naive(facts, START, END)) == {"A"}


def test_composite_rounds_half_up() -> None:
    # 0.30 × 95 + 0.35 × 90 + 0.35 × 79 = 28.5 + 31.5 + 27.65 = 87.65 → 87.7 (half-even: 87.6)
    assert composite_score(Decimal(95), Decimal(90), Decimal(79)) == Decimal("87.7")
