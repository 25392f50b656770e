"""Demo 人才 (docs/specs/next-capabilities.md §7.2): 嘉州英才培育计划 2021 round — 领军人才 about 74
people, 青年拔尖人才 about 40 [S] — and 高新英才 (乐府发〔2022〕17号 第十二条, no rules found [U]).
People, ID numbers (valid check digits, fictitious), employers and cards are synthetic (模拟数据)."""

from __future__ import annotations

import datetime as dt
import random

from jiazhou.identity import check_character
from jiazhou_web.accounts.choices import Role
from jiazhou_web.core.seeding import DemoContext
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.talent import actions

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅春雪"
DEGREES = ("doctor", "master", "bachelor")


def fictitious_id(rng: random.Random, region_code: str) -> str:
    birth = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(365 * 30))
    first17 = f"{region_code}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + check_character(first17)


def load(ctx: DemoContext) -> None:
    admin = ctx.personas[Role.CITY_ADMIN]
    rng = random.Random(ctx.seed + 40)
    jiazhou = actions.create_programme(
        actor=admin,
        code="JZYC",
        name="嘉州英才培育计划",
        issuer="中共乐山市委人才工作领导小组办公室",
        basis="2021年入选：领军人才8个项目约74人、青年拔尖人才4个项目约40人 [S]",
    )
    gaoxin = actions.create_programme(
        actor=admin,
        code="GXYC",
        name="高新英才",
        issuer="乐山高新区管委会",
        basis="乐府发〔2022〕17号 第十二条（评选规则未见公开文本 [U]）",
    )
    firms = list(Enterprise.objects.select_related("region").order_by("pk")[:300])
    people = [
        (jiazhou, 2021, "leading", 74),
        (jiazhou, 2021, "young_top", 40),
        (gaoxin, 2023, "leading", 10),
    ]
    made = []
    for programme, year, category, count in people:
        for _ in range(count):
            firm = rng.choice(firms)
            name = (
                rng.choice(SURNAMES)
                + rng.choice(GIVEN)
                + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
            )
            made.append(
                actions.add_talent(
                    programme,
                    actor=admin,
                    year=year,
                    name=name,
                    id_number=fictitious_id(
                        rng, firm.region.code if firm.region.code.isdigit() else "511100"
                    ),
                    category=category,
                    degree=rng.choice(DEGREES),
                    employer=firm,
                    employer_name=firm.name,
                    region=firm.region,
                    synthetic=True,
                )
            )
    issued = 0
    for talent in made[::3]:
        actions.issue_card(
            talent, actor=admin, card_class=rng.choice("ABCD"), issued_on=dt.date(2024, 5, 1)
        )
        issued += 1
    ctx.say(f"科技人才：{len(made)} 人，英才卡 {issued} 张（模拟数据）")
