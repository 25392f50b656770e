"""督办 of overdue tickets (``manage.py supervise_tickets``), with dates worked out by hand on
the 2025 holiday table:

A ticket dispatched Fri 2025-05-30 17:00 under the 紧急 tier (2 working hours to respond, 2 wd
to reply). 05-31 – 06-02 is 端午, so the response is due Tue 06-03 10:30 and the reply is due
close of business Wed 06-04 17:30; the handling clock is overdue from Thu 06-05 09:00 (the
first overdue working day). With the 3-working-day 督办 reply window the entry goes up one
level on Tue 06-10 (06-06, 06-09, 06-10) and to the top on Fri 06-13 (06-11, 06-12, 06-13).
"""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from jiazhou.tickets import first_overdue_day, supervision_level
from jiazhou_web.core.models import AuditLog
from jiazhou_web.tickets import actions, clocks, overdue
from jiazhou_web.tickets.choices import OverdueKind, TicketState
from jiazhou_web.tickets.models import Ticket, TicketSupervision
from jiazhou_web.tickets.tests.conftest import at

pytestmark = pytest.mark.django_db

POWER = "园区用电增容申请提交两个月仍未批复，新产线无法按期投产，请协调供电部门尽快办理"


def _dispatched(w: dict[str, Any], title: str = "用电增容迟迟未批复") -> Ticket:
    t = actions.raise_ticket(
        w["firm"], title=title, text=POWER, actor=w["firm_user"], at=at(5, 30, 16)
    )
    actions.dispatch(t, unit=w["unit"], actor=w["city"], at=at(5, 30, 17))
    t.refresh_from_db()
    assert clocks.tier_for(t).handling_days == 2
    assert t.response_due_at == at(6, 3, 10, 30)
    return t


def _entries(t: Ticket) -> list[tuple[str, int, dt.date, bool]]:
    return [
        (e.kind, e.level, e.issued_on, e.resolved_at is not None)
        for e in TicketSupervision.objects.filter(ticket=t).order_by("issued_at", "id")
    ]


def _events(t: Ticket, kind: str) -> int:
    return AuditLog.objects.for_object(t).filter(event_type=kind).count()


def test_engine_levels_by_hand_across_the_national_day_holiday(world: dict[str, Any]) -> None:
    cal = clocks.calendar()
    # due at close of business Tue 2025-09-30; 10-01 – 10-08 is 国庆/中秋, 10-11 (Sat) is a 调休
    # working day: overdue from Thu 10-09; +3 wd = 10-10, 10-11, 10-13 → level 1 on Mon 10-13
    due = dt.datetime(2025, 9, 30, 17, 30, tzinfo=at(1, 1).tzinfo)
    assert first_overdue_day(cal, due) == dt.date(2025, 10, 9)
    assert supervision_level(cal, due, dt.date(2025, 9, 30), step_days=3) == -1
    assert supervision_level(cal, due, dt.date(2025, 10, 9), step_days=3) == 0
    assert supervision_level(cal, due, dt.date(2025, 10, 11), step_days=3) == 0
    assert supervision_level(cal, due, dt.date(2025, 10, 13), step_days=3) == 1
    # +6 wd = 10-14, 10-15, 10-16 → top level on Thu 10-16, and never higher
    assert supervision_level(cal, due, dt.date(2025, 10, 16), step_days=3) == 2
    assert supervision_level(cal, due, dt.date(2025, 12, 31), step_days=3) == 2
    # a due instant inside office hours is overdue the same day
    assert first_overdue_day(cal, at(6, 3, 10, 30)) == dt.date(2025, 6, 3)
    with pytest.raises(ValueError, match="督办升级间隔"):
        supervision_level(cal, due, dt.date(2025, 10, 9), step_days=0)


