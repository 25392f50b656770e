"""Demo: score the synthetic population with every programme's scheme in force this year."""

from __future__ import annotations

import time

from django.utils import timezone

from jiazhou_web.accounts.choices import Role
from jiazhou_web.core.seeding import DemoContext
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.scoring.actions import score_enterprises
from jiazhou_web.scoring.programmes import schemes_for


def load(ctx: DemoContext) -> None:
    year = timezone.localdate().year  # Y-1 is the last complete fiscal year of the population
    schemes = list(schemes_for(year).values())
    started = time.perf_counter()
    outcomes = score_enterprises(
        Enterprise.objects.all(),
        schemes,
        year,
        actor=ctx.personas.get(Role.CITY_ADMIN),
        scope_label="全市（演示数据）",
    )
    for o in outcomes:
        ctx.say(f"  {o.run.scheme_code} {year}: {o.run.unit_count} 家, {o.run.pass_count} 家通过")
    ctx.say(f"  评分用时 / scored in {time.perf_counter() - started:.1f}s")
