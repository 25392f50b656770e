"""Demo 创新平台 (seed 000_3a1588e7e0c9528e.txt): 「乐山市建有省级(含)以上各类创新服务平台70余个，其中
国家级6个」. The seed gives the counts only: 72 records (6 national, 66 provincial) plus 10 city-level
ones, every name, host and date synthetic (模拟数据). Items of the platform-creation list of the
三张清单 are linked to the platforms of their region."""

from __future__ import annotations

import datetime as dt
import random

from jiazhou_web.accounts.choices import Role
from jiazhou_web.core.seeding import DemoContext
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.platforms import actions
from jiazhou_web.platforms.choices import Kind
from jiazhou_web.regions.models import Region

SOURCE = "种子材料000：省级（含）以上各类创新服务平台70余个，其中国家级6个（逐个明细为模拟数据）"
COUNTS = (("national", 6), ("provincial", 66), ("city", 10))
FIELDS = ("新材料", "新能源", "电子信息", "生物医药", "先进制造", "食品饮料")
SEGMENTS = ("晶硅光伏·多晶硅", "钒电池·电堆制造", "新材料·稀土功能材料", "食品饮料·茶叶加工", "")


def load(ctx: DemoContext) -> None:
    admin = ctx.personas[Role.CITY_ADMIN]
    rng = random.Random(ctx.seed + 30)
    regions = list(Region.objects.filter(kind__in=["district", "county"]).order_by("code"))
    firms = list(Enterprise.objects.order_by("pk")[:300])
    kinds = [k for k in Kind.values if k != Kind.OTHER]
    made = []
    n = 0
    for level, count in COUNTS:
        for _ in range(count):
            n += 1
            kind = rng.choice(kinds)
            firm = rng.choice(firms) if firms and rng.random() < 0.6 else None
            region = firm.region if firm else rng.choice(regions)
            made.append(
                actions.register(
                    actor=admin,
                    region=region,
                    name=f"乐山{FIELDS[n % len(FIELDS)]}{Kind(kind).label}（模拟{n:02d}）",
                    kind=kind,
                    level=level,
                    host_enterprise=firm,
                    host_name=firm.name if firm else f"{region.name}某高校院所（模拟）",
                    field=FIELDS[n % len(FIELDS)],
                    chain_segment=rng.choice(SEGMENTS),
                    recognised_on=dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(4000)),
                    recognised_by="",
                    source=SOURCE,
                    synthetic=True,
                )
            )
    _link_items(admin, made)
    ctx.say(f"创新平台：{len(made)} 个（国家级 6、省级 66、市级 10，模拟数据）")


def _link_items(admin: object, platforms: list) -> None:  # type: ignore[type-arg]
    from jiazhou_web.supervision.choices import ListKind
    from jiazhou_web.supervision.models import TaskItem

    items = list(TaskItem.objects.filter(task_list__kind=ListKind.PLATFORMS).order_by("pk")[:10])
    for item, platform in zip(items, platforms[6:], strict=False):
        actions.link_item(platform, item, actor=admin)
