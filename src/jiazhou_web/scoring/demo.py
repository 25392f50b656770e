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
    _declare_reviewer_link(ctx)


def _declare_reviewer_link(ctx: DemoContext) -> None:
    """The demo reviewer declares a link with the first firm awaiting expert review, so the
    queue shows one 回避 row (issue 14)."""
    from jiazhou_web.scoring.review import declare_affiliation, review_queue

    reviewer = ctx.personas.get(Role.REVIEWER)
    if reviewer is None:
        return
    first = review_queue(reviewer).first()
    if first is not None:
        declare_affiliation(
            reviewer, first.enterprise, "曾任该企业技术顾问（演示）", actor=reviewer
        )
        ctx.say(f"  评审专家回避：{first.enterprise.name}")
