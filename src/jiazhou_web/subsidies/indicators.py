"""Figures the monitoring indicators and the 大屏 can read (政策兑现资金 per policy and year).

Paid = paid lines minus clawbacks, by the year the batch was paid. The monitoring app does not
read this yet (its indicator catalogue is another app's); this is the one place to read it from.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import ExtractYear

from jiazhou_web.subsidies.choices import LineState
from jiazhou_web.subsidies.models import Clawback, PaymentLine


def paid_by_policy(year: int | None = None) -> dict[tuple[int, str], Decimal]:
    """(payment year, policy title) → 元 paid net of clawbacks."""
    lines = (
        PaymentLine.objects.filter(state=LineState.PAID)
        .annotate(y=ExtractYear("batch__paid_at"))
        .values_list("y", "application__clause__policy__title_zh")
        .annotate(s=Sum("amount"))
    )
    back = (
        Clawback.objects.annotate(y=ExtractYear("application__paid_at"))
        .values_list("y", "application__clause__policy__title_zh")
        .annotate(s=Sum("amount"))
    )
    out: dict[tuple[int, str], Decimal] = {}
    for y, title, s in lines:
        out[(y, title)] = out.get((y, title), Decimal(0)) + (s or Decimal(0))
    for y, title, s in back:
        out[(y, title)] = out.get((y, title), Decimal(0)) - (s or Decimal(0))
    return {k: v for k, v in sorted(out.items()) if year is None or k[0] == year}
