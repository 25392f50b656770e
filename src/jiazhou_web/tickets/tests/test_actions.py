"""The ticket lifecycle through the real actions: every step audited once, refusals with
clear messages, concurrency (a double 签收 happens once), clocks from dispatch, repeats."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jiazhou_web.core import audit
from jiazhou_web.core.models import AuditLog
from jiazhou_web.tickets import actions, clocks
from jiazhou_web.tickets.choices import ExtensionState, TicketState
from jiazhou_web.tickets.models import Ticket
from jiazhou_web.tickets.tests.conftest import at

pytestmark = pytest.mark.django_db

POWER = "园区用电增容申请提交两个月仍未批复，新产线无法按期投产，请协调供电部门尽快办理"


def _raise(
    w: dict[str, Any], text: str = POWER, title: str = "用电增容迟迟未批复", when: Any = None
) -> Ticket:
    return actions.raise_ticket(w["firm"], title=title, text=text, actor=w["firm_user"], at=when)


def _events(ticket: Ticket) -> list[str]:
    return list(
        AuditLog.objects.for_object(ticket).order_by("id").values_list("event_type", flat=True)
    )


def test_full_cycle_each_step_one_audit_row(world: dict[str, Any]) -> None:
    w = world
    t = _raise(w, when=at(5, 30, 17))
    assert t.state == TicketState.RECEIVED and t.leaf is not None
    assert t.leaf.code == "02-04-01"  # suggested from the text: 用电 / 增容
    actions.dispatch(t, unit=w["unit"], actor=w["city"], at=at(5, 30, 17))
    # §4.7 case 1 on a real ticket: tier 紧急 (2 wd) would differ; use the clock's own tier
    tier = clocks.tier_for(t)
    assert tier.code == "urgent" and tier.handling_days == 2
    # response due: 2 working hours from Fri 17:00 → Tue 06-03 10:30 (端午 in between)
    assert t.response_due_at == at(6, 3, 10, 30)
    actions.sign(t, actor=w["dept"], at=at(6, 3, 9, 10))
    actions.contact(t, note="电话联系企业", actor=w["dept"], at=at(6, 3, 9, 30))
    actions.reply(
        t, text="已协调供电公司于6月5日完成增容方案批复。", actor=w["dept"], at=at(6, 4, 15)
    )
    actions.callback(t, outcome="resolved", satisfaction=5, actor=w["firm_user"], at=at(6, 5, 10))
    t.refresh_from_db()
    assert t.state == TicketState.CLOSED and t.closed_at == at(6, 5, 10)
    assert _events(t) == [
        "tickets.raised",
        "tickets.dispatched",
        "tickets.signed",
        "tickets.contacted",
        "tickets.replied",
        "tickets.callback",
    ]
    clock = clocks.clock_for(t, t.current_dispatch(), at(6, 6, 9))
    assert clock.responded_in_time is True
    assert clock.report.state == "completed_on_time"  # due Wed 06-04 17:30 (2 wd after 05-30)


def test_double_sign_happens_once(world: dict[str, Any]) -> None:
    w = world
    t = _raise(w)
    actions.dispatch(t, unit=w["unit"], actor=w["city"])
    stale = Ticket.objects.get(pk=t.pk)  # a second request read the ticket before the first signed
    actions.sign(t, actor=w["dept"])
    with pytest.raises(audit.StaleStateError, match="刚刚已被他人处理"):
        actions.sign(stale, actor=w["dept"])
    with pytest.raises(ValidationError, match="不能「签收」"):
        actions.sign(Ticket.objects.get(pk=t.pk), actor=w["dept"])
    assert _events(t).count("tickets.signed") == 1


def test_return_needs_reason_and_unit_and_is_late_after_two_working_days(
    world: dict[str, Any],
) -> None:
    w = world
    t = _raise(w, when=at(6, 3, 9))
    actions.dispatch(t, unit=w["unit"], actor=w["city"], at=at(6, 3, 9))
    with pytest.raises(ValidationError, match="退单理由"):
        actions.return_ticket(t, reason="", proposed_unit=w["county_unit"], actor=w["dept"])
    with pytest.raises(ValidationError, match="建议承办单位"):
        actions.return_ticket(t, reason="不属本单位职责", proposed_unit=None, actor=w["dept"])
    # §4.7 case 3: returned on the 3rd working day (Fri 06-06) → late (limit: close of Thu 06-05)
    actions.return_ticket(
        t,
        reason="属地供水事项，不属本单位职责",
        proposed_unit=w["county_unit"],
        actor=w["dept"],
        at=at(6, 6, 10),
    )
    first = t.current_dispatch()
    assert first is not None and first.return_late and first.proposed_unit == w["county_unit"]
    assert t.state == TicketState.RETURNED
    # the centre decides (审定) and re-dispatches: a new clock for the new unit only
    actions.dispatch(t, unit=w["county_unit"], actor=w["city"], at=at(6, 6, 11))
    second = t.current_dispatch()
    assert second is not None and second.pk != first.pk
    report = clocks.clock_for(t, second, at(6, 9, 9)).report
    assert report.nominal_due_at.date() == dt.date(2025, 6, 10)  # 2 wd after Fri 06-06 (urgent)


def test_pause_and_extension_move_the_due_date(world: dict[str, Any]) -> None:
    w = world
    t = actions.raise_ticket(
        w["firm"],
        title="研发费用加计扣除后补助咨询",
        text="去年研发费用后补助何时拨付，需要提交什么材料",
        actor=w["firm_user"],
        at=at(6, 3, 9),
    )
    assert t.leaf is not None and t.leaf.tier == "general"  # 5 wd
    actions.dispatch(t, unit=w["unit"], actor=w["city"], at=at(6, 3, 9))
    actions.sign(t, actor=w["dept"], at=at(6, 3, 9, 30))
    actions.contact(t, actor=w["dept"], at=at(6, 3, 10))
    due = clocks.clock_for(t, t.current_dispatch(), at(6, 3, 11)).report.due_at
    assert due == at(6, 10, 17, 30)
    actions.pause(t, reason="请补充研发费用专项审计报告", actor=w["dept"], at=at(6, 4, 9))
    actions.resume(t, actor=w["dept"], at=at(6, 6, 9))  # 2 working days paused (§4.7 case 2)
    due = clocks.clock_for(t, t.current_dispatch(), at(6, 6, 10)).report.due_at
    assert due == at(6, 12, 17, 30)
    ext = actions.request_extension(
        t, working_days=3, reason="需会同财政局核实", actor=w["dept"], at=at(6, 9, 9)
    )
    with pytest.raises(ValidationError, match="待审批"):
        actions.request_extension(
            t, working_days=1, reason="再次申请延期", actor=w["dept"], at=at(6, 9, 10)
        )
    actions.decide_extension(ext, approve=True, actor=w["city"], at=at(6, 9, 11))
    with pytest.raises(ValidationError, match="已审批"):
        actions.decide_extension(ext, approve=False, actor=w["city"])
    ext.refresh_from_db()
    assert ext.state == ExtensionState.APPROVED
    due = clocks.clock_for(t, t.current_dispatch(), at(6, 9, 12)).report.due_at
    assert due == at(6, 17, 17, 30)  # 06-12 + 3 wd: 13, 16, 17
    with pytest.raises(ValidationError, match="1–7"):
        actions.request_extension(
            t, working_days=8, reason="超过累计上限", actor=w["dept"], at=at(6, 9, 13)
        )


def test_extension_after_the_limit_is_refused(world: dict[str, Any]) -> None:
    w = world
    t = _raise(w, when=at(6, 3, 9))  # urgent: 2 wd → due Thu 06-05 17:30
    actions.dispatch(t, unit=w["unit"], actor=w["city"], at=at(6, 3, 9))
    actions.sign(t, actor=w["dept"], at=at(6, 3, 9, 5))
    with pytest.raises(ValidationError, match="超期后不能延期"):
        actions.request_extension(
            t, working_days=2, reason="需要更多时间", actor=w["dept"], at=at(6, 6, 10)
        )


def test_only_the_units_officers_handle_and_only_the_firm_rates(
    world: dict[str, Any], other_firm_user: Any, county_officer: Any
) -> None:
    w = world
    t = _raise(w)
    with pytest.raises(PermissionDenied):
        actions.dispatch(t, unit=w["unit"], actor=w["dept"])  # a department does not dispatch
    actions.dispatch(t, unit=w["unit"], actor=w["city"])
    with pytest.raises(PermissionDenied):
        actions.sign(t, actor=county_officer)  # not the unit holding it
    actions.sign(t, actor=w["dept"])
    actions.contact(t, actor=w["dept"])
    actions.reply(t, text="已答复企业，具体见书面材料。", actor=w["dept"])
    with pytest.raises(PermissionDenied):
        actions.callback(t, outcome="resolved", satisfaction=5, actor=other_firm_user)
    with pytest.raises(PermissionDenied):  # the unit that handled it does not rate itself
        actions.callback(t, outcome="resolved", satisfaction=5, actor=w["dept"])
    with pytest.raises(PermissionDenied):
        actions.raise_ticket(
            w["firm"], title="冒名", text="以他人企业名义提出", actor=other_firm_user
        )


def test_bad_input_is_refused_with_field_names(world: dict[str, Any]) -> None:
    w = world
    with pytest.raises(ValidationError, match="「标题」不能为空"):
        _raise(w, title=" ")
    with pytest.raises(ValidationError, match="「诉求内容」至少 5 个字"):
        _raise(w, text="太短")
    t = _raise(w)
    actions.dispatch(t, unit=w["unit"], actor=w["city"])
    actions.sign(t, actor=w["dept"])
    actions.contact(t, actor=w["dept"])
    with pytest.raises(ValidationError, match="「答复内容」至少 10 个字"):
        actions.reply(t, text="已办", actor=w["dept"])
    actions.reply(t, text="已协调解决，请企业确认。", actor=w["dept"])
    with pytest.raises(ValidationError, match="「满意度」须为 1–5 级"):
        actions.callback(t, outcome="resolved", satisfaction=9, actor=w["firm_user"])
    assert Ticket.objects.get(pk=t.pk).state == TicketState.REPLIED  # nothing half-written


def test_double_submission_within_a_minute_is_one_ticket(world: dict[str, Any]) -> None:
    w = world
    first = _raise(w, when=at(6, 3, 9))
    again = _raise(w, when=at(6, 3, 9, 0) + dt.timedelta(seconds=59))
    later = _raise(w, when=at(6, 3, 9, 1) + dt.timedelta(seconds=1))
    assert again.pk == first.pk
    assert later.pk != first.pk
    assert Ticket.objects.count() == 2


def test_repeat_within_30_days_of_closure_is_linked(world: dict[str, Any]) -> None:
    """§4.7 case 6: same USCC, same leaf, similar text, 12 days after closure → repeat."""
    w = world
    t = _raise(w, when=at(6, 3, 9))
    actions.dispatch(t, unit=w["unit"], actor=w["city"], at=at(6, 3, 9))
    actions.sign(t, actor=w["dept"], at=at(6, 3, 9, 5))
    actions.contact(t, actor=w["dept"], at=at(6, 3, 9, 10))
    actions.reply(t, text="已协调供电公司，正在办理增容。", actor=w["dept"], at=at(6, 4, 9))
    actions.callback(t, outcome="unresolved", satisfaction=2, actor=w["firm_user"], at=at(6, 5, 9))
    again = _raise(
        w, text="用电增容申请还是没有批复，新产线仍无法投产，请尽快协调", when=at(6, 17, 9)
    )
    actions.dispatch(again, unit=w["unit"], actor=w["city"], at=at(6, 17, 9))
    assert again.repeat_of == t
    far = _raise(w, text="用电增容申请一直没有批复，新产线无法投产，请尽快协调", when=at(7, 10, 9))
    actions.dispatch(far, unit=w["unit"], actor=w["city"], at=at(7, 10, 9))
    assert far.repeat_of is None  # 35 days after closure


def test_reopen_sends_back_to_the_same_unit_with_a_new_clock(world: dict[str, Any]) -> None:
    w = world
    t = _raise(w, when=at(6, 3, 9))
    actions.dispatch(t, unit=w["unit"], actor=w["city"], at=at(6, 3, 9))
    actions.sign(t, actor=w["dept"], at=at(6, 3, 9, 5))
    actions.contact(t, actor=w["dept"], at=at(6, 3, 9, 10))
    actions.reply(t, text="已解释政策，企业不符合条件。", actor=w["dept"], at=at(6, 4, 9))
    actions.callback(t, outcome="unresolved", satisfaction=1, actor=w["firm_user"], at=at(6, 5, 9))
    actions.reopen(t, reason="企业反映未实际解决", actor=w["city"], at=at(6, 6, 9))
    assert t.state == TicketState.DISPATCHED and t.reopen_count == 1 and t.unit == w["unit"]
    assert t.dispatches.count() == 2
