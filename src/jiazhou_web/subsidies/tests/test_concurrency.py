"""Payment confirmed once, a stage approved once, an application filed once — under two
concurrent requests (threads with their own connections; PostgreSQL: run with DATABASE_URL)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from jiazhou_web.core.models import AuditLog
from jiazhou_web.core.tests.test_concurrency import needs_postgres, race, refused_clearly
from jiazhou_web.subsidies import actions
from jiazhou_web.subsidies.choices import AppState, SubsidyEvent, Track
from jiazhou_web.subsidies.models import Application, PaymentBatch, PaymentLine
from jiazhou_web.subsidies.tests.conftest import clause

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def batch(library: None, make_enterprise: Any, dept_officer: Any, year: int) -> PaymentBatch:
    cv = clause("tianfu-kechuangdai-2020", "guarantee")
    app = Application.objects.create(
        clause=cv,
        enterprise=make_enterprise(region="511112", name="并发测试有限公司"),
        year=year,
        track=Track.APPLY,
        state=AppState.APPROVED,
        approved_amount=Decimal("40000"),
    )
    return actions.create_batch([app], actor=dept_officer)


def test_a_batch_is_paid_once(batch: PaymentBatch, dept_officer: Any) -> None:
    a, b = (PaymentBatch.objects.get(pk=batch.pk) for _ in range(2))
    results = race(
        lambda: actions.mark_paid(a, actor=dept_officer, finance_voucher="A"),
        lambda: actions.mark_paid(b, actor=dept_officer, finance_voucher="B"),
    )
    wins = [r for r in results if isinstance(r, PaymentBatch)]
    assert len(wins) == 1 and all(refused_clearly(r) for r in results if r not in wins)
    assert AuditLog.objects.filter(event_type=SubsidyEvent.BATCH_PAID).count() == 1
    assert PaymentLine.objects.filter(state="paid").count() == 1


def test_an_approved_application_goes_into_one_batch(
    library: None, make_enterprise: Any, dept_officer: Any, year: int
) -> None:
    cv = clause("tianfu-kechuangdai-2020", "guarantee")
    app = Application.objects.create(
        clause=cv,
        enterprise=make_enterprise(region="511112", name="并发批次有限公司"),
        year=year,
        track=Track.APPLY,
        state=AppState.APPROVED,
        approved_amount=Decimal("1000"),
    )
    results = race(
        lambda: actions.create_batch([Application.objects.get(pk=app.pk)], actor=dept_officer),
        lambda: actions.create_batch([Application.objects.get(pk=app.pk)], actor=dept_officer),
    )
    assert sum(isinstance(r, PaymentBatch) for r in results) == 1
    assert PaymentLine.objects.filter(application=app).count() == 1
