"""The evaluation cycle through the actions: run → 审核 → 公示 → 异议/复核 → 发布, each write audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from jiazhou_web.core.models import AuditLog
from jiazhou_web.evaluations import actions
from jiazhou_web.evaluations.choices import ObjectionState, RunState
from jiazhou_web.evaluations.models import EvaluationResult, ResultChange

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


def at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=SH)


def events() -> list[str]:
    """Audit events of the evaluation and figure writes (personas' own rows left out)."""
    rows = AuditLog.objects.filter(event_type__regex=r"^(evaluations|enterprise)\.")
    return list(rows.order_by("id").values_list("event_type", flat=True))


def grades(run: Any) -> list[str]:
    rows = run.results.order_by("enterprise__name").values_list("grade", flat=True)
    return list(rows)


def test_a_draft_run_scores_the_zone_with_quota_classes(
    ten_firms: list[Any], zone_officer: Any
) -> None:
    """Hand-computed in conftest: A ≤ 30 % with the tie at positions 3–4 going down."""
    run = actions.create_run("mu-sichuan-2022", 2025, "zone", "LS-HTZ", actor=zone_officer)
    assert run.state == RunState.DRAFT and run.unit_count == 10
    assert grades(run) == ["A", "A", "B", "B", "B", "B", "B", "C", "C", "C"]
    top = run.results.get(enterprise=ten_firms[0])
    assert top.total == pytest.approx(120.0) and top.rank == 1 and top.cohort == "规上"
    m1 = next(i for i in top.items if i["id"] == "M1")
    assert m1["benchmark"] == pytest.approx(400.0) and m1["points"] == pytest.approx(40.0)
    assert run.completeness["fiscal_year"] == 2024
    assert events() == ["evaluations.run_created"]


def test_the_full_cycle_with_an_upheld_objection(
    ten_firms: list[Any], zone_officer: Any, enterprise_user: Any
) -> None:
    with time_machine.travel(at("2026-12-03"), tick=False):
        run = actions.create_run("mu-sichuan-2022", 2025, "zone", "LS-HTZ", actor=zone_officer)
        actions.approve_run(run, actor=zone_officer)
    with time_machine.travel(at("2026-12-04"), tick=False):  # a Friday
        run = actions.start_publicity(run, 5, actor=zone_officer)
    # 5 working days from Friday 4 December: 4, 7, 8, 9, 10 December
    assert (run.publicity_start, run.publicity_end) == (dt.date(2026, 12, 4), dt.date(2026, 12, 10))
    firm = ten_firms[7]  # 200 万元/亩, class C
    with time_machine.travel(at("2026-12-08"), tick=False):
        objection = actions.file_objection(
            run,
            firm,
            reason="用地面积含已退租厂房，应为0.5亩",
            evidence="租赁合同解除协议",
            field="land_own_mu",
            fiscal_year=2024,
            corrected_value=Decimal("0.5"),
            actor=enterprise_user,
        )
        with pytest.raises(ValidationError, match="公示期"):  # not before the end
            actions.publish_run(run, actor=zone_officer)
        actions.decide_objection(
            objection, upheld=True, decision="核实无误，更正并重算", actor=zone_officer
        )
    objection.refresh_from_db()
    assert objection.state == ObjectionState.UPHELD
    result = EvaluationResult.objects.get(run=run, enterprise=firm)
    assert result.grade in ("A", "B") and (result.total or 0) > 90.0  # land halved
    change = ResultChange.objects.get(objection=objection, enterprise=firm)
    assert (change.grade_before, change.grade_after) == ("C", result.grade)
    run.refresh_from_db()
    assert run.recomputed == 1
    with time_machine.travel(at("2026-12-11"), tick=False):
        actions.publish_run(run, actor=zone_officer)
    run.refresh_from_db()
    assert run.state == RunState.PUBLISHED
    assert events() == [
        "evaluations.run_created",
        "evaluations.run_approved",
        "evaluations.publicity_started",
        "evaluations.objection_filed",
        "enterprise.figures_set",
        "evaluations.objection_decided",
        "evaluations.run_published",
    ]


def test_publicity_skips_the_national_day_holiday(reference_data: None) -> None:
    """国务院办公厅 2026 arrangement: 国庆 1–7 October off. From Wednesday 30 September, 3 working
    days are 30 September, 8 and 9 October; from Thursday 1 October the 公示 starts on the 8th."""
    assert actions.publicity_window(dt.date(2026, 9, 30), 3) == (
        dt.date(2026, 9, 30),
        dt.date(2026, 10, 9),
    )
    assert actions.publicity_window(dt.date(2026, 10, 1), 1) == (
        dt.date(2026, 10, 8),
        dt.date(2026, 10, 8),
    )


def test_each_state_change_happens_once_and_in_order(
    ten_firms: list[Any], zone_officer: Any
) -> None:
    run = actions.create_run("mu-sichuan-2022", 2025, "zone", "LS-HTZ", actor=zone_officer)
    with pytest.raises(ValidationError, match="草稿|状态"):
        actions.start_publicity(run, 5, actor=zone_officer)
    actions.approve_run(run, actor=zone_officer)
    with pytest.raises(ValidationError, match="状态"):
        actions.approve_run(run, actor=zone_officer)
    with pytest.raises(ValidationError, match="1–30"):
        actions.start_publicity(run, 0, actor=zone_officer)
    assert events().count("evaluations.run_approved") == 1


def test_objections_only_during_publicity_and_only_by_the_firm_or_its_county(
    ten_firms: list[Any], zone_officer: Any, enterprise_user: Any, county_officer: Any
) -> None:
    run = actions.create_run("mu-sichuan-2022", 2025, "zone", "LS-HTZ", actor=zone_officer)
    with pytest.raises(ValidationError, match="公示期内"):
        actions.file_objection(run, ten_firms[7], reason="x", actor=enterprise_user)
    actions.approve_run(run, actor=zone_officer)
    with time_machine.travel(at("2026-12-04"), tick=False):
        actions.start_publicity(run, 5, actor=zone_officer)
        with pytest.raises(PermissionDenied):  # another firm's result
            actions.file_objection(run, ten_firms[0], reason="x", actor=enterprise_user)
        with pytest.raises(PermissionDenied):  # 五通桥区's officer, the firm is in 市中区
            actions.file_objection(run, ten_firms[0], reason="x", actor=county_officer)
        with pytest.raises(PermissionDenied):
            actions.approve_run(run, actor=enterprise_user)
    with time_machine.travel(at("2026-12-11"), tick=False), pytest.raises(ValidationError):
        actions.file_objection(run, ten_firms[7], reason="逾期", actor=enterprise_user)


def test_a_rejected_objection_changes_nothing_and_publish_waits_for_decisions(
    ten_firms: list[Any], zone_officer: Any, enterprise_user: Any
) -> None:
    run = actions.create_run("mu-sichuan-2022", 2025, "zone", "LS-HTZ", actor=zone_officer)
    actions.approve_run(run, actor=zone_officer)
    with time_machine.travel(at("2026-12-04"), tick=False):
        actions.start_publicity(run, 5, actor=zone_officer)
        objection = actions.file_objection(
            run, ten_firms[7], reason="排名有误", actor=enterprise_user
        )
    with time_machine.travel(at("2026-12-14"), tick=False):
        with pytest.raises(ValidationError, match="未复核"):
            actions.publish_run(run, actor=zone_officer)
        before = grades(run)
        actions.decide_objection(objection, upheld=False, decision="数据无误", actor=zone_officer)
        with pytest.raises(ValidationError, match="已复核"):
            actions.decide_objection(objection, upheld=True, decision="再议", actor=zone_officer)
        assert grades(run) == before and not ResultChange.objects.exists()
        actions.publish_run(run, actor=zone_officer)
