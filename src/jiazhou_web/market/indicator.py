"""The city's 技术合同成交额 (输出) fed into the monitoring indicator ``tech_contract_turnover``.

输出额(city) = Σ 成交额 of contracts registered with the city's registries in the year up to the
day (spec §3.5: the seller registers where it sits, so local registrations are the 输出 flow);
revoked, refused and cancelled contracts drop out. The value is one observation per year for the
city (period ``YYYY-01-01..YYYY-MM-DD``, the last registration day, ``fact_code`` MKTyyyy),
written inside the registration's transaction and updated by each later registration or
revocation of the year (monitoring has no update-a-figure action; the registration's audit row
records the change, so each action still writes one audit row).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from jiazhou.techmarket.flows import FlowContract, flows
from jiazhou_web.core import audit
from jiazhou_web.market.choices import ContractState, MarketEvent
from jiazhou_web.market.models import TechContract

INDICATOR = "tech_contract_turnover"
CITY = "511100"
FACT_PREFIX = "MKT"
SOURCE = "科技服务大市场·技术合同登记"


def registered_in_year(year: int, through: dt.date | None = None) -> Any:
    qs = TechContract.objects.filter(state=ContractState.REGISTERED, registered_on__year=year)
    if through is not None:
        qs = qs.filter(registered_on__lte=through)
    return qs


def output_total(year: int, through: dt.date | None = None) -> Decimal:
    """Σ 成交额 (万元) of the city's registrations, read as 输出 by the flows engine."""
    rows = registered_in_year(year, through).values_list(
        "pk", "seller__region__code", "buyer_region_code", "total_amount"
    )
    totals = flows((FlowContract(str(pk), s, b, a) for pk, s, b, a in rows), CITY[:4])
    return totals.output


@transaction.atomic
def refresh_indicator(day: dt.date, *, actor: Any, audit_row: bool = True) -> Any:
    """Write the year's 输出 total as of ``day`` (亿元) into the indicator."""
    from jiazhou_web.monitoring.models import Indicator, Observation
    from jiazhou_web.regions.models import Region

    year = day.year
    # the indicator row is the lock: two registrations at once write their totals in turn
    indicator = Indicator.objects.select_for_update().get(code=INDICATOR)
    last_day = (
        registered_in_year(year).order_by("-registered_on").values_list("registered_on", flat=True)
    ).first() or day
    value = output_total(year) / Decimal(10_000)
    fact = f"{FACT_PREFIX}{year}"
    period = f"{year}-01-01..{last_day.isoformat()}"
    observation = (
        Observation.objects.select_for_update().filter(indicator=indicator, fact_code=fact).first()
    )
    before = (
        None if observation is None else {"value": observation.value, "period": observation.period}
    )
    if observation is None:
        observation = Observation.objects.create(
            indicator=indicator,
            region=Region.objects.get(code=CITY),
            period=period,
            value=value,
            unit="亿元",
            fact_code=fact,
            reported_on=day,
            source_quote=SOURCE,
            notes="由本平台已登记技术合同（输出，卖方在本市）自动汇总",
        )
    else:
        Observation.objects.filter(pk=observation.pk).update(value=value, period=period)
        observation.value, observation.period = value, period
    if audit_row:  # called on its own; a registration's own audit row covers the call inside it
        audit.record(
            MarketEvent.INDICATOR_FED,
            actor=actor,
            target=observation,
            before=before,
            after={"value": value, "period": period},
        )
    return observation
