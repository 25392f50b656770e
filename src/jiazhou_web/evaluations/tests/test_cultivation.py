"""培育库联动 (issue 18 "Cultivation link"): published A firms are flagged in the pools, graded
C/D firms get a 帮扶 action in their 一企一策 plan through the pools actions."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from jiazhou_web.evaluations import actions, cultivation
from jiazhou_web.evaluations.models import EvaluationRun
from jiazhou_web.pools.models import PlanAction

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


def published_run(zone_officer: Any) -> EvaluationRun:
    """Run on Monday 2 November 2026, 1 working day of 公示, published Tuesday 10 November."""
    run = actions.create_run("mu-sichuan-2022", 2025, "zone", "LS-HTZ", actor=zone_officer)
    actions.approve_run(run, actor=zone_officer)
    actions.start_publicity(run, 1, actor=zone_officer)
    with time_machine.travel(dt.datetime(2026, 11, 10, 9, tzinfo=SH), tick=False):
        actions.publish_run(run, actor=zone_officer)
    return run


@pytest.mark.parametrize(
    ("size", "share", "cut"),
    [(10, 0.10, 1), (11, 0.10, 2), (20, 0.10, 2), (21, 0.10, 3), (0, 0.10, 1), (3, 0.10, 1)],
)
def test_the_top_share_is_ceil_of_share_times_cohort(size: int, share: float, cut: int) -> None:
    """policy.toml [cultivation] top_share [U]: the top 10 % is ranks 1..ceil(0.1 n), at least 1
    (20 × 0.1 = 2 exactly, not 3: the float product is rounded before the ceiling)."""
    assert cultivation.top_cut(size, share) == cut


def test_publication_adds_a_support_action_for_each_c_firm(
    ten_firms: list[Any], zone_officer: Any
) -> None:
    """Classes by name: A A B B B B B C C C (test_cycle); the three C firms (positions 8–10) get a
    帮扶 action due 20 working days after Tuesday 10 November 2026: 11–13, 16–20, 23–27
    November, 30 November–4 December, 7, 8 December → 8 December."""
    run = published_run(zone_officer)
    rows = PlanAction.objects.filter(title__startswith=cultivation.support_prefix(run))
    assert sorted(a.plan.enterprise_id for a in rows) == sorted(f.pk for f in ten_firms[7:])
    assert {a.due_on for a in rows} == {dt.date(2026, 12, 8)}
    assert {a.title for a in rows} == {cultivation.support_title(run, "C")}
    assert run.results.filter(grade="D").count() == 0


def test_drafts_and_publicity_do_not_touch_the_plans(
    ten_firms: list[Any], zone_officer: Any
) -> None:
    run = actions.create_run("mu-sichuan-2022", 2025, "zone", "LS-HTZ", actor=zone_officer)
    actions.approve_run(run, actor=zone_officer)
    actions.start_publicity(run, 1, actor=zone_officer)
    assert not PlanAction.objects.exists()
    assert cultivation.flags_for(f.pk for f in ten_firms) == {}


def test_flags_reach_the_pool_page_and_the_cultivation_list(
    ten_firms: list[Any], zone_officer: Any, django_assert_max_num_queries: Any
) -> None:
    run = published_run(zone_officer)
    flags = cultivation.flags_for(f.pk for f in ten_firms)
    assert {k: [f.label for f in v] for k, v in flags.items()} == {
        ten_firms[0].pk: ["A类"],
        ten_firms[1].pk: ["A类"],
        ten_firms[7].pk: ["C类"],
        ten_firms[8].pk: ["C类"],
        ten_firms[9].pk: ["C类"],
    }
    client = Client()
    client.force_login(zone_officer)
    html = client.get(f"/pools/enterprises/{ten_firms[0].pk}/").content.decode()
    assert "2025年度" in html and "A类（优先培育）" in html
    html = client.get(f"/pools/enterprises/{ten_firms[9].pk}/").content.decode()
    assert "C类（帮扶对象）" in html and "制定亩均效益提升帮扶措施" in html
    with django_assert_max_num_queries(12):
        page = client.get(f"/evaluations/runs/{run.pk}/cultivation/")
    text = page.content.decode()
    assert page.status_code == 200 and "优先培育（2 家）" in text and "帮扶对象（3 家）" in text
    assert "2026年12月8日" in text


def test_todos_name_open_objections_and_results_in_publicity(
    ten_firms: list[Any], zone_officer: Any, enterprise_user: Any
) -> None:
    from jiazhou_web.evaluations.todos import todos

    run = actions.create_run("mu-sichuan-2022", 2025, "zone", "LS-HTZ", actor=zone_officer)
    assert todos(zone_officer) == [] and todos(enterprise_user) == []
    actions.approve_run(run, actor=zone_officer)
    run = actions.start_publicity(run, 5, actor=zone_officer)
    (mine,) = todos(enterprise_user)
    assert "公示中" in mine.label and mine.due == run.publicity_end  # Mon 2 Nov + 4 → Fri 6 Nov
    assert mine.due == dt.date(2026, 11, 6)
    actions.file_objection(run, ten_firms[7], reason="用地面积有误", actor=enterprise_user)
    (zone,) = todos(zone_officer)
    assert zone.count == 1 and zone.urgent and zone.url == f"/evaluations/runs/{run.pk}/"
