"""Demo: sync the pools, then 一企一策 plans with actions and service-log entries (模拟数据)
for the zone's and 五通桥区's firms nearest to 高新技术企业 recognition."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jiazhou_web.accounts.choices import Role
from jiazhou_web.core.seeding import DemoContext
from jiazhou_web.enterprises.choices import Programme
from jiazhou_web.pools import actions
from jiazhou_web.pools.assessment import stored_cards
from jiazhou_web.pools.choices import ServiceKind
from jiazhou_web.pools.models import EnterprisePlan
from jiazhou_web.pools.views import NEAR_ORDER, near_eligible_results

PLANS_PER_OFFICER = 6
NEEDS = (
    "希望开展研发费用辅助账归集培训",
    "需要对接高校专家评估知识产权布局",
    "咨询高企申报材料与科技人员认定口径",
    "希望获得创新券支持检测服务",
    "需要对接科技金融产品（科技贷）",
    "想了解技术合同登记与减免税政策",
)


def load(ctx: DemoContext) -> None:
    counts = actions.sync_pools(actor=None)
    ctx.say("  " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    today = timezone.localdate()
    made = 0
    for role in (Role.ZONE_OFFICER, Role.COUNTY_OFFICER):
        officer = ctx.personas.get(role)
        if officer is None:
            continue
        near = (
            near_eligible_results(officer, Programme.HNTE)
            .select_related("enterprise")
            .order_by(*NEAR_ORDER)[:PLANS_PER_OFFICER]
        )
        for n, result in enumerate(near):
            if not EnterprisePlan.objects.filter(enterprise=result.enterprise).exists():
                made += _plan(result.enterprise, officer, today, n)
    ctx.say(f"  {made} 份一企一策（模拟）/ synthetic cultivation plans")


def _plan(enterprise: object, officer: object, today: dt.date, n: int) -> int:
    plan = actions.create_plan(
        enterprise,  # type: ignore[arg-type]
        actor=officer,
        goal=Programme.HNTE,
        synthetic=True,
    )
    actions.assign_officer(plan, officer, actor=officer)
    goal = next(c for c in stored_cards(enterprise) if c.programme == Programme.HNTE)  # type: ignore[arg-type]
    for k, step in enumerate(goal.shortfalls[:2]):
        actions.add_plan_action(
            plan,
            title=step.text[:200],
            due_on=today + dt.timedelta(days=45 * (k + 1)),
            programme=Programme.HNTE,
            actor=officer,
            synthetic=True,
        )
    actions.add_plan_action(
        plan,
        title="准备高新技术企业认定申报材料",
        due_on=today + dt.timedelta(days=120),
        programme=Programme.HNTE,
        actor=officer,
        synthetic=True,
    )
    actions.log_service(
        plan,
        happened_on=today - dt.timedelta(days=20 + 7 * n),
        kind=ServiceKind.VISIT,
        content="上门走访，逐条核对高企认定条件与差距",
        needs=NEEDS[n % len(NEEDS)],
        actor=officer,
        synthetic=True,
    )
    return 1