def test_response_then_handling_督办_each_level_once(world: dict[str, Any]) -> None:
    w = world
    t = _dispatched(w)
    assert overdue.run(at(6, 3, 10, 30)).issued == []  # due instant itself: not late yet
    first = overdue.run(at(6, 3, 11))
    assert len(first.issued) == 1
    assert overdue.run(at(6, 3, 11)).issued == []  # the same day twice: no duplicate
    assert overdue.run(at(6, 3, 16)).issued == []
    entry = TicketSupervision.objects.get(ticket=t)
    assert entry.kind == OverdueKind.RESPONSE and entry.level == 0
    assert entry.due_at == at(6, 3, 10, 30)
    assert entry.respond_by == dt.date(2025, 6, 6)  # Tue + 3 wd
    assert entry.number.startswith("DB2025")
    # first contact resolves it inside the action (covered by the action's own audit row)
    actions.sign(t, actor=w["dept"], at=at(6, 3, 14))
    actions.contact(t, actor=w["dept"], at=at(6, 3, 14, 30))
    entry.refresh_from_db()
    assert entry.resolution == "已联系诉求人" and entry.resolved_at == at(6, 3, 14, 30)
    assert _events(t, "tickets.supervision_resolved") == 0
    # handling clock: due Wed 06-04 17:30; at Thu 09:00 sharp not yet, one minute later overdue
    assert overdue.run(at(6, 4, 17, 30)).issued == []
    assert overdue.run(at(6, 5, 9, 0)).issued == []
    assert len(overdue.run(at(6, 5, 9, 1)).issued) == 1
    assert overdue.run(at(6, 9, 16)).issued == []  # still level 0 on Mon 06-09
    assert len(overdue.run(at(6, 10, 9, 30)).issued) == 1  # level 1 on Tue 06-10
    assert overdue.run(at(6, 12, 9, 30)).issued == []
    assert len(overdue.run(at(6, 13, 9, 30)).issued) == 1  # top level on Fri 06-13
    assert overdue.run(at(6, 20, 9, 30)).issued == []  # no level above the top
    assert _entries(t) == [
        (OverdueKind.RESPONSE, 0, dt.date(2025, 6, 3), True),
        (OverdueKind.HANDLING, 0, dt.date(2025, 6, 5), False),
        (OverdueKind.HANDLING, 1, dt.date(2025, 6, 10), False),
        (OverdueKind.HANDLING, 2, dt.date(2025, 6, 13), False),
    ]
    assert _events(t, "tickets.supervised") == 4  # one audit row per entry issued
    # the reply stops the clock: every open entry is resolved with it
    actions.reply(t, text="已协调供电公司完成增容方案批复。", actor=w["dept"], at=at(6, 20, 10))
    assert set(TicketSupervision.objects.filter(ticket=t).values_list("resolution", flat=True)) == {
        "已联系诉求人",
        "已答复",
    }
    assert not TicketSupervision.objects.filter(resolved_at__isnull=True).exists()


def test_a_run_after_a_gap_issues_only_the_level_reached(world: dict[str, Any]) -> None:
    w = world
    t = _dispatched(w)
    actions.sign(t, actor=w["dept"], at=at(6, 3, 9, 10))
    actions.contact(t, actor=w["dept"], at=at(6, 3, 9, 30))
    overdue.run(at(6, 11, 10))  # first run since the due date: level 1 (from 06-10)
    assert _entries(t) == [(OverdueKind.HANDLING, 1, dt.date(2025, 6, 11), False)]
    overdue.run(at(6, 11, 15))
    assert len(_entries(t)) == 1


def test_closed_later_resolves_entries_left_open_by_the_run(world: dict[str, Any]) -> None:
    w = world
    t = _dispatched(w)
    overdue.run(at(6, 3, 11))
    # a change made outside the actions (an import, a data fix) leaves the entry open: the run
    # resolves it, with one audit row
    Ticket.objects.filter(pk=t.pk).update(state=TicketState.CLOSED, closed_at=at(6, 4, 9))
    summary = overdue.run(at(6, 4, 10))
    assert len(summary.resolved) == 1
    assert TicketSupervision.objects.get(ticket=t).resolution == "已办结"
    assert _events(t, "tickets.supervision_resolved") == 1
    assert overdue.run(at(6, 4, 11)).resolved == []


def test_redispatch_resolves_the_old_units_entry_and_supervises_the_new_clock(
    world: dict[str, Any],
) -> None:
    w = world
    t = _dispatched(w)
    overdue.run(at(6, 3, 11))
    actions.return_ticket(
        t,
        reason="不属于本单位职责，应由区县办理",
        proposed_unit=w["county_unit"],
        actor=w["dept"],
        at=at(6, 3, 12),
    )
    assert TicketSupervision.objects.get(ticket=t).resolution == "已退单"
    actions.dispatch(t, unit=w["county_unit"], actor=w["city"], at=at(6, 3, 14))
    t.refresh_from_db()
    # the new unit's response clock: 2 working hours from 14:00 → 16:00
    assert overdue.run(at(6, 3, 15)).issued == []
    assert len(overdue.run(at(6, 3, 16, 30)).issued) == 1
    new = TicketSupervision.objects.filter(ticket=t, resolved_at__isnull=True).get()
    assert new.unit == w["county_unit"] and new.dispatch == t.current_dispatch()


