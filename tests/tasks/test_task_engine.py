"""The pure task engine: lifecycle as data, lights for one item and for a list, one palette."""

from __future__ import annotations

import random
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from jiazhou.tasks import (
    PALETTE,
    Light,
    Stage,
    TaskFacts,
    TransitionError,
    available_steps,
    check_step,
    task_light,
    task_lights,
)
from jiazhou.worktime import WorkingCalendar

TZ = ZoneInfo("Asia/Shanghai")
CAL = WorkingCalendar.packaged()


def at(day: str, hour: int = 10) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), tzinfo=TZ).replace(
        hour=hour
    )


def test_available_steps_by_stage_and_role() -> None:
    names = lambda stage, **kw: [s.name for s in available_steps(stage, **kw)]  # noqa: E731
    assert names("draft", manager=True, unit=False) == ["assign"]
    assert names("draft", manager=False, unit=True) == []
    assert names("assigned", manager=False, unit=True) == ["sign", "extend"]
    assert names("in_progress", manager=False, unit=True) == ["report", "complete", "extend"]
    assert names("in_progress", manager=True, unit=False) == ["decide_extension"]
    assert names("completion_requested", manager=True, unit=False) == ["verify", "return"]
    assert names("verified", manager=True, unit=True) == ["close", "return"]
    assert names("closed", manager=True, unit=True) == []


def test_check_step_moves_or_refuses_chinese_first() -> None:
    assert check_step("draft", "assign") == Stage.ASSIGNED
    assert check_step("in_progress", "extend") == Stage.IN_PROGRESS  # stays
    with pytest.raises(TransitionError, match="^事项「T1」当前处于「已交办」，不能交办"):
        check_step("assigned", "assign", "T1")


# Hand-computed on the 2025 calendar: 2025-03-03 → 2025-03-14 is 10 working days, 7 h each.
def test_one_item_hand_computed() -> None:
    facts = TaskFacts("in_progress", 20, date(2025, 3, 3), date(2025, 3, 14))
    # Wednesday 09:00: 2 full working days done of 10 → 20 %; 20 % reported → not behind.
    r = task_light(facts, at("2025-03-05", 9), CAL, due_soon_days=5)
    assert (r.light, round(r.elapsed_pct or 0, 6), r.working_days_left) == (Light.GREEN, 20.0, 7)
    # Tuesday 03-11 09:00: 6 of 10 → 60 % > 20 % → yellow.
    assert task_light(facts, at("2025-03-11", 9), CAL, due_soon_days=5).light == Light.YELLOW
    done = TaskFacts("in_progress", 90, date(2025, 3, 3), date(2025, 3, 14))
    assert task_light(done, at("2025-03-11", 9), CAL, due_soon_days=5).light == Light.BLUE
    # After 17:30 on the deadline: red.
    assert task_light(done, at("2025-03-14", 18), CAL, due_soon_days=5).light == Light.RED
    full = TaskFacts("in_progress", 100, date(2025, 3, 3), date(2025, 3, 14))
    assert task_light(full, at("2025-03-14", 17), CAL, due_soon_days=5).light == Light.BLUE


def test_stages_without_a_running_light_and_unknown_dates() -> None:
    draft = TaskFacts("draft", 0, date(2025, 3, 3), date(2025, 3, 14))
    closed = TaskFacts("closed", 100, date(2025, 3, 3), date(2025, 3, 14))
    far = TaskFacts("in_progress", 0, date(2025, 3, 3), date(2100, 3, 14))
    lights = [
        r.light for r in task_lights([draft, closed, far], at("2025-03-05"), CAL, due_soon_days=5)
    ]
    assert lights == [Light.PENDING, Light.DONE, Light.UNKNOWN]


def test_a_2027_deadline_is_provisional_not_grey() -> None:
    facts = TaskFacts("in_progress", 0, date(2026, 11, 2), date(2027, 3, 31))
    r = task_light(facts, at("2026-12-04"), CAL, due_soon_days=5)
    assert r.light == Light.YELLOW and r.provisional and "暂定" in r.note


def test_the_list_version_equals_the_one_item_version() -> None:
    rng = random.Random(20261204)
    stages = ["assigned", "signed", "in_progress", "completion_requested", "verified"]
    facts = []
    for _ in range(300):
        start = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 1500))
        end = start + timedelta(days=rng.randrange(0, 400))
        asked = at(str(start + timedelta(days=rng.randrange(0, 30))), rng.randrange(0, 24))
        facts.append(
            TaskFacts(
                rng.choice(stages), rng.randrange(0, 101), start, end, asked, rng.randrange(0, 2)
            )
        )
    when = at("2027-02-10", 15)
    many = task_lights(facts, when, CAL, due_soon_days=5)
    one = [task_light(f, when, CAL, due_soon_days=5) for f in facts]
    assert many == one
    # and the engine agrees with the calendar's own scalar elapsed-time rule
    for f, r in zip(facts[:50], many[:50], strict=True):
        reading_at = (
            min(when, f.completion_requested_at)
            if f.stage in ("completion_requested", "verified") and f.completion_requested_at
            else when
        )
        start = datetime.combine(f.start, CAL.hours.periods[0][0], tzinfo=TZ)
        due = datetime.combine(f.deadline, CAL.hours.closing_time, tzinfo=TZ)
        assert r.elapsed_pct == pytest.approx(CAL.elapsed_pct(start, due, reading_at))


def test_one_palette_feeds_the_stylesheet() -> None:
    css = (Path(__file__).parents[2] / "src/jiazhou_web/static/jiazhou/jiazhou.css").read_text()
    for swatch in PALETTE.values():
        rule = re.search(rf"\.light-{swatch.css}\s*{{\s*background:\s*(#[0-9a-fA-F]{{6}})", css)
        assert rule is not None and rule.group(1).lower() == swatch.colour, swatch
