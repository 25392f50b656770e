"""A project from call to acceptance through the actions (docs/specs/next-capabilities.md §7.1),
with the refusals a user meets on the way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jiazhou_web.core.audit import StaleStateError
from jiazhou_web.core.models import AuditLog
from jiazhou_web.projects import actions
from jiazhou_web.projects.models import Application, Assignment, Milestone

pytestmark = pytest.mark.django_db


def _apply(call: Any, firm: Any, firm_user: Any, **kw: Any) -> Application:
    fields = {"title": "双极板复合材料", "requested_yuan": "450000", "team": ["赵一", "钱二"]}
    return actions.create_application(call, firm, actor=firm_user, **{**fields, **kw})


def _scored(app: Application, scores: list[str]) -> None:
    for assignment, score in zip(
        app.assignments.select_related("expert__user"), scores, strict=True
    ):
        actions.record_score(assignment, score, actor=assignment.expert.user)


def test_a_project_from_application_to_acceptance_after_rectification(
    call: Any, firm: Any, firm_user: Any, pool: list[Any], city_admin: Any
) -> None:
    app = _apply(call, firm, firm_user)
    assert app.number == f"LSKJ-T-01-{1:04d}" and app.state == "drafting"
    actions.submit(app, actor=firm_user)
    with pytest.raises(ValidationError, match="写明理由"):
        actions.form_check(app, "return", actor=city_admin)
    actions.form_check(app, "return", actor=city_admin, note="缺少合作协议")
    assert app.state == "returned" and app.state_note == "缺少合作协议"
    actions.submit(app, actor=firm_user)
    actions.form_check(app, "pass", actor=city_admin)

    drawn = actions.draw(app, actor=city_admin, seed=11)
    assert len(drawn) == 5 and app.state == "expert_review"
    codes = {a.expert.code for a in drawn}
    assert "EX" not in codes and "EO" not in codes  # conflicted and other field never drawn
    (exclusion,) = app.exclusions.all()
    assert exclusion.expert.code == "EX" and exclusion.reasons == ["同一单位：现任职于申报单位"]

    # 5 scores: the highest (95) and lowest (60) dropped → (70 + 80 + 85) / 3 = 78.33
    _scored(app, ["80", "60", "95", "70", "85"])
    assert actions.rank_call(call, actor=city_admin) == {app.number: 1}
    app.refresh_from_db()
    assert (app.state, app.score, app.rank) == ("ranked", Decimal("78.33"), 1)

    with pytest.raises(ValidationError, match="不超过申请额"):
        actions.approve(app, actor=city_admin, amount_yuan="450000.01")
    actions.approve(app, actor=city_admin, amount_yuan="400000")
    actions.publicise(app, actor=city_admin)
    ends = app.publicity_ends
    assert ends is not None and ends > timezone.localdate()
    with pytest.raises(ValidationError, match="公示期"):
        actions.contract(
            app, actor=city_admin, start=dt.date(2027, 1, 1), end=dt.date(2028, 12, 31)
        )
    after = dt.datetime.combine(ends + dt.timedelta(days=1), dt.time(10))
    with time_machine.travel(timezone.make_aware(after), tick=False):
        start = timezone.localdate()
        actions.contract(app, actor=city_admin, start=start, end=start + dt.timedelta(days=700))
    assert app.acceptance_mode == "onsite"  # 40万 ≥ 30万 → on-site (宜昌 rule)
    actions.start(app, actor=city_admin)
    cstart, cend = app.contract_start, app.contract_end
    assert cstart is not None and cend is not None
    node = actions.add_milestone(
        app, actor=city_admin, title="中试", due=cstart + dt.timedelta(days=100)
    )
    with pytest.raises(ValidationError, match="任务书期限内"):
        actions.add_milestone(app, actor=city_admin, title="越界", due=cend + dt.timedelta(days=1))
    stale = Milestone.objects.get(pk=node.pk)
    actions.complete_milestone(node, actor=firm_user)
    with pytest.raises(ValidationError, match="已于"):
        actions.complete_milestone(node, actor=firm_user)
    with pytest.raises(StaleStateError):  # a second request that read it before the first
        actions.complete_milestone(stale, actor=firm_user)
    actions.apply_for_acceptance(app, actor=firm_user)
    actions.decide_acceptance(app, "rectify", actor=city_admin, note="财务资料不全")
    with pytest.raises(ValidationError, match="验收结论无效"):
        actions.decide_acceptance(app, "rectify", actor=city_admin, note="再整改")
    actions.decide_acceptance(app, "pass", actor=city_admin)
    assert app.state == "accepted_after_fix"
    moves = AuditLog.objects.for_object(app).filter(event_type="projects.application_moved")
    # submitted, returned, submitted, form_checked, expert_review, ranked, approved, publicised,
    # contracted, in_progress, acceptance_applied, rectifying, accepted_after_fix: each once
    assert moves.count() == 13


def test_desk_review_below_300k(
    call: Any, firm: Any, firm_user: Any, pool: list[Any], city_admin: Any
) -> None:
    app = _apply(call, firm, firm_user, requested_yuan="299999.99")
    actions.submit(app, actor=firm_user)
    actions.form_check(app, "pass", actor=city_admin)
    actions.draw(app, actor=city_admin, seed=1)
    _scored(app, ["70", "70", "70", "70", "70"])
    actions.rank_call(call, actor=city_admin)
    app.refresh_from_db()
    actions.approve(app, actor=city_admin, amount_yuan="299999.99")
    app.publicity_ends = timezone.localdate() - dt.timedelta(days=1)
    Application.objects.filter(pk=app.pk).update(
        state="publicised", publicity_ends=app.publicity_ends
    )
    app.state = "publicised"
    actions.contract(app, actor=city_admin, start=dt.date(2027, 1, 1), end=dt.date(2027, 12, 31))
    assert app.acceptance_mode == "desk"


def test_applications_are_refused_outside_the_rules(
    call: Any, firm: Any, firm_user: Any, make_enterprise: Any, city_admin: Any
) -> None:
    with pytest.raises(ValidationError, match="单项最高支持"):
        _apply(call, firm, firm_user, requested_yuan="500000.01")
    assert _apply(call, firm, firm_user, requested_yuan="500000").requested_yuan == Decimal(
        "500000"
    )
    with pytest.raises(ValidationError, match="已申报"):
        _apply(call, firm, firm_user, requested_yuan="1")
    other = make_enterprise(region="511112")
    with pytest.raises(PermissionDenied):
        _apply(call, other, firm_user, title="别人的项目")
    actions.set_call_state(call, "closed", actor=city_admin)
    with pytest.raises(ValidationError, match="不在申报期内"):
        _apply(call, firm, firm_user, title="截止后")


def test_a_call_may_require_a_valid_qualification(
    firm: Any, firm_user: Any, city_admin: Any
) -> None:
    from jiazhou_web.enterprises.models import Certificate

    today = timezone.localdate()
    call = actions.create_call(
        actor=city_admin,
        code="HNTE-ONLY",
        title="高企专项",
        year=today.year,
        field="新材料",
        budget_yuan="1000000",
        max_per_project_yuan="100000",
        opens=today,
        closes=today,
        eligible_programmes=["hnte"],
    )
    actions.set_call_state(call, "open", actor=city_admin)
    with pytest.raises(ValidationError, match="高新技术企业|High and new"):
        _apply(call, firm, firm_user, requested_yuan="1000")
    Certificate.objects.create(
        enterprise=firm,
        programme="hnte",
        number="GR1",
        valid_from=today - dt.timedelta(days=10),
        valid_to=today + dt.timedelta(days=10),
    )
    assert _apply(call, firm, firm_user, requested_yuan="1000").state == "drafting"


def test_call_rules(city_admin: Any, county_officer: Any) -> None:
    today = timezone.localdate()
    base: dict[str, Any] = {
        "code": "C1",
        "title": "t",
        "year": today.year,
        "field": "新材料",
        "budget_yuan": "100",
        "max_per_project_yuan": "100",
        "opens": today,
        "closes": today,
    }
    with pytest.raises(PermissionDenied):
        actions.create_call(actor=county_officer, **base)
    with pytest.raises(ValidationError, match="早于开始日"):
        actions.create_call(actor=city_admin, **{**base, "closes": today - dt.timedelta(days=1)})
    with pytest.raises(ValidationError, match="超过财政预算"):
        actions.create_call(actor=city_admin, **{**base, "max_per_project_yuan": "100.01"})
    with pytest.raises(ValidationError, match="超出|too large|位数"):
        actions.create_call(
            actor=city_admin, **{**base, "budget_yuan": "1e17", "max_per_project_yuan": "1"}
        )
    call = actions.create_call(actor=city_admin, **base)
    with pytest.raises(ValidationError, match="不能这样变更"):
        actions.set_call_state(call, "closed", actor=city_admin)


def test_experts_score_only_their_own_once_and_may_decline(
    call: Any, firm: Any, firm_user: Any, pool: list[Any], city_admin: Any, reviewers: list[Any]
) -> None:
    app = _apply(call, firm, firm_user)
    actions.submit(app, actor=firm_user)
    actions.form_check(app, "pass", actor=city_admin)
    actions.draw(app, actor=city_admin, seed=3)
    assigned = list(app.assignments.select_related("expert__user"))
    outsider = next(u for u in reviewers if u not in {a.expert.user for a in assigned})
    first = assigned[0]
    with pytest.raises(PermissionDenied):
        actions.record_score(first, "80", actor=outsider)
    with pytest.raises(ValidationError, match="0–100"):
        actions.record_score(first, "100.01", actor=first.expert.user)
    stale = Assignment.objects.get(pk=first.pk)
    actions.record_score(first, "100", actor=first.expert.user)
    with pytest.raises(ValidationError, match="不能修改"):
        actions.record_score(Assignment.objects.get(pk=first.pk), "90", actor=first.expert.user)
    with pytest.raises(StaleStateError):  # a concurrent second submission
        actions.record_score(stale, "90", actor=first.expert.user)
    with pytest.raises(ValidationError, match="尚有 4 名专家未评分"):
        actions.rank_call(call, actor=city_admin)
    # the second expert declares a conflict: the one remaining eligible expert replaces him
    second = assigned[1]
    replacement = actions.declare_conflict(
        second, actor=second.expert.user, reason="曾指导项目负责人"
    )
    assert replacement is not None and replacement.expert.user == outsider
    assert app.exclusions.filter(expert=second.expert).get().reasons == [
        "本人申明回避：曾指导项目负责人"
    ]
    third = assigned[2]
    assert (
        actions.declare_conflict(third, actor=third.expert.user, reason="亲属") is None
    )  # pool empty


def test_form_check_and_manage_steps_are_the_bureaus(
    call: Any, firm: Any, firm_user: Any, county_officer: Any
) -> None:
    app = _apply(call, firm, firm_user)
    actions.submit(app, actor=firm_user)
    with pytest.raises(PermissionDenied):
        actions.form_check(app, "pass", actor=firm_user)
    with pytest.raises(PermissionDenied):
        actions.form_check(app, "pass", actor=county_officer)
    with pytest.raises(ValidationError, match="不能变为"):
        actions.submit(app, actor=firm_user)


def test_external_projects_total(city_admin: Any, regions: dict[str, Any]) -> None:
    for amount in ("1000000", "2500000.5"):
        actions.record_external(
            actor=city_admin,
            title="t",
            unit_name="u",
            region=regions["511112"],
            level="provincial",
            programme="省重点研发",
            funding_yuan=amount,
            approved_on=dt.date(2023, 5, 1),
            source="s",
        )
    from django.db.models import Sum

    from jiazhou_web.projects.models import ExternalProject

    assert ExternalProject.objects.aggregate(s=Sum("funding_yuan"))["s"] == Decimal("3500000.50")
    with pytest.raises(ValidationError):
        actions.record_external(
            actor=city_admin,
            title="t",
            unit_name="u",
            region=regions["511112"],
            level="provincial",
            programme="p",
            funding_yuan="-1",
            approved_on=dt.date(2023, 5, 1),
            source="s",
        )


def _in_progress(call: Any, firm: Any, firm_user: Any, admin: Any, end: dt.date) -> Application:
    """An application moved to 实施中 with a contract ending on ``end`` (steps before are tested
    above; here they are taken through the actions without the 公示 wait)."""
    app = _apply(call, firm, firm_user, title=f"实施{end}")
    actions.submit(app, actor=firm_user)
    actions.form_check(app, "pass", actor=admin)
    Application.objects.filter(pk=app.pk).update(state="publicised", approved_yuan=Decimal(1000))
    app.refresh_from_db()
    Application.objects.filter(pk=app.pk).update(publicity_ends=dt.date(2000, 1, 1))
    app.refresh_from_db()
    actions.contract(app, actor=admin, start=dt.date(2025, 1, 1), end=end)
    actions.start(app, actor=admin)
    return app


def test_midterm_extension_evaluation_and_archive(
    call: Any, firm: Any, firm_user: Any, city_admin: Any
) -> None:
    app = _in_progress(call, firm, firm_user, city_admin, dt.date(2027, 6, 30))
    actions.midterm_check(app, actor=city_admin)
    with pytest.raises(ValidationError, match="检查意见"):
        actions.midterm_result(app, "continue", actor=city_admin, note=" ")
    actions.midterm_result(app, "continue", actor=city_admin, note="进度正常")
    assert app.state == "in_progress"
    # 四川: asked ≥ 3 months before expiry (by 2027-03-30), at most 12 months, once
    with pytest.raises(ValidationError, match="前3个月"):
        actions.extend(
            app, actor=city_admin, asked_on=dt.date(2027, 3, 31), new_end=dt.date(2027, 12, 31)
        )
    actions.extend(
        app, actor=city_admin, asked_on=dt.date(2027, 3, 30), new_end=dt.date(2028, 6, 30)
    )
    assert app.contract_end == dt.date(2028, 6, 30)
    with pytest.raises(ValidationError, match="延期过一次"):
        actions.extend(
            app, actor=city_admin, asked_on=dt.date(2027, 4, 1), new_end=dt.date(2028, 7, 30)
        )
    actions.apply_for_acceptance(app, actor=firm_user)
    actions.decide_acceptance(app, "pass", actor=city_admin)
    actions.evaluate_performance(app, actor=city_admin, note="绩效良好")
    actions.archive(app, actor=city_admin)
    assert app.state == "archived"


def test_a_midterm_check_may_terminate(
    call: Any, firm: Any, firm_user: Any, city_admin: Any
) -> None:
    app = _in_progress(call, firm, firm_user, city_admin, dt.date(2027, 6, 30))
    actions.midterm_check(app, actor=city_admin)
    actions.midterm_result(app, "terminate", actor=city_admin, note="主要研究人员离职")
    assert app.state == "terminated"


def test_acceptance_materials_are_overdue_from_the_31st_day(
    call: Any, firm: Any, firm_user: Any, city_admin: Any
) -> None:
    app = _in_progress(call, firm, firm_user, city_admin, dt.date(2026, 6, 30))
    # 攀科发〔2021〕22号: materials within 30日 after expiry → due 2026-07-30, overdue from 07-31
    assert not actions.overdue_acceptance(dt.date(2026, 7, 30)).filter(pk=app.pk).exists()
    assert actions.overdue_acceptance(dt.date(2026, 7, 31)).filter(pk=app.pk).exists()
