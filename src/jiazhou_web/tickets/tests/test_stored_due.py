"""The stored due instant (``Ticket.handling_due_at``) against the engine: tickets driven through
every transition at pinned times, and at each probe instant — the due instants themselves, one
second after them, 09:00 sharp and one second after — the stored value equals the engine's
computation from the rows and the 超期 query returns exactly the engine's overdue set.

The engine's rule, pinned here: overdue once working time past the budget has elapsed. A
ticket due at 17:30 is not overdue at 17:30, nor at 17:30:01, nor at 09:00 the next working
day; it is at 09:00:01. A due instant inside office hours (moved there by a 补正 pause) is
not overdue at the instant itself and is one second later.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from jiazhou_web.tickets import actions, boards, clocks
from jiazhou_web.tickets.models import ExtensionRequest, Ticket
from jiazhou_web.tickets.tests.conftest import at

pytestmark = pytest.mark.django_db

OPEN = ("dispatched", "signed", "handling", "paused")


def _s(moment: dt.datetime, seconds: int = 1) -> dt.datetime:
    return moment + dt.timedelta(seconds=seconds)


def _engine_overdue(now: dt.datetime) -> set[str]:
    """Overdue by evaluate_sla, ticket by ticket, from the clock rows (nothing stored read)."""
    found = set()
    for t in Ticket.objects.filter(state__in=OPEN):
        report = clocks.clock_for(t, t.current_dispatch(), now).report
        if report.state == "overdue":
            found.add(t.title)
    return found


def _names(ids: list[int]) -> set[str]:
    return set(Ticket.objects.filter(pk__in=ids).values_list("title", flat=True))


def _world_timeline(w: dict[str, Any]) -> list[tuple[dt.datetime, Callable[[dt.datetime], Any]]]:
    """Ten tickets (urgent tier: 2 working days), one per path through the steps."""
    made: dict[str, Ticket] = {}
    unit, county, city, dept = w["unit"], w["county_unit"], w["city"], w["dept"]

    def raise_(name: str, when: dt.datetime) -> None:
        made[name] = actions.raise_ticket(
            w["firm"],
            title=name,
            text=f"园区用电增容申请未批复（{name}）",
            actor=w["firm_user"],
            at=when,
        )

    def t(name: str) -> Ticket:
        return Ticket.objects.get(pk=made[name].pk)  # a fresh read, as each request does

    def step(fn: Callable[..., Any], name: str, **kw: Any) -> Callable[[dt.datetime], Any]:
        return lambda when: fn(t(name), at=when, **kw)

    def approve(when: dt.datetime) -> None:
        ext = ExtensionRequest.objects.get(ticket=made["E 延期"], state="requested")
        actions.decide_extension(ext, approve=True, actor=city, at=when)

    names = ["A 待签收", "B 办理中", "C 补正后恢复", "D 补正中", "E 延期", "F 退单改派"]
    names += ["G 退单待审定", "H 已答复", "I 重办", "J 超期后补正"]
    events: list[tuple[dt.datetime, Any]] = []
    for i, name in enumerate(names):
        events.append((at(6, 3, 9, i), lambda when, name=name: raise_(name, when)))
        events.append(
            (
                at(6, 3, 10, i),
                lambda when, name=name: step(actions.dispatch, name, unit=unit, actor=city)(when),
            )
        )
    for i, name in enumerate(
        ["B 办理中", "C 补正后恢复", "D 补正中", "E 延期", "H 已答复", "I 重办", "J 超期后补正"]
    ):
        events.append(
            (at(6, 3, 11, i), lambda when, name=name: step(actions.sign, name, actor=dept)(when))
        )
        events.append(
            (at(6, 3, 14, i), lambda when, name=name: step(actions.contact, name, actor=dept)(when))
        )
    ret = {"reason": "不属本单位职责", "proposed_unit": county, "actor": dept}
    events += [
        (
            at(6, 4, 9),
            lambda when: step(actions.pause, "C 补正后恢复", reason="补充用电负荷材料", actor=dept)(
                when
            ),
        ),
        (at(6, 4, 9, 30), lambda when: step(actions.return_ticket, "G 退单待审定", **ret)(when)),
        (at(6, 4, 9, 40), lambda when: step(actions.return_ticket, "F 退单改派", **ret)(when)),
        (
            at(6, 4, 10),
            lambda when: step(
                actions.request_extension, "E 延期", working_days=2, reason="需现场踏勘", actor=dept
            )(when),
        ),
        (
            at(6, 4, 10, 5),
            lambda when: step(actions.reply, "I 重办", text="已协调供电公司办理完毕。", actor=dept)(
                when
            ),
        ),
        (at(6, 4, 10, 30), lambda when: step(actions.resume, "C 补正后恢复", actor=dept)(when)),
        (
            at(6, 4, 11),
            lambda when: step(actions.pause, "D 补正中", reason="补充用电负荷材料", actor=dept)(
                when
            ),
        ),
        (
            at(6, 4, 11, 5),
            lambda when: step(
                actions.callback,
                "I 重办",
                outcome="unresolved",
                satisfaction=2,
                actor=w["firm_user"],
            )(when),
        ),
        (
            at(6, 4, 14),
            lambda when: step(actions.dispatch, "F 退单改派", unit=county, actor=city)(when),
        ),
        (
            at(6, 4, 15),
            lambda when: step(
                actions.reply, "H 已答复", text="已协调供电公司办理完毕。", actor=dept
            )(when),
        ),
        (
            at(6, 4, 15, 5),
            lambda when: step(actions.reopen, "I 重办", reason="企业反映仍未解决", actor=city)(
                when
            ),
        ),
        (at(6, 5, 10), approve),
        (
            at(6, 6, 10),
            lambda when: step(actions.pause, "J 超期后补正", reason="补充用电负荷材料", actor=dept)(
                when
            ),
        ),
        (at(6, 6, 11), lambda when: step(actions.resume, "J 超期后补正", actor=dept)(when)),
    ]
    return events


#: probe instant → the overdue set, written out by hand from the rule above
EXPECTED: list[tuple[dt.datetime, set[str]]] = [
    (at(6, 5, 17, 30), set()),  # A, B, J due Thu 06-05 17:30: the instant itself
    (_s(at(6, 5, 17, 30)), set()),  # one second later: no working time has passed
    (at(6, 6, 9), set()),  # 09:00 sharp: still none
    (_s(at(6, 6, 9)), {"A 待签收", "B 办理中", "J 超期后补正"}),
    (at(6, 6, 10, 30), {"A 待签收", "B 办理中"}),  # J paused at 10:00; C due 10:30 itself
    (_s(at(6, 6, 10, 30)), {"A 待签收", "B 办理中", "C 补正后恢复"}),
    (at(6, 6, 11), {"A 待签收", "B 办理中", "C 补正后恢复", "J 超期后补正"}),  # J resumed: late
    (at(6, 6, 17, 30), {"A 待签收", "B 办理中", "C 补正后恢复", "J 超期后补正"}),  # F, I due
    (at(6, 9, 9), {"A 待签收", "B 办理中", "C 补正后恢复", "J 超期后补正"}),
    (
        _s(at(6, 9, 9)),
        {"A 待签收", "B 办理中", "C 补正后恢复", "J 超期后补正", "F 退单改派", "I 重办"},
    ),
    (
        at(6, 10, 9),  # E: due Thu 06-05 + 2 wd of 延期 = Mon 06-09 17:30
        {"A 待签收", "B 办理中", "C 补正后恢复", "J 超期后补正", "F 退单改派", "I 重办"},
    ),
    (
        _s(at(6, 10, 9)),
        {"A 待签收", "B 办理中", "C 补正后恢复", "J 超期后补正", "F 退单改派", "I 重办", "E 延期"},
    ),
]


def test_stored_due_instant_and_the_overdue_query_agree_with_the_engine(
    world: dict[str, Any], pinned: Any
) -> None:
    timeline: list[tuple[dt.datetime, Any]] = list(_world_timeline(world))
    timeline += [(when, ("probe", expected)) for when, expected in EXPECTED]
    timeline.sort(key=lambda item: (item[0], isinstance(item[1], tuple)))  # events first
    probes = 0
    for when, what in timeline:
        pinned.move_to(when)
        if not isinstance(what, tuple):
            what(when)
            continue
        probes += 1
        stored = {t.title: t.handling_due_at for t in Ticket.objects.all()}
        computed = {t.title: clocks.handling_due_for(t, when) for t in Ticket.objects.all()}
        assert stored == computed, when
        listed = _names(list(Ticket.objects.overdue(when).values_list("pk", flat=True)))
        assert listed == _engine_overdue(when) == what[1], when
        assert listed == _names(boards.computed_overdue_ids(Ticket.objects.all(), when)), when
    assert probes == len(EXPECTED)
    due = {t.title: t.handling_due_at for t in Ticket.objects.all()}
    assert due["C 补正后恢复"] == at(6, 6, 10, 30)  # 1 h 30 min of 补正 moved it into office hours
    assert due["E 延期"] == at(6, 9, 17, 30)
    assert due["F 退单改派"] == due["I 重办"] == at(6, 6, 17, 30)  # new clocks from 06-04
    assert due["D 补正中"] is due["G 退单待审定"] is due["H 已答复"] is None


def test_overdue_page_workbench_and_todos_read_the_stored_instant(
    world: dict[str, Any], pinned: Any
) -> None:
    from jiazhou_web.core.contributions import todos_for

    w = world
    for when, event in _world_timeline(w):
        pinned.move_to(when)
        event(when)
    pinned.move_to(_s(at(6, 9, 9)))
    late = {"A 待签收", "B 办理中", "C 补正后恢复", "J 超期后补正", "F 退单改派", "I 重办"}
    city = Client()
    city.force_login(w["city"])
    html = city.get("/tickets/?state=overdue").content.decode()
    numbers = dict(Ticket.objects.values_list("title", "number"))
    assert {n for n, number in numbers.items() if number in html} == late
    todos = {t.label: t.count for t in todos_for(w["city"])}
    assert todos["超期未办结的企业诉求（督办）"] == len(late)
    unit_todos = {t.label: t.count for t in todos_for(w["dept"])}
    assert unit_todos["超过办理时限的企业诉求"] == len(late) - 1  # F went to the county unit
    dept = Client()
    dept.force_login(w["dept"])
    bench = dept.get("/tickets/workbench/").content.decode()
    assert f'data-testid="overdue-count">{len(late) - 1}<' in bench


def test_data_migration_fills_the_column_with_the_engine(
    world: dict[str, Any], pinned: Any
) -> None:
    from types import SimpleNamespace

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    for when, event in _world_timeline(world):
        pinned.move_to(when)
        event(when)
    pinned.move_to(at(6, 9, 10))
    before = dict(Ticket.objects.values_list("pk", "handling_due_at"))
    assert sum(v is not None for v in before.values()) == 7
    Ticket.objects.update(handling_due_at=None)
    migration = importlib.import_module("jiazhou_web.tickets.migrations.0004_handling_due_at")
    loader = MigrationExecutor(connection).loader  # the historical models, as migrate runs it
    historical = loader.project_state(("tickets", "0004_handling_due_at")).apps
    migration.fill(historical, SimpleNamespace(connection=connection))
    assert dict(Ticket.objects.values_list("pk", "handling_due_at")) == before


def test_a_holiday_table_edit_recomputes_the_stored_instants(
    world: dict[str, Any], pinned: Any
) -> None:
    from jiazhou_web.supervision import actions as supervision

    for when, event in _world_timeline(world):
        pinned.move_to(when)
        event(when)
    pinned.move_to(at(6, 5, 12))

    def check(probe: dt.datetime) -> set[str]:
        for t in Ticket.objects.all():
            assert t.handling_due_at == clocks.handling_due_for(t, probe), t.title
        listed = _names(list(Ticket.objects.overdue(probe).values_list("pk", flat=True)))
        assert listed == _engine_overdue(probe)
        return listed

    a = Ticket.objects.get(title="A 待签收")
    assert a.handling_due_at == at(6, 5, 17, 30)
    # Fri 06-06 declared a holiday: every limit running over it moves one working day
    holiday = supervision.save_holiday(
        None, day=dt.date(2025, 6, 6), kind="holiday", name_zh="临时放假", actor=world["city"]
    )
    a.refresh_from_db()
    assert a.handling_due_at == at(6, 5, 17, 30)  # due before the new holiday: unchanged
    f = Ticket.objects.get(title="F 退单改派")
    assert f.handling_due_at == at(6, 9, 17, 30)  # was Fri 06-06 17:30
    assert "F 退单改派" not in check(_s(at(6, 9, 9)))
    assert "F 退单改派" in check(_s(at(6, 10, 9)))
    supervision.delete_holiday(holiday, actor=world["city"])
    f.refresh_from_db()
    assert f.handling_due_at == at(6, 6, 17, 30)
    assert "F 退单改派" in check(_s(at(6, 9, 9)))


def test_without_a_holiday_table_no_ticket_is_overdue_and_the_home_page_answers(
    world: dict[str, Any],
) -> None:
    """A database without the holiday table (flushed, not yet loaded) has computed no clock:
    the 超期 query is empty instead of failing every page that counts it (我的待办)."""
    from jiazhou_web.supervision.models import Holiday

    Holiday.objects.all().delete()
    assert not Ticket.objects.overdue(dt.datetime(2026, 12, 4, 10, tzinfo=dt.UTC)).exists()
    for user in (world["city"], world["dept"]):
        client = Client()
        client.force_login(user)
        assert client.get("/").status_code == 200