def test_command_is_idempotent_and_refuses_a_bad_date(world: dict[str, Any]) -> None:
    _dispatched(world)
    out = StringIO()
    call_command("supervise_tickets", "--at", "2025-06-03T11:00", stdout=out)
    call_command("supervise_tickets", "--at", "2025-06-03T11:00", stdout=out)
    assert "督办 issued 1" in out.getvalue() and "督办 issued 0" in out.getvalue()
    assert TicketSupervision.objects.count() == 1
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="时间格式应为"):
        call_command("supervise_tickets", "--at", "六月三日")


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_shown_on_ticket_page_workbench_todos_and_centre_list(world: dict[str, Any]) -> None:
    w = world
    t = _dispatched(w)
    overdue.run(at(6, 3, 11))
    number = TicketSupervision.objects.get().number
    page = _client(w["city"]).get(f"/tickets/{t.pk}/").content.decode()
    assert number in page and "督办承办单位" in page and "督办中" in page
    bench = _client(w["dept"]).get("/tickets/workbench/").content.decode()
    assert 'data-testid="supervisions"' in bench and number in bench
    assert "2025年6月6日" in bench  # 答复期限, Chinese date
    from jiazhou_web.tickets.todos import todos

    counts = {todo.label: todo.count for todo in todos(w["dept"])}
    assert counts["督办中的企业诉求（须限期答复）"] == 1
    listing = _client(w["city"]).get("/tickets/supervision/").content.decode()
    assert number in listing and "超响应时限未联系" in listing
    assert (
        number
        not in _client(w["city"]).get("/tickets/supervision/?status=resolved").content.decode()
    )
    # the firm does not see the 督办 entries on its own ticket page
    assert number not in _client(w["firm_user"]).get(f"/tickets/{t.pk}/").content.decode()


def test_centre_list_has_a_constant_query_count(
    world: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    w = world
    _dispatched(w, "用电增容第一件")
    overdue.run(at(6, 3, 11))
    client = _client(w["city"])
    with django_assert_max_num_queries(30) as few:
        assert client.get("/tickets/supervision/?status=all").status_code == 200
    for i in range(4):
        _dispatched(w, f"用电增容第{i + 2}件")
    overdue.run(at(6, 3, 11, 30))
    assert TicketSupervision.objects.count() == 5
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/tickets/supervision/?status=all").status_code == 200


def test_the_units_and_centres_todo_counts_at_each_limit(
    world: dict[str, Any], pinned: Any, django_assert_max_num_queries: Any
) -> None:
    """The 我的待办 counts of the unit (to sign, past the response time without contact,
    past the handling time) and of the centre (to dispatch, overdue) at the hand-computed
    limits of the module docstring: the response is due Tue 06-03 10:30, the handling clock
    is overdue once Thu 06-05 09:00 has passed. The unit's three counts are one query."""
    from jiazhou_web.tickets.todos import todos

    w = world
    t = _dispatched(w)
    waiting = actions.raise_ticket(
        w["firm"], title="另一件待派单", text=POWER, actor=w["firm_user"], at=at(6, 3, 9)
    )
    unit = {
        "sign": "待签收的企业诉求",
        "late": "超过响应时限未联系的企业诉求",
        "overdue": "超过办理时限的企业诉求",
    }

    def counts(user: Any) -> dict[str, int]:
        return {todo.label: todo.count for todo in todos(user)}

    pinned.move_to(at(6, 3, 10, 30))  # the response limit itself: not yet late
    got = counts(w["dept"])
    assert [got[unit[k]] for k in ("sign", "late", "overdue")] == [1, 0, 0]
    pinned.move_to(at(6, 3, 10, 31))
    got = counts(w["dept"])
    assert [got[unit[k]] for k in ("sign", "late", "overdue")] == [1, 1, 0]
    centre = counts(w["city"])
    assert centre["待派单或待审定的企业诉求"] == 1 and centre["超期未办结的企业诉求（督办）"] == 0
    actions.sign(t, actor=w["dept"], at=at(6, 3, 10, 40))
    got = counts(w["dept"])
    assert [got[unit[k]] for k in ("sign", "late", "overdue")] == [0, 1, 0]  # signed, not contacted
    actions.contact(t, actor=w["dept"], at=at(6, 3, 10, 45))
    pinned.move_to(at(6, 5, 9, 0))  # the first overdue working day begins: no time over yet
    got = counts(w["dept"])
    assert [got[unit[k]] for k in ("sign", "late", "overdue")] == [0, 0, 0]
    pinned.move_to(at(6, 5, 9, 1))
    got = counts(w["dept"])
    assert [got[unit[k]] for k in ("sign", "late", "overdue")] == [0, 0, 1]
    assert counts(w["city"])["超期未办结的企业诉求（督办）"] == 1
    actions.dispatch(waiting, unit=w["unit"], actor=w["city"], at=at(6, 5, 9, 5))
    assert counts(w["city"])["待派单或待审定的企业诉求"] == 0
    with django_assert_max_num_queries(12):
        todos(w["dept"])
