"""Supervision fixtures: a list, a factory of items at given stages, fixed instants."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from jiazhou_web.supervision import actions
from jiazhou_web.supervision.choices import ListKind

TZ = ZoneInfo("Asia/Shanghai")


def at(day: str, hour: int = 10) -> dt.datetime:
    """An aware instant on ``day`` (YYYY-MM-DD) at ``hour`` o'clock, Shanghai time."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=TZ)


@pytest.fixture
def task_list(city_admin: Any) -> Any:
    return actions.create_list(
        code="sige-2025",
        title="“四个一批”科技项目推进清单",
        kind=ListKind.KEY_PROJECTS,
        year=2025,
        actor=city_admin,
    )


@pytest.fixture
def other_department(regions: dict[str, Any]) -> Any:
    from jiazhou_web.accounts import actions as account_actions

    return account_actions.create_department(
        code="lsfgw",
        name="乐山市发展和改革委员会",
        kind="city_bureau",
        region=regions["511100"],
        actor=None,
    )


@pytest.fixture
def make_item(task_list: Any, city_admin: Any, department: Any, dept_officer: Any) -> Any:
    """``make_item(stage="signed", start=..., deadline=...)``: an item walked to ``stage`` by
    the real actions (assigned 2025-03-03, signed 2025-03-04 unless given)."""
    counter = iter(range(1, 1000))

    def make(
        stage: str = "draft",
        start: str = "2025-03-03",
        deadline: str = "2025-06-30",
        lead_unit: Any = None,
        milestones: tuple[tuple[str, dt.date], ...] = (),
    ) -> Any:
        item = actions.create_item(
            task_list,
            code=f"T{next(counter):03d}",
            title="高纯晶硅关键技术攻关",
            lead_unit=lead_unit or department,
            start_date=dt.date.fromisoformat(start),
            deadline=dt.date.fromisoformat(deadline),
            indicator_codes=["rd_intensity"],
            milestones=milestones,
            actor=city_admin,
        )
        order = ["assigned", "signed", "in_progress"]
        if stage in order:
            actions.assign_item(item, actor=city_admin, at=at(start, 9))
        if stage in order[1:]:
            actions.sign_item(item, actor=dept_officer, at=at(start, 15))
        if stage == "in_progress":
            actions.report_progress(
                item, percent_done=10, text="已启动", actor=dept_officer, at=at(start, 16)
            )
        item.refresh_from_db()
        return item

    return make
