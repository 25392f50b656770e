"""Concurrent requests on one ticket (PostgreSQL; SQLite serialises writers): a double 签收
happens once, two decisions on one 延期 happen once, a double-clicked 提交 makes one ticket.
Each loser gets a clear Chinese-first refusal; the audit log holds one row per change."""

from __future__ import annotations

from typing import Any

import pytest

from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.tests.test_concurrency import needs_postgres, race, refused_clearly
from jiazhou_web.tickets import actions
from jiazhou_web.tickets.models import ExtensionRequest, Ticket

pytestmark = [needs_postgres]

TEXT = "园区用电增容申请两个月未批复，影响投产"


@pytest.fixture
def tworld(transactional_db: Any, world: dict[str, Any]) -> dict[str, Any]:
    return world


def _dispatched(w: dict[str, Any]) -> Ticket:
    t = actions.raise_ticket(w["firm"], title="用电增容未批复", text=TEXT, actor=w["firm_user"])
    actions.dispatch(t, unit=w["unit"], actor=w["city"])
    return t


def test_double_sign_happens_once(tworld: dict[str, Any]) -> None:
    w = tworld
    t = _dispatched(w)
    a, b = Ticket.objects.get(pk=t.pk), Ticket.objects.get(pk=t.pk)
    results = race(
        lambda: actions.sign(a, actor=w["dept"]), lambda: actions.sign(b, actor=w["dept"])
    )
    assert sum(isinstance(r, Ticket) for r in results) == 1
    assert all(isinstance(r, Ticket) or refused_clearly(r) for r in results)
    assert AuditLog.objects.for_object(t).filter(event_type="tickets.signed").count() == 1


def test_two_decisions_on_one_extension_happen_once(tworld: dict[str, Any]) -> None:
    w = tworld
    t = _dispatched(w)
    actions.sign(t, actor=w["dept"])
    actions.contact(t, actor=w["dept"])
    ext = actions.request_extension(t, working_days=2, reason="需现场核实", actor=w["dept"])
    a, b = ExtensionRequest.objects.get(pk=ext.pk), ExtensionRequest.objects.get(pk=ext.pk)
    results = race(
        lambda: actions.decide_extension(a, approve=True, actor=w["city"]),
        lambda: actions.decide_extension(b, approve=False, actor=w["city"]),
    )
    assert sum(isinstance(r, ExtensionRequest) for r in results) == 1
    assert all(isinstance(r, ExtensionRequest) or refused_clearly(r) for r in results)
    assert (
        AuditLog.objects.for_object(t).filter(event_type="tickets.extension_decided").count() == 1
    )


def test_double_clicked_submission_is_one_ticket(tworld: dict[str, Any]) -> None:
    w = tworld
    results = race(
        lambda: actions.raise_ticket(w["firm"], title="双击提交", text=TEXT, actor=w["firm_user"]),
        lambda: actions.raise_ticket(w["firm"], title="双击提交", text=TEXT, actor=w["firm_user"]),
    )
    assert all(isinstance(r, Ticket) for r in results), results
    assert results[0].pk == results[1].pk
    assert Ticket.objects.count() == 1
