"""Acceptance rules (docs/specs/next-capabilities.md §7.1 table: 攀科发〔2021〕22号 [V], 宜昌 [S],
四川 [S], national 专项 [S], 深圳 [S]) and the project lifecycle."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from jiazhou.projects import ProjectState, can_move, load_rules, next_states
from jiazhou.projects.acceptance import AcceptanceRules, add_months

R = AcceptanceRules.from_table(load_rules()["acceptance"])


def test_onsite_from_300k_inclusive() -> None:  # 宜昌: ≥ 30万 → on-site
    assert R.mode(D("299999.99")) == "desk"
    assert R.mode(D("300000")) == "onsite"
    assert R.mode(D("300000.01")) == "onsite"


def test_financial_audit_from_200k_inclusive() -> None:  # 攀科发〔2021〕22号
    assert not R.needs_financial_audit(D("199999.99"))
    assert R.needs_financial_audit(D("200000"))
    assert R.needs_financial_audit(D("5000000"))


def test_materials_decision_and_notice_days() -> None:
    assert R.materials_due(date(2026, 12, 31)) == date(2027, 1, 30)  # 30日 after expiry
    assert R.decision_due(date(2027, 1, 30)) == date(2027, 3, 31)  # 60日
    assert R.notice_by(date(2027, 3, 10)) == date(2027, 3, 5)  # 5日 before


def test_months_clamp_to_month_end() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert add_months(date(2026, 1, 31), -2) == date(2025, 11, 30)
    assert R.rectification_due(date(2026, 11, 30)) == date(2027, 2, 28)  # 3 months


def test_extension_must_be_asked_three_months_before_and_last_at_most_a_year() -> None:
    end = date(2027, 6, 30)
    assert R.extension_request_by(end) == date(2027, 3, 30)
    assert R.check_extension(end, date(2027, 3, 30), date(2028, 6, 30)) == []
    late = R.check_extension(end, date(2027, 3, 31), date(2027, 12, 31))
    assert len(late) == 1 and "前3个月" in late[0]
    too_long = R.check_extension(end, date(2027, 1, 4), date(2028, 7, 1))
    assert len(too_long) == 1 and "12个月" in too_long[0]
    assert "晚于" in R.check_extension(end, date(2027, 1, 4), end)[0]
    assert "晚于" in R.check_extension(end, date(2027, 1, 4), date(2027, 6, 29))[0]


def test_termination_starts_the_day_after_one_year_overdue() -> None:
    assert R.terminate_from(date(2026, 6, 30)) == date(2027, 7, 1)


def test_lifecycle_moves() -> None:
    assert can_move("submitted", "returned") and can_move("returned", "submitted")
    assert not can_move("drafting", "approved")
    assert next_states("acceptance_applied") == {
        ProjectState.ACCEPTED,
        ProjectState.RECTIFYING,
        ProjectState.NOT_ACCEPTED,
    }
    assert next_states("rectifying") == {ProjectState.ACCEPTED_AFTER_FIX, ProjectState.NOT_ACCEPTED}
    assert next_states("archived") == frozenset()
    with pytest.raises(ValueError):
        next_states("nonsense")
