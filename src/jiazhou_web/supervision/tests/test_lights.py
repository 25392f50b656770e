"""Status lights are computed from the item, the instant and the working calendar.

Hand-computed on the 2025 calendar (国办发明电〔2024〕12号): item 2025-03-03 → 2025-03-14 is
10 working days (Mon–Fri twice, no holidays), 7 working hours each.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jiazhou_web.supervision import actions
from jiazhou_web.supervision.choices import Light
from jiazhou_web.supervision.lights import LightLabel, read_light
from jiazhou_web.supervision.tests.conftest import at
from jiazhou_web.supervision.working_calendar import current_calendar

pytestmark = pytest.mark.django_db


def light(item: Any, when: dt.datetime) -> Light:
    item.refresh_from_db()
    return read_light(item, when, current_calendar()).light


def test_green_when_progress_keeps_up_with_elapsed_working_time(
    make_item: Any, dept_officer: Any
) -> None:
    item = make_item("signed", start="2025-03-03", deadline="2025-03-14")
    actions.report_progress(
        item, percent_done=30, text="x", actor=dept_officer, at=at("2025-03-05", 9)
    )
    # 2 full working days of 10 elapsed by Wednesday 09:00 → 20 % ≤ 30 %; 7 working days left.
    assert light(item, at("2025-03-05", 9)) == Light.GREEN


def test_yellow_when_reported_percent_is_below_the_elapsed_percent(make_item: Any) -> None:
    item = make_item("in_progress", start="2025-03-03", deadline="2025-03-14")  # 10 % reported
    # Thursday 09:00: 3 of 10 working days elapsed → 序时进度 30 % > 10 %.
    reading = read_light(item, at("2025-03-06", 9), current_calendar())
    assert reading.light == Light.YELLOW
    assert reading.elapsed_pct == pytest.approx(30.0)


def test_blue_when_due_within_n_working_days(
    make_item: Any, dept_officer: Any, settings: Any
) -> None:
    settings.SUPERVISION_DUE_SOON_WORKING_DAYS = 5
    item = make_item("signed", start="2025-03-03", deadline="2025-03-14")
    actions.report_progress(item, percent_done=80, text="x", actor=dept_officer)
    # Friday 2025-03-07: working days in (03-07, 03-14] = 5 → blue; Thursday: 6 → green.
    assert light(item, at("2025-03-07", 9)) == Light.BLUE
    assert light(item, at("2025-03-06", 9)) == Light.GREEN


def test_red_after_close_of_business_on_the_deadline(make_item: Any, dept_officer: Any) -> None:
    item = make_item("signed", start="2025-03-03", deadline="2025-03-14")
    actions.report_progress(item, percent_done=95, text="x", actor=dept_officer)
    assert light(item, at("2025-03-14", 17)) != Light.RED
    assert light(item, at("2025-03-14", 18)) == Light.RED


def test_holidays_do_not_count_as_elapsed_time(make_item: Any) -> None:
    # 2025 国庆/中秋: 10-01..10-08 off, 09-28 (Sun) and 10-11 (Sat) are make-up workdays.
    item = make_item("in_progress", start="2025-09-29", deadline="2025-10-17")
    cal = current_calendar()
    before = read_light(item, at("2025-10-01", 9), cal).elapsed_pct
    after = read_light(item, at("2025-10-08", 17), cal).elapsed_pct
    assert before == after  # no working time passes during the holiday


def test_an_overdue_open_milestone_turns_the_item_yellow(make_item: Any, dept_officer: Any) -> None:
    item = make_item(
        "signed",
        start="2025-03-03",
        deadline="2025-06-30",
        milestones=(("完成中试", dt.date(2025, 3, 10)),),
    )
    actions.report_progress(
        item, percent_done=20, text="x", actor=dept_officer, at=at("2025-03-05")
    )
    assert light(item, at("2025-03-10", 17)) == Light.GREEN
    assert light(item, at("2025-03-11", 9)) == Light.YELLOW


def test_draft_and_closed_items_have_no_running_light(make_item: Any) -> None:
    assert light(make_item(), at("2025-12-01")) == Light.PENDING


def test_a_deadline_beyond_the_holiday_table_reads_a_provisional_light(make_item: Any) -> None:
    item = make_item("in_progress", start="2026-11-02", deadline="2026-12-31")
    item.deadline = dt.date(2027, 3, 31)  # the 2027 schedule is not in the table: 暂定
    reading = read_light(item, at("2026-11-20"), current_calendar())
    assert reading.light == Light.YELLOW  # 0 % done after 14 of 98 working days
    assert reading.provisional
    assert "暂定" in reading.note
    label = LightLabel.of(reading)
    assert str(label) == f"{Light.YELLOW.label}（暂定）"
    assert 'data-provisional="1"' in label.__html__()
    official = read_light(
        make_item("in_progress", start="2026-11-02", deadline="2026-12-31"),
        at("2026-11-20"),
        current_calendar(),
    )
    assert not official.provisional and "暂定" not in str(LightLabel.of(official))
