"""Edges of the 企业诉求 engines left open by mutation testing (issue 23, third round):
docs/specs/next-capabilities.md §4.2 (states), §4.4 (三率), §4.5 (repeats), §4.7 (clocks), each
value computed by hand from the rule."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from jiazhou.tickets import Candidate, check_step, find_repeat, similarity

SH = ZoneInfo("Asia/Shanghai")


# -- states (§4.2) -----------------------------------------------------------------------------


def test_a_move_is_read_only() -> None:
    move = check_step("handling", "reply")
    assert (move.step, move.source, move.target) == ("reply", "handling", "replied")
    with pytest.raises(dataclasses.FrozenInstanceError):
        move.target = "closed"  # type: ignore[misc]


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
