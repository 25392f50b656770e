"""Demo 科技项目 (seed 000_3a1588e7e0c9528e.txt): the national/provincial projects of the last two
years, an expert pool, and one municipal call with applications at several stages.

Seed 000: 「近两年来，乐山市累计获得国省科技项目立项84项，支持资金6505.6万元。获国家自然科学基金立项
支持4项、四川省自然科学基金立项支持4项」. The seed gives the totals only: the 84 records below add
up to exactly those totals (84 项, 65,056,000 元, 4 国家自然科学基金, 4 四川省自然科学基金), and every
project-level detail (title, unit, date, amount) is synthetic (模拟数据). Experts and the call
are synthetic too. Everything goes through the real actions.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.utils import timezone

from jiazhou_web.accounts.choices import Role
from jiazhou_web.core.seeding import DemoContext
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.projects import actions
from jiazhou_web.projects.models import Expert
from jiazhou_web.regions.models import Region

SEED_SOURCE = "种子材料000：近两年国省科技项目立项84项、支持资金6505.6万元（逐项明细为模拟数据）"
TOTAL_PROJECTS = 84
TOTAL_YUAN = Decimal("65056000")
FIELDS = ("新材料", "新能源", "电子信息", "生物医药", "先进制造")
PROGRAMMES = (
    ("national", "国家自然科学基金", 4),
    ("provincial", "四川省自然科学基金", 4),
    ("national", "国家重点研发计划", 6),
    ("provincial", "四川省重点研发计划", 40),
    ("provincial", "四川省科技成果转移转化示范项目", 30),
)
TOPICS = (
    "钒电池电堆关键材料",
    "高纯晶硅制备工艺",
    "低热水泥性能提升",
    "稀土功能材料",
    "核电电缆可靠性",
    "页岩气油基岩屑处理",
    "茶叶精深加工",
    "光伏组件回收",
    "储能系统集成",
    "智能制造产线",
)


def load(ctx: DemoContext) -> None:
    admin = ctx.personas[Role.CITY_ADMIN]
    rng = random.Random(ctx.seed + 20)
    _external(admin, rng)
    experts = _experts(admin, ctx, rng)
    _call(admin, ctx, experts)
    ctx.say(f"科技项目：国省项目 {TOTAL_PROJECTS} 项，专家 {len(experts)} 名，示范指南 1 个")


def _amounts(rng: random.Random) -> list[Decimal]:
    """84 amounts in whole 千元 adding up to exactly 6505.6万元."""
    weights = [rng.uniform(0.3, 2.0) for _ in range(TOTAL_PROJECTS)]
    scale = float(TOTAL_YUAN) / sum(weights)
    amounts = [Decimal(int(w * scale / 1000) * 1000) for w in weights]
    amounts[0] += TOTAL_YUAN - sum(amounts)
    return amounts


def _external(admin: Any, rng: random.Random) -> None:
    regions = list(Region.objects.filter(kind__in=["district", "county"]).order_by("code"))
    firms = list(Enterprise.objects.order_by("pk")[:200])
    amounts = _amounts(rng)
    n = 0
    for level, programme, count in PROGRAMMES:
        for _ in range(count):
            firm = rng.choice(firms) if firms and rng.random() < 0.7 else None
            region = firm.region if firm else rng.choice(regions)
            topic = rng.choice(TOPICS)
            actions.record_external(
                actor=admin,
                title=f"{topic}研究（模拟）",
                unit_name=firm.name if firm else f"{region.name}某高校院所（模拟）",
                enterprise=firm,
                region=region,
                level=level,
                programme=programme,
                funding_yuan=amounts[n],
                approved_on=dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(700)),
                four_batches=rng.random() < 0.3,
                source=SEED_SOURCE,
                synthetic=True,
            )
            n += 1
    assert n == TOTAL_PROJECTS


def _experts(admin: Any, ctx: DemoContext, rng: random.Random) -> list[Expert]:
    from jiazhou_web.core import audit
    from jiazhou_web.projects.choices import ProjectEvent

    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
    units = (
        "西南交通大学（模拟）",
        "四川大学（模拟）",
        "乐山师范学院（模拟）",
        "成都理工大学（模拟）",
    )
    experts = []
    reviewer = ctx.personas.get(Role.REVIEWER)
    for i in range(20):
        expert = Expert.objects.create(
            code=f"ZJ{i + 1:03d}",
            name=f"{surnames[i]}教授（模拟）",
            unit_name=units[i % len(units)],
            fields=[FIELDS[i % len(FIELDS)], FIELDS[(i + 1) % len(FIELDS)]],
            affiliations=[{"party": units[i % len(units)]}],
            user=reviewer if i == 0 else None,
        )
        audit.record(
            ProjectEvent.EXPERT_CREATED, actor=admin, target=expert, after={"code": expert.code}
        )
        experts.append(expert)
    return experts


def _call(admin: Any, ctx: DemoContext, experts: list[Expert]) -> None:
    today = timezone.localdate()
    call = actions.create_call(
        actor=admin,
        code=f"LSKJ-{today.year}-01",
        title=f"{today.year}年度乐山市重点研发计划（新材料领域）（模拟）",
        year=today.year,
        field="新材料",
        budget_yuan=Decimal("5000000"),
        max_per_project_yuan=Decimal("500000"),
        opens=today - dt.timedelta(days=20),
        closes=today + dt.timedelta(days=20),
        experts_per_application=5,
    )
    actions.set_call_state(call, "open", actor=admin)
    firm_user = ctx.personas.get(Role.ENTERPRISE_USER)
    if firm_user is None:
        return
    firm = Enterprise.objects.get(pk=firm_user.role_assignments.active().first().enterprise_id)
    app = actions.create_application(
        call,
        firm,
        actor=firm_user,
        title="钒电池电堆双极板复合材料开发（模拟）",
        requested_yuan=Decimal("450000"),
        summary="面向钒电池电堆的低成本高导电双极板材料研发与中试。",
        team=["赵企", "钱工"],
    )
    actions.submit(app, actor=firm_user)
    actions.form_check(app, "pass", actor=admin)
    # one expert of the field works at the applicant: the draw excludes him and says why
    conflicted = next(e for e in experts if "新材料" in e.fields and e.user_id is None)
    conflicted.affiliations = [*conflicted.affiliations, {"party": firm.uscc or firm.name}]
    conflicted.save(update_fields=["affiliations"])
    reviewer_expert = experts[0]
    actions.draw(app, actor=admin, seed=ctx.seed)
    if not app.assignments.filter(expert=reviewer_expert).exists():
        # the demo reviewer sees a task: a second application drawn until it includes him
        for n in range(2, 12):
            other = actions.create_application(
                call,
                firm,
                actor=firm_user,
                title=f"钒电池关键材料中试验证（第{n}期，模拟）",
                requested_yuan=Decimal("300000"),
                team=["赵企"],
            )
            actions.submit(other, actor=firm_user)
            actions.form_check(other, "pass", actor=admin)
            actions.draw(other, actor=admin, seed=ctx.seed + n)
            if other.assignments.filter(expert=reviewer_expert).exists():
                break
